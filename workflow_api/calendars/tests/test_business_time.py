"""Business-time arithmetic, by hand: weekends, lunch breaks, holidays, time zones and DST."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from calendars.business_time import NoWorkingTime, Schedule, business_add, business_minutes

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def office(tz="UTC", lunch=False, **kwargs) -> Schedule:
    spans = ((540, 720), (780, 1020)) if lunch else ((540, 1020),)
    return Schedule(tz, {d: spans for d in range(5)}, **kwargs)


def at(*args, tz=UTC):
    return datetime(*args, tzinfo=tz)


def test_time_inside_the_day_is_plain_addition():
    assert business_add(office(), at(2026, 11, 23, 10), 90) == at(2026, 11, 23, 11, 30)


def test_it_rolls_over_the_night_and_the_weekend():
    # Friday 16:00 + 2 h = Monday 10:00
    assert business_add(office(), at(2026, 11, 27, 16), 120) == at(2026, 11, 30, 10)


def test_a_start_outside_working_hours_begins_at_the_next_opening():
    assert business_add(office(), at(2026, 11, 28, 12), 30) == at(2026, 11, 30, 9, 30)  # Saturday


def test_the_lunch_break_is_not_counted():
    assert business_add(office(lunch=True), at(2026, 11, 23, 11), 120) == at(2026, 11, 23, 14)
    assert business_minutes(office(lunch=True), at(2026, 11, 23, 11), at(2026, 11, 23, 14)) == 120


def test_holidays_are_skipped_and_recurring_ones_every_year():
    fixed = office(holidays=frozenset({date(2026, 11, 24)}))
    assert business_add(fixed, at(2026, 11, 23, 16), 120) == at(2026, 11, 25, 10)
    yearly = office(yearly_holidays=frozenset({(12, 25)}))
    assert business_add(yearly, at(2028, 12, 22, 16), 120) == at(2028, 12, 26, 10)  # Mon 25 Dec 2028 off


def test_the_calendar_time_zone_decides_the_working_day():
    berlin = office("Europe/Berlin")
    # 08:30 UTC is 09:30 in Berlin (winter): 30 minutes already worked
    assert business_minutes(berlin, at(2026, 11, 23, 8), at(2026, 11, 23, 8, 30)) == 30
    assert business_add(berlin, at(2026, 11, 23, 7), 60) == at(2026, 11, 23, 10, 0, tz=BERLIN)


def test_daylight_saving_spring_forward_keeps_working_hours_on_the_wall_clock():
    # New York, Sunday 8 March 2026 is the change; a 24×7 calendar loses an hour that night
    always = Schedule("America/New_York", {d: ((0, 1440),) for d in range(7)})
    start = at(2026, 3, 7, 12, tz=NEW_YORK)
    assert business_minutes(always, start, at(2026, 3, 8, 12, tz=NEW_YORK)) == 23 * 60
    # an office day after the change still runs 09:00-17:00 local
    ny = office("America/New_York")
    assert business_add(ny, at(2026, 3, 6, 16, tz=NEW_YORK), 120) == at(2026, 3, 9, 10, tz=NEW_YORK)


def test_daylight_saving_fall_back_gains_an_hour_on_a_24x7_calendar():
    always = Schedule("Europe/Berlin", {d: ((0, 1440),) for d in range(7)})
    start = at(2026, 10, 24, 12, tz=BERLIN)
    assert business_minutes(always, start, at(2026, 10, 25, 12, tz=BERLIN)) == 25 * 60


def test_minutes_between_is_the_inverse_of_adding():
    schedule = office("Europe/Berlin", lunch=True)
    start = at(2026, 11, 20, 15, 17)
    for minutes in (1, 59, 240, 1000, 5000):
        assert business_minutes(schedule, start, business_add(schedule, start, minutes)) == pytest.approx(
            minutes
        )


def test_reversed_instants_count_negative():
    assert business_minutes(office(), at(2026, 11, 23, 11), at(2026, 11, 23, 10)) == -60


def test_a_calendar_without_working_time_is_refused():
    with pytest.raises(NoWorkingTime):
        business_add(Schedule("UTC", {}), at(2026, 1, 1), 10)


def test_naive_instants_are_refused():
    with pytest.raises(ValueError):
        business_add(office(), datetime(2026, 1, 1), 10)


def test_a_schedule_lays_out_each_day_once_and_keeps_a_bounded_number(monkeypatch):
    from calendars import business_time

    schedule = office("Europe/Berlin", lunch=True, holidays=frozenset({date(2026, 12, 25)}))
    laid_out = []
    lay_out = Schedule._lay_out
    monkeypatch.setattr(Schedule, "_lay_out", lambda self, day: laid_out.append(day) or lay_out(self, day))

    monday = schedule.windows(date(2026, 11, 23))
    assert schedule.windows(date(2026, 11, 23)) is monday and laid_out == [date(2026, 11, 23)]
    assert monday == (
        (at(2026, 11, 23, 8), at(2026, 11, 23, 11)),
        (at(2026, 11, 23, 12), at(2026, 11, 23, 16)),
    )
    assert schedule.windows(date(2026, 12, 25)) == () and schedule.windows(date(2026, 11, 28)) == ()
    # the same figures as a schedule that has laid out nothing yet
    fresh = office("Europe/Berlin", lunch=True, holidays=frozenset({date(2026, 12, 25)}))
    assert business_minutes(schedule, at(2026, 11, 20), at(2026, 12, 31)) == business_minutes(
        fresh, at(2026, 11, 20), at(2026, 12, 31)
    )

    monkeypatch.setattr(business_time, "WINDOWS_KEPT", 3)
    for offset in range(10):
        schedule.windows(date(2027, 1, 1 + offset))
    assert len(schedule._windows) <= 3

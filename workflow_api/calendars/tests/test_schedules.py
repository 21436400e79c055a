"""calendars.selectors: each process remembers a calendar's schedule until it is saved again."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calendars.business_time import Schedule
from calendars.models import Calendar, Holiday, WorkingInterval
from calendars.selectors import schedule_of, schedules_load
from calendars.services import calendar_save

pytestmark = pytest.mark.django_db
MONDAY_NINE_UTC = datetime(2026, 11, 30, 9, tzinfo=UTC)


def office(name: str = "Lisbon office", start: int = 9 * 60) -> Calendar:
    return calendar_save(
        calendar=None,
        name=name,
        time_zone="Europe/Lisbon",
        intervals=[{"weekday": d, "start_minute": start, "end_minute": 17 * 60} for d in range(5)],
        holidays=[
            {"date": date(2026, 12, 25), "name": "Christmas", "recurring_yearly": True},
            {"date": date(2026, 12, 8), "name": "Bridge day", "recurring_yearly": False},
        ],
    )


def test_a_schedule_holds_the_calendars_working_time_and_holidays():
    calendar = office()

    schedule = schedule_of(Calendar.objects.get(pk=calendar.pk))

    assert schedule == Schedule(
        time_zone="Europe/Lisbon",
        intervals={d: ((540, 1020),) for d in range(5)},
        holidays=frozenset({date(2026, 12, 8)}),
        yearly_holidays=frozenset({(12, 25)}),
    )


def test_the_embedded_modes_sqlite_reads_the_same_schedule_without_arrays(monkeypatch):
    # SQLite has no ARRAY(): the embedded mode reads intervals and holidays with two queries
    from calendars.selectors import schedules_forget

    calendar = Calendar.objects.get(pk=office().pk)
    expected = schedule_of(calendar)
    schedules_forget()
    monkeypatch.setattr(connection, "vendor", "sqlite")

    assert schedule_of(calendar) == expected


def test_no_calendar_is_round_the_clock():
    assert schedule_of(None) == Schedule.always()


def test_a_process_reads_a_calendar_once():
    # given a process that has counted on this calendar once
    calendar = Calendar.objects.get(pk=office().pk)
    schedule_of(calendar)

    # when it counts on it again, through the row as another request reads it
    with CaptureQueriesContext(connection) as queries:
        schedule = schedule_of(Calendar.objects.get(pk=calendar.pk))

    # then only the calendar's row is read, not its working time
    assert len(queries) == 1
    assert schedule.intervals[0] == ((540, 1020),)


def test_a_calendar_saved_by_another_process_is_read_again():
    # given this process remembers the calendar
    calendar = Calendar.objects.get(pk=office().pk)
    schedule_of(calendar)

    # when another process moves the start to 08:00 (as calendar_save there does: the rows
    # change and the calendar is saved, which sets updated_at; this process is not told)
    WorkingInterval.objects.filter(calendar=calendar).update(start_minute=8 * 60)
    Calendar.objects.filter(pk=calendar.pk).update(updated_at=calendar.updated_at + timedelta(seconds=1))

    # then the row read afterwards has a new key, and the new working time counts
    assert schedule_of(Calendar.objects.get(pk=calendar.pk)).intervals[0] == ((480, 1020),)


def test_a_row_read_before_the_calendar_was_saved_counts_on_the_newest_schedule():
    # given a row read, then the calendar saved again elsewhere with a holiday removed
    calendar = office()
    stale = Calendar.objects.get(pk=calendar.pk)
    Holiday.objects.filter(calendar=calendar, recurring_yearly=False).delete()
    Calendar.objects.filter(pk=calendar.pk).update(updated_at=stale.updated_at + timedelta(seconds=1))

    # when
    schedule = schedule_of(stale)

    # then
    assert schedule.holidays == frozenset()


def test_saving_a_calendar_shows_at_once_even_within_one_clock_tick():
    calendar = office()
    schedule_of(calendar)

    calendar_save(
        calendar=calendar,
        name=calendar.name,
        time_zone="Europe/Lisbon",
        intervals=[{"weekday": 0, "start_minute": 600, "end_minute": 660}],
        holidays=[],
    )

    assert schedule_of(calendar).intervals == {0: ((600, 660),)}


def test_a_page_of_calendars_is_read_in_one_query():
    calendars = [Calendar.objects.get(pk=office(f"Office {n}", start=480 + n).pk) for n in range(3)]

    with CaptureQueriesContext(connection) as queries:
        schedules_load([*calendars, None, calendars[0]])
        schedules = [schedule_of(c) for c in calendars]

    assert len(queries) == 1
    assert [s.intervals[4] for s in schedules] == [((480, 1020),), ((481, 1020),), ((482, 1020),)]

"""Arithmetic in business time: adding working minutes to an instant, and counting the
working minutes between two instants, on a calendar in its own time zone.

Intervals are laid out per local date and converted to UTC one by one, so a
daylight-saving change shortens or lengthens that day's working time exactly as a clock
on the wall would. Pure functions over a `Schedule`, so they can be tested without a
database and cached per calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS = 366 * 10  # a calendar with no working time must not loop forever
WINDOWS_KEPT = 4096  # local days whose windows a schedule keeps (about eleven years of them)


class NoWorkingTime(ValueError):
    """The calendar has no working time within ten years of the start."""


@dataclass(frozen=True)
class Schedule:
    time_zone: str
    # weekday (0 = Monday) -> sorted, non-overlapping (start_minute, end_minute)
    intervals: dict[int, tuple[tuple[int, int], ...]]
    holidays: frozenset[date] = field(default_factory=frozenset)
    yearly_holidays: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (month, day)
    # Each local day's windows, laid out once: a schedule is immutable and kept per calendar
    # (calendars.selectors), and a page of my tasks counts over the same few days for every
    # task on it (a third of its rendering went to laying them out again).
    _windows: dict[date, tuple[tuple[datetime, datetime], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def always(cls) -> Schedule:
        return cls("UTC", {d: ((0, 1440),) for d in range(7)})

    def is_holiday(self, day: date) -> bool:
        return day in self.holidays or (day.month, day.day) in self.yearly_holidays

    def windows(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """The working windows of local ``day`` as UTC instants."""
        found = self._windows.get(day)
        if found is None:
            if len(self._windows) >= WINDOWS_KEPT:
                self._windows.clear()
            found = self._windows[day] = self._lay_out(day)
        return found

    def _lay_out(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        if self.is_holiday(day):
            return ()
        zone = ZoneInfo(self.time_zone)
        return tuple(
            (_local(day, start, zone), _local(day, end, zone))
            for start, end in self.intervals.get(day.weekday(), ())
        )


def _local(day: date, minute: int, zone: ZoneInfo) -> datetime:
    if minute >= 1440:
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone).astimezone(UTC)


def _days_from(schedule: Schedule, instant: datetime):
    day = instant.astimezone(ZoneInfo(schedule.time_zone)).date() - timedelta(days=1)
    for offset in range(MAX_DAYS):
        yield day + timedelta(days=offset)
    raise NoWorkingTime("The calendar has no working time within ten years.")


def business_add(schedule: Schedule, start: datetime, minutes: float) -> datetime:
    """The instant when ``minutes`` of working time have passed since ``start``."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    remaining = timedelta(minutes=minutes)
    if remaining <= timedelta(0):
        return start
    for day in _days_from(schedule, start):
        for window_start, window_end in schedule.windows(day):
            begin = max(window_start, start)
            if window_end <= begin:
                continue
            available = window_end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
    raise NoWorkingTime("The calendar has no working time within ten years.")  # pragma: no cover


def business_minutes(schedule: Schedule, start: datetime, end: datetime) -> float:
    """Working minutes between two instants (negative if ``end`` is before ``start``)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    if end < start:
        return -business_minutes(schedule, end, start)
    total = timedelta(0)
    zone = ZoneInfo(schedule.time_zone)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    day = start.astimezone(zone).date() - timedelta(days=1)
    while day <= last_day:
        for window_start, window_end in schedule.windows(day):
            overlap = min(window_end, end) - max(window_start, start)
            if overlap > timedelta(0):
                total += overlap
        day += timedelta(days=1)
    return total.total_seconds() / 60

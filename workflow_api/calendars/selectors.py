from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef
from django.db.models.functions import JSONObject

from calendars.business_time import Schedule
from calendars.models import Calendar, Holiday, WorkingInterval

# Every SLA figure on a task list is counted on its workflow's calendar. Each process
# remembers a calendar's schedule under its key and the time it was last saved: saving a
# calendar (calendar_save, the admin) sets updated_at, so an edited calendar comes with a
# new key and is read again, and a schedule is never served for a calendar that changed.
SCHEDULES_KEPT = 1024
_schedules: dict[tuple[int, datetime], Schedule] = {}
_ALWAYS = Schedule.always()


def _key(calendar: Calendar) -> tuple[int, datetime]:
    return (calendar.pk, calendar.updated_at)


def schedules_load(calendars: Iterable[Calendar | None]) -> None:
    """Read, in one query, the working time and holidays of the calendars this process
    has no schedule for (a page of tasks shares a handful of calendars)."""
    wanted = {
        calendar.pk for calendar in calendars if calendar is not None and _key(calendar) not in _schedules
    }
    if not wanted:
        return
    if len(_schedules) + len(wanted) > SCHEDULES_KEPT:
        _schedules.clear()
    for pk, updated_at, time_zone, spans, days in _calendar_rows(wanted):
        _schedules[(pk, updated_at)] = _schedule(time_zone, spans, days)


def _calendar_rows(wanted: set[int]) -> Iterable[tuple]:
    """(pk, updated_at, time_zone, spans, days) per calendar: PostgreSQL gathers the
    intervals and holidays into arrays in the same query; the embedded mode's SQLite, which
    has no arrays, reads them with two more."""
    calendars = Calendar.objects.filter(pk__in=wanted).order_by()
    if connection.vendor != "postgresql":
        calendars = calendars.prefetch_related("intervals", "holidays")
        return [
            (
                c.pk,
                c.updated_at,
                c.time_zone,
                [
                    {"weekday": i.weekday, "start": i.start_minute, "end": i.end_minute}
                    for i in c.intervals.all()
                ],
                [{"date": h.date.isoformat(), "yearly": h.recurring_yearly} for h in c.holidays.all()],
            )
            for c in calendars
        ]
    intervals = WorkingInterval.objects.filter(calendar=OuterRef("pk")).values(
        json=JSONObject(weekday="weekday", start="start_minute", end="end_minute")
    )
    holidays = Holiday.objects.filter(calendar=OuterRef("pk")).values(
        json=JSONObject(date="date", yearly="recurring_yearly")
    )
    return calendars.annotate(
        spans=ArraySubquery(intervals.order_by()), days=ArraySubquery(holidays.order_by())
    ).values_list("pk", "updated_at", "time_zone", "spans", "days")


def _schedule(time_zone: str, spans: list[dict], days: list[dict]) -> Schedule:
    intervals: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        intervals.setdefault(span["weekday"], []).append((span["start"], span["end"]))
    dates = [(date.fromisoformat(day["date"]), day["yearly"]) for day in days]
    return Schedule(
        time_zone=time_zone,
        intervals={day: tuple(sorted(found)) for day, found in intervals.items()},
        holidays=frozenset(d for d, yearly in dates if not yearly),
        yearly_holidays=frozenset((d.month, d.day) for d, yearly in dates if yearly),
    )


def schedule_of(calendar: Calendar | None) -> Schedule:
    """The calendar as the business-time functions use it (24×7 when there is none)."""
    if calendar is None:
        return _ALWAYS
    schedule = _schedules.get(_key(calendar))
    if schedule is None:
        schedules_load([calendar])
        # saved again since this row was read: the newest schedule is the one to count on
        schedule = _schedules.get(_key(calendar)) or _newest(calendar.pk)
    return schedule


def _newest(pk: int) -> Schedule:
    newest = max((key for key in _schedules if key[0] == pk), key=lambda key: key[1], default=None)
    if newest is None:
        raise Calendar.DoesNotExist(f"Calendar {pk} does not exist.")
    return _schedules[newest]


def schedules_forget() -> None:
    """For tests, whose rolled-back databases may hand a calendar's key out again, and for
    calendar_save, whose changes must show at once even within one clock tick."""
    _schedules.clear()

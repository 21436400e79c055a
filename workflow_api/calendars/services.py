from __future__ import annotations

from django.db import transaction
from rest_framework.exceptions import ValidationError

from calendars.models import Calendar, Holiday, WorkingInterval
from calendars.selectors import schedules_forget

ALWAYS = "24×7"
OFFICE = "Mon–Fri 09:00–17:00"


def _check_intervals(intervals: list[dict]) -> None:
    by_day: dict[int, list[tuple[int, int]]] = {}
    for interval in intervals:
        if not 0 <= interval["start_minute"] < interval["end_minute"] <= 1440:
            raise ValidationError({"intervals": ["Each interval must start before it ends, within the day."]})
        by_day.setdefault(interval["weekday"], []).append((interval["start_minute"], interval["end_minute"]))
    for day, spans in by_day.items():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            if start < end:
                raise ValidationError({"intervals": [f"Intervals overlap on weekday {day}."]})
    if not intervals:
        raise ValidationError({"intervals": ["A calendar needs some working time."]})


@transaction.atomic
def calendar_save(
    *, calendar: Calendar | None, name: str, time_zone: str, intervals: list[dict], holidays: list[dict]
) -> Calendar:
    """Create or replace a calendar with its intervals and holidays."""
    _check_intervals(intervals)
    if calendar is None:
        calendar = Calendar.objects.create(name=name, time_zone=time_zone)
    else:
        calendar.name, calendar.time_zone = name, time_zone
        calendar.save()
        calendar.intervals.all().delete()
        calendar.holidays.all().delete()
    WorkingInterval.objects.bulk_create([WorkingInterval(calendar=calendar, **i) for i in intervals])
    Holiday.objects.bulk_create([Holiday(calendar=calendar, **h) for h in holidays])
    schedules_forget()  # its new updated_at is a new key anyway; this also covers a save within one clock tick
    return calendar


def calendars_ensure_defaults() -> None:
    """The two calendars every installation has (idempotent)."""
    if not Calendar.objects.filter(name=ALWAYS).exists():
        calendar_save(
            calendar=None,
            name=ALWAYS,
            time_zone="UTC",
            intervals=[{"weekday": d, "start_minute": 0, "end_minute": 1440} for d in range(7)],
            holidays=[],
        )
    if not Calendar.objects.filter(name=OFFICE).exists():
        calendar_save(
            calendar=None,
            name=OFFICE,
            time_zone="UTC",
            intervals=[{"weekday": d, "start_minute": 9 * 60, "end_minute": 17 * 60} for d in range(5)],
            holidays=[],
        )

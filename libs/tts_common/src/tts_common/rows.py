"""Lists that render their rows without model instances or DRF serializers (the lists
agents open all day: engine.task_list, tickets' list) render values as DRF would."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(value: datetime | None) -> datetime | None:
    """Aware and in UTC, as the ORM gives it (SQLite's raw rows are naive UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def api_datetime(value: datetime | None) -> str | None:
    """As DRF's DateTimeField renders it in the services' time zone, UTC: ISO 8601, ``Z``."""
    if value is None:
        return None
    text = utc(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text

"""Lists that render their rows without model instances or DRF serializers (the lists
agents open all day: engine.task_list, tickets' list) render values as DRF would."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from django.db import connection
from rest_framework.exceptions import ValidationError
from rest_framework.filters import search_smart_split


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


# Their query parameters are read as django-filter, DRF's SearchFilter and OrderingFilter
# read them (the same values, the same 400s), into SQL of their own.


def refuse_null_characters(params) -> None:
    """A 400 naming every parameter with a null character (PostgreSQL cannot take one)."""
    nul = sorted(name for name, value in params.items() if "\x00" in value)
    if nul:
        raise ValidationError({name: ["Null characters are not allowed."] for name in nul})


def invalid_choice(value: str) -> list[str]:
    """django-filter's message for a value outside a ChoiceFilter's choices."""
    return [f"Select a valid choice. {value} is not one of the available choices."]


def search_sql(search: str, columns: Sequence[str]) -> tuple[list[str], list[str]]:
    """SearchFilter's rule: every term (quoted phrases kept whole) in one of ``columns``,
    case-insensitive, ``%`` and ``_`` taken literally. One clause per term, and its values."""
    clauses, values = [], []
    for term in search_smart_split(search):
        like = f"%{connection.ops.prep_for_like_query(term)}%"
        clauses.append("(" + " OR ".join(f"UPPER({c}) LIKE UPPER(%s) ESCAPE '\\'" for c in columns) + ")")
        values += [like] * len(columns)
    return clauses, values


def ordering_sql(asked: str, orderings: Mapping[str, str], default: Sequence[str], last: str) -> str:
    """OrderingFilter's rule (names it does not know are left out; none left, ``default``)
    as an ORDER BY list over ``orderings`` (name -> SQL), then ``last``, so that pages of a
    list never overlap."""
    terms = [term.strip() for term in asked.split(",")]
    terms = [term for term in terms if term.lstrip("-") in orderings] or default
    return ", ".join(
        f"{orderings[t.lstrip('-')]} {'DESC' if t.startswith('-') else 'ASC'}" for t in terms
    ) + (f", {last}")

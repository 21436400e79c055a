"""django-filter filters the services share."""

from __future__ import annotations

import copy
from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django_filters.fields import IsoDateTimeField


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, converted to UTC. Python accepts UTC offsets up to ±23:59,
    PostgreSQL only up to ±15:59: passed on as given, ``+16:00`` was a database error (a 500)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None or timezone.is_naive(value):
            return value
        try:
            return value.astimezone(UTC)
        except OverflowError as exc:  # 0001-01-01T00:00+01:00 is before the first UTC instant
            raise ValidationError("This date-time is out of range.", code="invalid") from exc


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """``?since=2026-01-05T09:30:00+01:00``: any ISO 8601 date-time, compared in UTC."""

    field_class = UTCIsoDateTimeField


class _CopiedOneDeep(dict):
    """Filters or form fields that each filter set, or form, copies for itself one level
    deep. django-filter and Django deep-copy them on every request, choices and widgets
    included (about a tenth of a list request); an instance only sets a filter's model and
    parent, and cleaning a value changes no field, so a copy of each is enough."""

    def __deepcopy__(self, memo):
        copied = {name: copy.copy(value) for name, value in self.items()}
        for value in copied.values():
            if getattr(value, "method", None) is not None:  # a method filter calls its own copy
                value.method = value.method
        return copied


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, with its form class built once per class. django-filter
    builds a new Form class, and a form field per filter, on every request: about a
    millisecond of each list request. The fields depend only on the filters' declarations
    (a form copies its fields per instance), so one class serves every request. Its
    filters and form fields are copied one level deep per request (``_CopiedOneDeep``)."""

    def __init__(self, *args, **kwargs):
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_filters"), _CopiedOneDeep):
            cls.base_filters = _CopiedOneDeep(cls.base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        cls = type(self)
        form = cls.__dict__.get("_form_class")
        if form is None:
            form = super().get_form_class()
            form.base_fields = _CopiedOneDeep(form.base_fields)
            cls._form_class = form
        return form


# A priority's urgency as a number, so that sorting by it is not alphabetical; anything
# else ranks 1. priority_rank (the ORM), priority_rank_sql (SQL) and priority_rank_of
# (Python) all read this table.
PRIORITY_RANKS = {"urgent": 4, "high": 3, "medium": 2}


def priority_rank_of(priority: str) -> int:
    return PRIORITY_RANKS.get(priority, 1)


def priority_rank(field: str = "priority") -> Case:
    """A priority's urgency as a number (PRIORITY_RANKS) in the ORM."""
    return Case(
        *(When(**{field: name}, then=Value(rank)) for name, rank in PRIORITY_RANKS.items()),
        default=Value(1),
        output_field=IntegerField(),
    )


def priority_rank_sql(column: str) -> str:
    """priority_rank in SQL (for the lists read with SQL written for them, tts_common.rows)."""
    ranks = " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in PRIORITY_RANKS.items())
    return f"CASE {column} {ranks} ELSE 1 END"

"""django-filter filters the services share."""

from __future__ import annotations

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
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


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, with its form class built once per class. django-filter
    builds a new Form class, and a form field per filter, on every request: about a
    millisecond of each list request. The fields depend only on the filters' declarations
    (a form copies its fields per instance), so one class serves every request."""

    def get_form_class(self):
        cls = type(self)
        form = cls.__dict__.get("_form_class")
        if form is None:
            form = super().get_form_class()
            cls._form_class = form
        return form

"""The query parameters every report takes, validated into a :class:`ReportFilters`.

``since`` and ``until`` accept an ISO date or datetime. A date means the start of that day
for ``since`` and the whole of that day for ``until`` (the period ends at the next
midnight); a datetime is used as given, ``until`` exclusive. Times without an offset are
read in the service's time zone (UTC); answers give UTC. Without them the period is the
last 30 days, and it may span at most ten years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

DEFAULT_PERIOD = timedelta(days=30)
# The longest period a report covers: bounds the volume report's buckets and keeps
# date arithmetic far from the calendar's ends.
MAX_PERIOD = timedelta(days=3660)
EARLIEST, LATEST = date(1970, 1, 1), date(2999, 12, 31)
BIGINT_MAX = 2**63 - 1


@dataclass(frozen=True)
class ReportFilters:
    since: datetime
    until: datetime  # exclusive
    workflow_id: int | None = None
    department: str | None = None
    role_id: int | None = None
    agent_id: int | None = None


@extend_schema_field(OpenApiTypes.STR)
class InstantField(serializers.Field):
    """An ISO date or datetime. A date becomes midnight at its start, or with
    ``end_of_day`` midnight at its end."""

    default_error_messages = {
        "invalid": "Use an ISO 8601 date (2025-03-01) or datetime (2025-03-01T09:30:00Z).",
        "range": f"Use a date between {EARLIEST} and {LATEST}.",
    }

    def __init__(self, *, end_of_day: bool = False, **kwargs):
        self.end_of_day = end_of_day
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> datetime:
        text = str(data).strip()
        try:
            day = parse_date(text)
            instant = None if day else parse_datetime(text)
        except ValueError:  # well formed but impossible, e.g. 2025-02-30
            self.fail("invalid")
        if day is None and instant is None:
            self.fail("invalid")
        if not EARLIEST <= (day or instant.date()) <= LATEST:
            self.fail("range")
        if day is not None:
            instant = datetime.combine(day + timedelta(days=1) if self.end_of_day else day, time())
        if timezone.is_naive(instant):
            instant = timezone.make_aware(instant)
        return instant.astimezone(UTC)

    def to_representation(self, value):
        return value.isoformat()


class ReportParamsSerializer(serializers.Serializer):
    since = InstantField(required=False, help_text="Start of the period (ISO date or datetime).")
    until = InstantField(
        required=False, end_of_day=True, help_text="End of the period, exclusive; a date includes that day."
    )
    workflow = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    department = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="The ticket's department; blank: any."
    )
    role = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX, help_text="Role id.")
    agent = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX, help_text="User id.")

    def validate(self, attrs):
        until = attrs.get("until") or timezone.now()
        since = attrs.get("since") or until - DEFAULT_PERIOD
        if since >= until:
            raise serializers.ValidationError({"until": ["Must be after since."]})
        if until - since > MAX_PERIOD:
            raise serializers.ValidationError(
                {"since": [f"The period may span at most {MAX_PERIOD.days} days."]}
            )
        attrs["since"], attrs["until"] = since, until
        return attrs

    def filters(self) -> ReportFilters:
        data = self.validated_data
        return ReportFilters(
            since=data["since"],
            until=data["until"],
            workflow_id=data.get("workflow"),
            department=data.get("department") or None,
            role_id=data.get("role"),
            agent_id=data.get("agent"),
        )


class SlaParamsSerializer(ReportParamsSerializer):
    group_by = serializers.ChoiceField(choices=["workflow", "priority", "team", "agent"], default="workflow")


class VolumeParamsSerializer(ReportParamsSerializer):
    interval = serializers.ChoiceField(choices=["day", "week"], default="day")

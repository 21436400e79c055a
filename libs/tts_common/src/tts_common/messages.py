"""Schemas of the DESIGN §5 message payloads (version 1), validated with DRF serializers.

Producers build payloads with these shapes; consumers call :func:`parse`, which returns
clean data or raises :class:`MessageInvalid` (the worker dead-letters the message).
"""

from __future__ import annotations

import threading
from typing import Any

from rest_framework import serializers

SCHEMA_VERSION = 1
PRIORITIES = ["low", "medium", "high", "urgent"]
TICKET_STATUSES = ["new", "open", "in_progress", "on_hold", "resolved", "closed", "rejected"]
NOTIFICATION_TYPES = [
    "assignment",
    "transfer",
    "escalation",
    "sla_warning",
    "sla_breach",
    "task_completed",
    "mention",
    "password_reset",
    "digest",
    "unassigned",
    "generic",
]
CHANNELS = ["inapp", "email"]
TICKET_NUMBER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$"
_validators = threading.local()


class MessageInvalid(Exception):
    """A payload that no retry can fix."""


class _Versioned(serializers.Serializer):
    schema_version = serializers.IntegerField()

    def validate_schema_version(self, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise serializers.ValidationError(
                f"unsupported schema_version {value}; expected {SCHEMA_VERSION}"
            )
        return value


class PersonSchema(serializers.Serializer):
    id = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=255, allow_blank=True, default="")
    email = serializers.EmailField(allow_blank=True, default="")


class AssigneeSchema(serializers.Serializer):
    id = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=255, allow_blank=True, default="")


class TicketSnapshotSchema(_Versioned):
    ticket_number = serializers.RegexField(TICKET_NUMBER_PATTERN)
    subject = serializers.CharField(max_length=255)
    description = serializers.CharField(allow_blank=True, default="", max_length=100_000)
    category = serializers.CharField(max_length=100)
    subcategory = serializers.CharField(max_length=100, allow_blank=True, default="")
    department = serializers.CharField(max_length=100, allow_blank=True, default="")
    priority = serializers.ChoiceField(PRIORITIES)
    status = serializers.ChoiceField(TICKET_STATUSES, default="new")
    requester = PersonSchema()
    created_at = serializers.DateTimeField()
    attachments = serializers.ListField(child=serializers.DictField(), default=list, max_length=100)
    extra = serializers.DictField(default=dict)


class TicketStatusSchema(_Versioned):
    event_id = serializers.UUIDField()
    ticket_number = serializers.RegexField(TICKET_NUMBER_PATTERN)
    status = serializers.ChoiceField(TICKET_STATUSES)
    assignee = AssigneeSchema(allow_null=True, default=None)
    sla_due_at = serializers.DateTimeField(allow_null=True, default=None)
    changed_at = serializers.DateTimeField()
    ticket = TicketSnapshotSchema(required=False)


class RecipientSchema(serializers.Serializer):
    user_id = serializers.CharField(max_length=64)
    email = serializers.EmailField(allow_blank=True, default="")


class NotificationSchema(_Versioned):
    event_id = serializers.UUIDField()
    recipient = RecipientSchema()
    type = serializers.ChoiceField(NOTIFICATION_TYPES)
    title = serializers.CharField(max_length=255)
    body = serializers.CharField(allow_blank=True, default="", max_length=20_000)
    link = serializers.CharField(allow_blank=True, default="", max_length=500)
    channels = serializers.ListField(child=serializers.ChoiceField(CHANNELS), min_length=1, default=["inapp"])
    data = serializers.DictField(default=dict)


class RoleSchema(serializers.Serializer):
    id = serializers.IntegerField()
    system = serializers.SlugField(max_length=50)
    name = serializers.CharField(max_length=100)


class RoleSyncSchema(_Versioned):
    event_id = serializers.UUIDField()
    action = serializers.ChoiceField(["upsert", "delete"])
    role = RoleSchema()
    # The role's change counter at auth_service: consumers ignore anything not newer
    # than what they hold, so messages may arrive in any order.
    version = serializers.IntegerField(min_value=1)


class SyncedUserSchema(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField(max_length=255, allow_blank=True, default="")
    is_active = serializers.BooleanField()


class UserRoleSyncSchema(_Versioned):
    event_id = serializers.UUIDField()
    action = serializers.ChoiceField(["upsert", "delete"])
    user = SyncedUserSchema()
    role_id = serializers.IntegerField()
    version = serializers.IntegerField(min_value=1, help_text="The grant's change counter at auth_service.")


def _flatten(errors: Any, path: str = "") -> list[str]:
    if isinstance(errors, dict):
        return [m for k, v in errors.items() for m in _flatten(v, f"{path}.{k}" if path else str(k))]
    if isinstance(errors, list):
        return [m for e in errors for m in _flatten(e, path)]
    return [f"{path}: {errors}" if path else str(errors)]


def parse(schema: type[serializers.Serializer], payload: Any) -> dict[str, Any]:
    """Validate ``payload`` against ``schema``; raise MessageInvalid listing every problem."""
    if not isinstance(payload, dict):
        raise MessageInvalid(
            f"{schema.__name__}: payload must be a JSON object, got {type(payload).__name__}"
        )
    # One serializer per schema and thread, reused: building one (it deep-copies its
    # fields) costs more than validating a payload with it.
    serializer = _validators.__dict__.get(schema) or _validators.__dict__.setdefault(schema, schema())
    try:
        return serializer.run_validation(payload)
    except serializers.ValidationError as exc:
        raise MessageInvalid(f"{schema.__name__}: " + "; ".join(_flatten(exc.detail))) from None

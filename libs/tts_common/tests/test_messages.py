import copy
import uuid

import pytest

from tts_common import messages
from tts_common.messages import MessageInvalid, parse

EVENT_ID = str(uuid.uuid4())

SNAPSHOT = {
    "schema_version": 1,
    "ticket_number": "TX-20250101-0001",
    "subject": "Printer on fire",
    "description": "It is, in fact, on fire.",
    "category": "Hardware",
    "priority": "urgent",
    "requester": {"id": "17", "name": "Ada", "email": "ada@example.com"},
    "created_at": "2025-01-01T09:30:00Z",
}
STATUS = {
    "schema_version": 1,
    "event_id": EVENT_ID,
    "ticket_number": "TX-20250101-0001",
    "status": "in_progress",
    "assignee": {"id": "23", "name": "Grace"},
    "sla_due_at": "2025-01-02T09:30:00Z",
    "changed_at": "2025-01-01T10:00:00Z",
    "ticket": SNAPSHOT,
}
NOTIFICATION = {
    "schema_version": 1,
    "event_id": EVENT_ID,
    "recipient": {"user_id": "17", "email": "ada@example.com"},
    "type": "assignment",
    "title": "You were assigned TX-20250101-0001",
    "channels": ["inapp", "email"],
}
ROLE_SYNC = {
    "schema_version": 1,
    "event_id": EVENT_ID,
    "action": "upsert",
    "role": {"id": 3, "system": "tts", "name": "Agent"},
    "version": 2,
}
USER_ROLE_SYNC = {
    "schema_version": 1,
    "event_id": EVENT_ID,
    "action": "delete",
    "user": {"id": 17, "email": "ada@example.com", "name": "Ada", "is_active": True},
    "role_id": 3,
    "version": 5,
}
VALID = {
    messages.TicketSnapshotSchema: SNAPSHOT,
    messages.TicketStatusSchema: STATUS,
    messages.NotificationSchema: NOTIFICATION,
    messages.RoleSyncSchema: ROLE_SYNC,
    messages.UserRoleSyncSchema: USER_ROLE_SYNC,
}
SCHEMAS = list(VALID)


def without(payload: dict, field: str) -> dict:
    payload = copy.deepcopy(payload)
    del payload[field]
    return payload


def changed(payload: dict, **values) -> dict:
    return {**copy.deepcopy(payload), **values}


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.__name__)
def test_valid_payload_parses(schema):
    data = parse(schema, copy.deepcopy(VALID[schema]))

    assert data["schema_version"] == 1


def test_parse_fills_defaults_and_converts_types():
    snapshot = parse(messages.TicketSnapshotSchema, SNAPSHOT)
    status = parse(messages.TicketStatusSchema, changed(STATUS, assignee=None, sla_due_at=None))
    notification = parse(messages.NotificationSchema, without(NOTIFICATION, "channels"))

    assert snapshot["status"] == "new"
    assert snapshot["attachments"] == [] and snapshot["extra"] == {}
    assert snapshot["created_at"].year == 2025
    assert status["event_id"] == uuid.UUID(EVENT_ID)
    assert status["assignee"] is None
    assert status["ticket"]["ticket_number"] == "TX-20250101-0001"
    assert notification["channels"] == ["inapp"]


@pytest.mark.parametrize(
    ("schema", "payload", "field"),
    [
        (messages.TicketSnapshotSchema, without(SNAPSHOT, "subject"), "subject"),
        (messages.TicketSnapshotSchema, without(SNAPSHOT, "requester"), "requester"),
        (messages.TicketStatusSchema, without(STATUS, "changed_at"), "changed_at"),
        (messages.NotificationSchema, without(NOTIFICATION, "recipient"), "recipient"),
        (messages.RoleSyncSchema, without(ROLE_SYNC, "role"), "role"),
        (messages.UserRoleSyncSchema, without(USER_ROLE_SYNC, "role_id"), "role_id"),
        (messages.RoleSyncSchema, without(ROLE_SYNC, "version"), "version"),
        (messages.UserRoleSyncSchema, {**USER_ROLE_SYNC, "version": 0}, "version"),
        (messages.TicketStatusSchema, without(STATUS, "schema_version"), "schema_version"),
    ],
)
def test_missing_field_is_invalid_and_named(schema, payload, field):
    with pytest.raises(MessageInvalid, match=rf"\b{field}: "):
        parse(schema, payload)


def test_bad_priority_is_invalid_and_named():
    with pytest.raises(MessageInvalid, match=r"priority: .*critical"):
        parse(messages.TicketSnapshotSchema, changed(SNAPSHOT, priority="critical"))


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.__name__)
@pytest.mark.parametrize("version", [0, 2, "two"])
def test_wrong_schema_version_is_invalid_and_named(schema, version):
    with pytest.raises(MessageInvalid, match="schema_version"):
        parse(schema, changed(VALID[schema], schema_version=version))


@pytest.mark.parametrize("payload", [["schema_version", 1], "{}", None, 1])
def test_non_dict_payload_is_invalid(payload):
    with pytest.raises(MessageInvalid, match=r"TicketStatusSchema: payload must be a JSON object"):
        parse(messages.TicketStatusSchema, payload)


@pytest.mark.parametrize(
    "schema",
    [
        messages.TicketStatusSchema,
        messages.NotificationSchema,
        messages.RoleSyncSchema,
        messages.UserRoleSyncSchema,
    ],
)
def test_bad_event_uuid_is_invalid_and_named(schema):
    with pytest.raises(MessageInvalid, match=r"event_id: .*UUID"):
        parse(schema, changed(VALID[schema], event_id="not-a-uuid"))


def test_nested_error_names_the_dotted_path():
    payload = changed(NOTIFICATION, recipient={"user_id": "17", "email": "not-an-email"})

    with pytest.raises(MessageInvalid, match=r"recipient\.email: "):
        parse(messages.NotificationSchema, payload)


def test_error_deep_in_the_embedded_snapshot_names_the_full_path():
    payload = changed(STATUS, ticket=changed(SNAPSHOT, priority="critical"))

    with pytest.raises(MessageInvalid, match=r"ticket\.priority: "):
        parse(messages.TicketStatusSchema, payload)


def test_every_problem_is_listed():
    payload = changed(without(SNAPSHOT, "subject"), priority="critical", ticket_number="#")

    with pytest.raises(MessageInvalid) as raised:
        parse(messages.TicketSnapshotSchema, payload)

    text = str(raised.value)
    assert text.startswith("TicketSnapshotSchema: ")
    assert "subject: " in text and "priority: " in text and "ticket_number: " in text


@pytest.mark.parametrize(
    ("schema", "field", "value"),
    [
        (messages.TicketSnapshotSchema, "ticket_number", "a"),
        (messages.TicketSnapshotSchema, "ticket_number", "TX 0001"),
        (messages.TicketStatusSchema, "status", "done"),
        (messages.NotificationSchema, "type", "spam"),
        (messages.NotificationSchema, "channels", ["sms"]),
        (messages.NotificationSchema, "channels", []),
        (messages.RoleSyncSchema, "action", "rename"),
        (messages.UserRoleSyncSchema, "role_id", "three"),
    ],
)
def test_out_of_range_values_are_invalid_and_named(schema, field, value):
    # a list item is named by its index: "channels.0: ..."
    with pytest.raises(MessageInvalid, match=rf"\b{field}(\.\d+)?: "):
        parse(schema, changed(VALID[schema], **{field: value}))

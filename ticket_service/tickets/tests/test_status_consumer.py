"""``tickets.tasks.update_ticket_status``: workflow_api's status messages. Applied once per
event_id, never out of order, creating a ticket first seen through the queue from its
snapshot; a message that no retry can fix is rejected (dead-lettered) and writes nothing.
GET /api/v1/tickets/{id}/history/ shows what was applied, oldest first."""

from datetime import UTC, datetime

import pytest
from celery.exceptions import Reject

from tickets.models import Ticket, TicketStatusHistory
from tickets.tasks import update_ticket_status
from tickets.tests.factories import (
    StatusMessageFactory,
    TicketFactory,
    TicketSnapshotFactory,
    TicketStatusHistoryFactory,
)

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def deliver(payload):
    return update_ticket_status.apply(args=[payload])


def assert_rejected(result) -> None:
    assert result.state == "REJECTED"
    assert isinstance(result.result, Reject)
    assert result.result.requeue is False


@pytest.fixture
def ticket():
    return TicketFactory(requester_id="101", status="new")


def test_it_applies_status_assignee_and_sla_and_records_one_history_row(ticket):
    # given
    message = StatusMessageFactory(ticket_number=ticket.number, status="in_progress")

    # when
    result = deliver(message)

    # then
    assert result.state == "SUCCESS"
    ticket.refresh_from_db()
    assert ticket.status == "in_progress"
    assert (ticket.assignee_id, ticket.assignee_name) == ("303", "Alex Agent")
    assert ticket.sla_due_at == at(message["sla_due_at"])
    assert ticket.status_changed_at == at(message["changed_at"])
    assert ticket.resolved_at is None
    row = TicketStatusHistory.objects.get()
    assert (row.ticket_id, str(row.event_id)) == (ticket.id, message["event_id"])
    assert (row.from_status, row.to_status, row.assignee_id) == ("new", "in_progress", "303")
    assert row.changed_at == at(message["changed_at"])


def test_an_unassigning_message_clears_the_assignee(ticket):
    deliver(StatusMessageFactory(ticket_number=ticket.number, changed_at="2026-01-05T10:00:00+00:00"))

    deliver(
        StatusMessageFactory(
            ticket_number=ticket.number,
            assignee=None,
            sla_due_at=None,
            changed_at="2026-01-05T11:00:00+00:00",
        )
    )

    ticket.refresh_from_db()
    assert (ticket.assignee_id, ticket.assignee_name, ticket.sla_due_at) == ("", "", None)


def test_the_same_event_twice_changes_nothing_the_second_time(ticket):
    # given the message was applied
    message = StatusMessageFactory(ticket_number=ticket.number, status="open")
    deliver(message)
    ticket.refresh_from_db()
    updated_at = ticket.updated_at

    # when it is delivered again, even with other contents under the same event_id
    result = deliver({**message, "status": "closed"})

    # then
    assert result.state == "SUCCESS"
    ticket.refresh_from_db()
    assert ticket.status == "open"
    assert ticket.updated_at == updated_at
    assert TicketStatusHistory.objects.count() == 1


def test_an_older_message_after_a_newer_one_is_ignored_as_stale(ticket):
    # given the newer message arrived first
    deliver(
        StatusMessageFactory(
            ticket_number=ticket.number, status="resolved", changed_at="2026-01-05T12:00:00+00:00"
        )
    )

    # when the older one arrives
    result = deliver(
        StatusMessageFactory(
            ticket_number=ticket.number,
            status="in_progress",
            assignee={"id": "404", "name": "Late Larry"},
            changed_at="2026-01-05T11:00:00+00:00",
        )
    )

    # then
    assert result.state == "SUCCESS"
    ticket.refresh_from_db()
    assert ticket.status == "resolved"
    assert ticket.assignee_id == "303"
    assert ticket.status_changed_at == at("2026-01-05T12:00:00+00:00")
    assert list(TicketStatusHistory.objects.values_list("to_status", flat=True)) == ["resolved"]


def test_an_unknown_ticket_with_a_snapshot_is_created_from_it(ticket):
    # given a ticket another producer sent straight to the workflow
    snapshot = TicketSnapshotFactory()
    message = StatusMessageFactory(ticket_number=snapshot["ticket_number"], status="open", ticket=snapshot)

    # when
    result = deliver(message)

    # then the ticket exists here with the snapshot's fields and the message's status
    assert result.state == "SUCCESS"
    created = Ticket.objects.get(number=snapshot["ticket_number"])
    assert created.source == Ticket.Source.QUEUE
    assert (created.subject, created.description) == (snapshot["subject"], snapshot["description"])
    assert (created.category, created.subcategory, created.department) == ("Network", "VPN", "IT")
    assert created.priority == "high"
    assert (created.requester_id, created.requester_name, created.requester_email) == (
        "555",
        "Quinn Queue",
        "quinn@example.com",
    )
    assert created.created_at == at(snapshot["created_at"])
    assert created.tags == ["vpn", "remote"]
    assert (created.status, created.assignee_id) == ("open", "303")
    assert TicketStatusHistory.objects.get().from_status == "new"


def test_a_ticket_created_from_a_snapshot_is_visible_to_its_requester(client_as):
    snapshot = TicketSnapshotFactory(requester={"id": "555", "name": "Quinn", "email": "q@example.com"})
    deliver(StatusMessageFactory(ticket_number=snapshot["ticket_number"], ticket=snapshot))

    response = client_as(user_id="555", roles=[]).get(f"{TICKETS}{snapshot['ticket_number']}/")

    assert response.status_code == 200
    assert response.data["source"] == "queue"


@pytest.mark.parametrize("snapshot_of", ["another new ticket", "an existing ticket"])
def test_a_snapshot_of_another_ticket_than_the_message_names_is_rejected(ticket, snapshot_of):
    # given a status message about EXT-1 carrying the snapshot of a different ticket
    number = "EXT-2" if snapshot_of == "another new ticket" else ticket.number
    message = StatusMessageFactory(ticket_number="EXT-1", ticket=TicketSnapshotFactory(ticket_number=number))

    # when
    result = deliver(message)

    # then neither ticket is created or changed
    assert_rejected(result)
    assert list(Ticket.objects.values_list("number", "status")) == [(ticket.number, "new")]
    assert not TicketStatusHistory.objects.exists()


def test_an_unknown_ticket_without_a_snapshot_is_rejected_and_nothing_written():
    result = deliver(StatusMessageFactory(ticket_number="TKT-2026-999999"))

    assert_rejected(result)
    assert "unknown ticket TKT-2026-999999" in str(result.result)
    assert not Ticket.objects.exists()
    assert not TicketStatusHistory.objects.exists()


@pytest.mark.parametrize(
    "payload", ["not an object", ["a", "list"], {}, None], ids=["string", "list", "empty", "null"]
)
def test_a_payload_that_is_not_a_status_message_is_rejected(ticket, payload):
    result = deliver(payload)

    assert_rejected(result)
    assert not TicketStatusHistory.objects.exists()


@pytest.mark.parametrize(
    "fault",
    [
        {"status": "exploded"},
        {"event_id": "not-a-uuid"},
        {"changed_at": "yesterday"},
        {"sla_due_at": "soon"},
        {"schema_version": 2},
        {"assignee": {"name": "no id"}},
        {"ticket": {"subject": "an incomplete snapshot"}},
    ],
    ids=lambda fault: ",".join(fault),
)
def test_an_invalid_message_for_a_known_ticket_is_rejected_and_nothing_written(ticket, fault):
    # when a message about the ticket carries one invalid field
    result = deliver(StatusMessageFactory(ticket_number=ticket.number, **fault))

    # then
    assert_rejected(result)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignee_id) == ("new", "")
    assert not TicketStatusHistory.objects.exists()


def test_a_malformed_ticket_number_is_rejected():
    result = deliver(StatusMessageFactory(ticket_number="../../etc"))

    assert_rejected(result)
    assert "ticket_number" in str(result.result)


@pytest.mark.parametrize("status", ["resolved", "closed", "rejected"])
def test_a_terminal_status_sets_resolved_at(ticket, status):
    message = StatusMessageFactory(ticket_number=ticket.number, status=status)

    deliver(message)

    ticket.refresh_from_db()
    assert ticket.resolved_at == at(message["changed_at"])


def test_reopening_clears_resolved_at_and_resolving_again_keeps_the_first_time(ticket):
    # given resolved, then closed later
    deliver(
        StatusMessageFactory(
            ticket_number=ticket.number, status="resolved", changed_at="2026-01-05T10:00:00+00:00"
        )
    )
    deliver(
        StatusMessageFactory(
            ticket_number=ticket.number, status="closed", changed_at="2026-01-06T10:00:00+00:00"
        )
    )
    ticket.refresh_from_db()
    assert ticket.resolved_at == at("2026-01-05T10:00:00+00:00")

    # when reopened
    deliver(
        StatusMessageFactory(
            ticket_number=ticket.number, status="open", changed_at="2026-01-07T10:00:00+00:00"
        )
    )

    # then
    ticket.refresh_from_db()
    assert ticket.resolved_at is None


def test_history_lists_applied_changes_oldest_first(requester, ticket):
    # given changes applied out of order of arrival
    for status, changed_at in [
        ("in_progress", "2026-01-05T11:00:00+00:00"),
        ("open", "2026-01-05T10:00:00+00:00"),
    ]:
        TicketStatusHistoryFactory(ticket=ticket, to_status=status, changed_at=at(changed_at))
    deliver(
        StatusMessageFactory(
            ticket_number=ticket.number, status="resolved", changed_at="2026-01-05T12:00:00+00:00"
        )
    )

    # when
    response = requester.get(f"{TICKETS}{ticket.id}/history/")

    # then
    assert response.status_code == 200
    assert [row["to_status"] for row in response.data] == ["open", "in_progress", "resolved"]
    assert response.data[-1]["assignee"] == {"id": "303", "name": "Alex Agent"}
    assert response.data[-1]["changed_at"] == "2026-01-05T12:00:00Z"


def test_history_is_readable_by_number_too(agent, ticket):
    TicketStatusHistoryFactory(ticket=ticket)

    response = agent.get(f"{TICKETS}{ticket.number}/history/")

    assert response.status_code == 200
    assert len(response.data) == 1


def test_history_of_a_ticket_one_cannot_see_is_404(other_requester, ticket):
    TicketStatusHistoryFactory(ticket=ticket)

    response = other_requester.get(f"{TICKETS}{ticket.id}/history/")

    assert response.status_code == 404

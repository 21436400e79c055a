"""A new ticket owes workflow_api a ``receive_ticket`` message: written in the same
transaction as the ticket (transactional outbox), published after commit."""

import json

import pytest
from django.db import transaction

from tickets.models import OutboxMessage, Ticket
from tickets.services import ticket_create
from tts_common import topology
from tts_common.authentication import TokenUser
from tts_common.messages import TicketSnapshotSchema, parse

TICKETS = "/api/v1/tickets/"
RITA = TokenUser(id="101", email="rita@example.com", name="Rita Requester")


@pytest.mark.django_db
def test_creating_a_ticket_writes_a_receive_ticket_outbox_row(requester):
    # when
    response = requester.post(
        TICKETS,
        {"subject": "VPN down", "category": "Network", "priority": "urgent", "tags": ["remote"]},
        format="json",
    )

    # then
    row = OutboxMessage.objects.get()
    assert row.task_name == "tickets.tasks.receive_ticket"
    assert row.queue == topology.TICKET_INTAKE
    assert row.published_at is None
    snapshot = parse(TicketSnapshotSchema, row.payload)
    assert snapshot["ticket_number"] == response.data["number"]
    assert snapshot["subject"] == "VPN down"
    assert snapshot["priority"] == "urgent"
    assert snapshot["status"] == "new"
    assert dict(snapshot["requester"]) == {"id": "101", "name": "Rita Requester", "email": "rita@example.com"}
    assert row.payload["extra"] == {"source": "api", "tags": ["remote"]}


@pytest.mark.django_db
def test_the_outbox_row_shares_the_tickets_transaction():
    # when the surrounding transaction rolls back after the ticket was created
    with pytest.raises(RuntimeError), transaction.atomic():
        ticket_create(requester=RITA, subject="s", category="IT", priority="low")
        assert OutboxMessage.objects.count() == 1
        raise RuntimeError("rollback")

    # then neither the ticket nor its message survives
    assert not Ticket.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_publishing_waits_for_the_commit(django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket_create(requester=RITA, subject="s", category="IT", priority="low")

    # then one publish is scheduled for after the commit, and nothing is sent yet
    assert len(callbacks) == 1
    assert OutboxMessage.objects.get().published_at is None


@pytest.mark.django_db(transaction=True)
def test_after_commit_the_message_is_on_the_intake_queue_with_the_row_id_as_task_id(requester, intake_queue):
    # when
    response = requester.post(TICKETS, {"subject": "Monitor flickers", "category": "IT"}, format="json")

    # then the row is marked published
    row = OutboxMessage.objects.get()
    assert row.published_at is not None
    assert row.attempts == 0

    # and the (prefixed) queue holds exactly that Celery message
    message = intake_queue.get(no_ack=True)
    assert message is not None
    assert intake_queue.get(no_ack=True) is None
    assert message.headers["task"] == "tickets.tasks.receive_ticket"
    assert message.headers["id"] == str(row.id)
    args, kwargs, _embed = json.loads(message.body)
    assert args == [row.payload]
    assert kwargs == {}
    assert args[0]["ticket_number"] == response.data["number"]

"""``tickets.tasks.receive_ticket``: idempotent upsert of the ticket snapshot; bad payloads are
rejected without requeue (dead-lettered) and write nothing."""

import threading

import pytest
from celery import states
from celery.exceptions import Reject
from django.db import connection

from tickets.models import WorkflowTicket
from tickets.tasks import receive_ticket
from tickets.tests.factories import TicketSnapshotPayloadFactory

pytestmark = pytest.mark.django_db


def _deliver(payload, task_id=None):
    """Run the task as a worker would (tracer, request id), in this process."""
    return receive_ticket.apply(args=[payload], task_id=task_id)


def test_a_new_ticket_creates_one_snapshot():
    # given
    payload = TicketSnapshotPayloadFactory(
        priority="high", requester={"id": "42", "name": "Rita", "email": ""}
    )

    # when
    result = _deliver(payload)

    # then
    assert result.state == states.SUCCESS
    ticket = WorkflowTicket.objects.get()
    assert ticket.ticket_number == payload["ticket_number"]
    assert ticket.subject == payload["subject"]
    assert ticket.priority == "high"
    assert ticket.status == "new"
    assert ticket.requester_id == "42"
    assert ticket.data == payload


def test_delivering_the_same_payload_twice_leaves_one_unchanged_row():
    # given
    payload = TicketSnapshotPayloadFactory()
    _deliver(payload, task_id="11111111-1111-1111-1111-111111111111")
    first = WorkflowTicket.objects.get()

    # when the broker redelivers the same message
    result = _deliver(payload, task_id="11111111-1111-1111-1111-111111111111")

    # then
    assert result.state == states.SUCCESS
    again = WorkflowTicket.objects.get()
    assert again.pk == first.pk
    assert again.updated_at == first.updated_at
    assert again.data == first.data


def test_a_changed_payload_updates_the_snapshot():
    # given
    payload = TicketSnapshotPayloadFactory(status="new", priority="low")
    _deliver(payload)
    before = WorkflowTicket.objects.get()

    # when
    changed = {**payload, "status": "in_progress", "priority": "urgent", "subject": "Now urgent"}
    _deliver(changed)

    # then
    after = WorkflowTicket.objects.get()
    assert after.pk == before.pk
    assert (after.status, after.priority, after.subject) == ("in_progress", "urgent", "Now urgent")
    assert after.data == changed
    assert after.updated_at > before.updated_at
    assert after.received_at == before.received_at


def test_numeric_requester_ids_from_upstream_producers_are_stored_as_strings():
    _deliver(TicketSnapshotPayloadFactory(requester={"id": 42, "name": "Rita", "email": "rita@example.com"}))

    assert WorkflowTicket.objects.get().requester_id == "42"


def _without(key):
    payload = TicketSnapshotPayloadFactory()
    del payload[key]
    return payload


@pytest.mark.parametrize(
    "payload",
    [
        _without("ticket_number"),
        _without("subject"),
        _without("requester"),
        TicketSnapshotPayloadFactory(schema_version=2),
        TicketSnapshotPayloadFactory(priority="asap"),
        TicketSnapshotPayloadFactory(status="exploded"),
        TicketSnapshotPayloadFactory(ticket_number="../../etc/passwd"),
        TicketSnapshotPayloadFactory(created_at="yesterday"),
        TicketSnapshotPayloadFactory(requester={"name": "no id"}),
        ["not", "an", "object"],
        "a string",
        None,
    ],
    ids=[
        "missing ticket_number",
        "missing subject",
        "missing requester",
        "unsupported schema_version",
        "unknown priority",
        "unknown status",
        "unsafe ticket_number",
        "bad created_at",
        "requester without id",
        "list",
        "string",
        "null",
    ],
)
def test_an_invalid_payload_is_rejected_without_requeue_and_writes_nothing(payload):
    # when
    result = _deliver(payload)

    # then the worker rejects it (RabbitMQ dead-letters it) instead of retrying
    assert result.state == states.REJECTED
    assert isinstance(result.result, Reject)
    assert result.result.requeue is False
    assert not WorkflowTicket.objects.exists()


def test_calling_the_task_directly_raises_reject():
    with pytest.raises(Reject) as rejected:
        receive_ticket(TicketSnapshotPayloadFactory(priority="asap"))

    assert rejected.value.requeue is False
    assert "priority" in str(rejected.value.reason)


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_new_ticket_at_once_leave_one_row():
    # given two workers, each with its own database connection, released together
    payload = TicketSnapshotPayloadFactory()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=5)
            results.append(_deliver(payload).state)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    # then
    assert errors == []
    assert results == [states.SUCCESS, states.SUCCESS]
    assert WorkflowTicket.objects.filter(ticket_number=payload["ticket_number"]).count() == 1

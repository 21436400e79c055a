"""Status messages handled by several workers at once (real concurrent connections): a
redelivered event, or a burst of events about a ticket first seen through the queue,
must each end as an idempotent no-op or an applied change, never as a failed task (a
failure dead-letters the message and a real status change would be lost)."""

import threading

import pytest
from django.db import connection

from tickets.models import Ticket, TicketStatusHistory
from tickets.tasks import update_ticket_status
from tickets.tests.factories import StatusMessageFactory, TicketFactory, TicketSnapshotFactory

pytestmark = pytest.mark.django_db(transaction=True)


def deliver_at_once(payloads: list[dict]) -> list[str]:
    """Deliver each payload on its own thread and connection, released together; the states."""
    barrier = threading.Barrier(len(payloads))
    states: list[str] = []

    def work(payload):
        try:
            barrier.wait(timeout=10)
            states.append(update_ticket_status.apply(args=[payload]).state)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return states


def test_the_same_event_delivered_to_several_workers_at_once_is_applied_once():
    # given
    ticket = TicketFactory(status="new")
    message = StatusMessageFactory(ticket_number=ticket.number, status="open")

    # when
    states = deliver_at_once([message] * 5)

    # then
    assert states == ["SUCCESS"] * 5
    assert TicketStatusHistory.objects.count() == 1
    ticket.refresh_from_db()
    assert ticket.status == "open"


def test_simultaneous_events_about_a_ticket_new_here_create_it_once_and_apply_each():
    # given five status events about the same queue ticket, each carrying its snapshot
    snapshot = TicketSnapshotFactory()
    messages = [
        StatusMessageFactory(
            ticket_number=snapshot["ticket_number"],
            ticket=snapshot,
            status="open",
            changed_at="2026-01-05T10:00:00+00:00",
        )
        for _ in range(5)
    ]

    # when
    states = deliver_at_once(messages)

    # then
    assert states == ["SUCCESS"] * 5
    assert Ticket.objects.filter(number=snapshot["ticket_number"]).count() == 1
    assert TicketStatusHistory.objects.count() == 5

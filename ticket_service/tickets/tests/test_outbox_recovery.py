"""A ticket whose intake message could not be published — broker down at commit, or the
process dying between commit and publish — keeps a pending outbox row, and the sweep (or
``manage.py outbox_publish``) later puts exactly that message on TICKET_TASKS_PRODUCTION."""

import json
from datetime import timedelta

import pytest
from config.celery import app
from django.core.management import call_command
from django.utils import timezone

from tickets.models import OutboxMessage, Ticket
from tickets.services import ticket_create
from tts_common import topology
from tts_common.authentication import TokenUser
from tts_common.outbox import outbox_sweep

TICKETS = "/api/v1/tickets/"
RITA = TokenUser(id="101", email="rita@example.com", name="Rita Requester")


def drain(queue) -> list:
    messages = []
    while (message := queue.get(no_ack=True)) is not None:
        messages.append(message)
    return messages


def assert_is_the_rows_message(message, row) -> None:
    assert message.headers["task"] == "tickets.tasks.receive_ticket"
    assert message.headers["id"] == str(row.id)
    args, kwargs, _embed = json.loads(message.body)
    assert (args, kwargs) == ([row.payload], {})


@pytest.mark.django_db(transaction=True)
def test_a_ticket_created_while_the_broker_is_down_is_published_once_it_is_back(
    requester, broker_down, intake_queue, capsys
):
    # given the broker is unreachable when the ticket's transaction commits
    response = requester.post(TICKETS, {"subject": "VPN down", "category": "Network"}, format="json")

    # then the ticket stands and its message waits, with the reason
    assert response.status_code == 201
    assert Ticket.objects.filter(number=response.data["number"]).exists()
    row = OutboxMessage.objects.get()
    assert row.published_at is None
    assert row.attempts == 1
    assert "refused" in row.last_error.lower()

    # when the broker is back and the operator publishes the outbox
    broker_down.restore()
    call_command("outbox_publish")

    # then the row is sent, and the intake queue holds exactly its message
    row.refresh_from_db()
    assert row.published_at is not None
    assert "published 1 message(s)" in capsys.readouterr().out
    [message] = drain(intake_queue)
    assert_is_the_rows_message(message, row)
    assert message.delivery_info["routing_key"].endswith(topology.TICKET_INTAKE)
    assert json.loads(message.body)[0][0]["ticket_number"] == response.data["number"]


@pytest.mark.django_db
def test_a_row_left_by_a_crash_before_publishing_is_swept_once_old_enough(
    intake_queue, settings, django_capture_on_commit_callbacks
):
    # given a ticket committed, but the process died before its after-commit publish ran
    settings.OUTBOX_SWEEP_AFTER_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=False):
        ticket, _ = ticket_create(requester=RITA, subject="Laptop fan loud", category="IT")
    row = OutboxMessage.objects.get()
    assert row.published_at is None

    # when the sweep runs before the threshold, nothing is sent (the publisher may still be on it)
    assert outbox_sweep(OutboxMessage) == 0
    assert drain(intake_queue) == []

    # when it runs after the threshold
    OutboxMessage.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(seconds=31))
    swept = outbox_sweep(OutboxMessage)

    # then the message goes out once and the row is marked
    assert swept == 1
    row.refresh_from_db()
    assert row.published_at is not None
    [message] = drain(intake_queue)
    assert_is_the_rows_message(message, row)
    assert json.loads(message.body)[0][0]["ticket_number"] == ticket.number

    # and a second sweep sends nothing more
    assert outbox_sweep(OutboxMessage) == 0
    assert drain(intake_queue) == []


@pytest.mark.django_db
def test_the_periodic_sweep_task_publishes_this_services_outbox(
    intake_queue, settings, django_capture_on_commit_callbacks
):
    # given a pending row old enough to sweep
    settings.OUTBOX_SWEEP_AFTER_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=False):
        ticket_create(requester=RITA, subject="Badge broken", category="Facilities")

    # when beat's task runs
    result = app.tasks[topology.outbox_sweep_task("tickets")].apply()

    # then
    assert result.get() == 1
    assert OutboxMessage.objects.get().published_at is not None
    assert len(drain(intake_queue)) == 1

"""``manage.py seed_tickets``: bulk demo and benchmark data, spread over months, numbered
from the same sequence as real tickets; never in production."""

import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from tickets.models import OutboxMessage, Ticket
from tts_common.messages import PRIORITIES, TICKET_STATUSES

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"^TKT-\d{4}-\d{6}$")
TICKETS = "/api/v1/tickets/"


def test_it_creates_the_requested_number_of_valid_tickets(capsys):
    # when
    call_command("seed_tickets", count=50, seed=1)

    # then
    tickets = list(Ticket.objects.all())
    assert len(tickets) == 50
    assert "created 50 tickets" in capsys.readouterr().out
    for ticket in tickets:
        ticket.full_clean()  # every field within its model's rules
        assert NUMBER.match(ticket.number)
        assert ticket.priority in PRIORITIES
        assert ticket.status in TICKET_STATUSES
        assert (ticket.resolved_at is not None) == (ticket.status in {"resolved", "closed"})
        assert bool(ticket.assignee_id) == (ticket.status != "new")
    assert len({t.number for t in tickets}) == 50


def test_seeded_tickets_spread_over_weeks_not_one_instant():
    call_command("seed_tickets", count=50, seed=1)

    created = sorted(Ticket.objects.values_list("created_at", flat=True))
    assert created[-1] - created[0] > timedelta(days=30)
    assert len(set(created)) > 45


def test_seeding_in_batches_creates_the_same_count():
    call_command("seed_tickets", count=23, batch=5, seed=2)

    assert Ticket.objects.count() == 23


def test_the_same_seed_gives_the_same_tickets():
    def shape():
        return list(
            Ticket.objects.order_by("number").values_list("subject", "category", "priority", "status")
        )

    call_command("seed_tickets", count=20, seed=7)
    first = shape()
    Ticket.objects.all().delete()
    call_command("seed_tickets", count=20, seed=7)

    assert shape() == first


def test_seeded_numbers_never_collide_with_tickets_created_later(requester):
    # given
    call_command("seed_tickets", count=10, seed=1)

    # when
    response = requester.post(TICKETS, {"subject": "After the seed", "category": "IT"}, format="json")

    # then
    assert response.status_code == 201
    assert Ticket.objects.filter(number=response.data["number"]).count() == 1


def test_seeding_sends_nothing_to_the_workflow():
    call_command("seed_tickets", count=5, seed=1)

    assert not OutboxMessage.objects.exists()


def test_it_refuses_to_run_in_production(settings):
    settings.TTS_ENV = "production"

    with pytest.raises(CommandError, match="production"):
        call_command("seed_tickets", count=50, seed=1)

    assert not Ticket.objects.exists()


@pytest.mark.parametrize("options", [{"count": 0}, {"count": 5, "batch": 0}])
def test_it_refuses_a_count_or_batch_below_one(options):
    with pytest.raises(CommandError, match="positive"):
        call_command("seed_tickets", **options)

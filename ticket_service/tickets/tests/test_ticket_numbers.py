"""Ticket numbers: ``TKT-<year>-<6 digits>`` from a PostgreSQL sequence, unique and increasing."""

import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"
NUMBER = re.compile(r"^TKT-\d{4}-\d{6}$")


def test_a_new_ticket_is_numbered_tkt_year_six_digits(requester):
    response = requester.post(TICKETS, {"subject": "s", "category": "IT"}, format="json")

    assert response.status_code == 201
    assert NUMBER.match(response.data["number"])
    assert response.data["number"].startswith(f"TKT-{timezone.now().year}-")


def test_numbers_are_unique_and_increasing_across_creates(requester, other_requester):
    # when two callers create tickets in turn
    numbers = [
        client.post(TICKETS, {"subject": f"s{i}", "category": "IT"}, format="json").data["number"]
        for i, client in enumerate([requester, other_requester] * 3)
    ]

    # then
    assert all(NUMBER.match(n) for n in numbers)
    assert len(set(numbers)) == 6
    sequence = [int(n.rsplit("-", 1)[1]) for n in numbers]
    assert sequence == sorted(sequence)

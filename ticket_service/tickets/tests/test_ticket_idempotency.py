"""``Idempotency-Key`` on POST /api/v1/tickets/: a retried request returns the ticket the
first one created (201, ``Idempotent-Replayed: true``) and creates nothing; the same key
with another body is a 409; keys belong to their user; concurrent repeats create once."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from tickets.models import OutboxMessage, Ticket, TicketIdempotencyKey

TICKETS = "/api/v1/tickets/"
BODY = {"subject": "Laptop will not boot", "category": "IT", "priority": "high"}


def post(client, body=BODY, key="retry-7f3a9c"):
    return client.post(TICKETS, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.django_db
def test_the_same_request_twice_returns_the_first_ticket_and_creates_one(requester):
    # when
    first = post(requester)
    again = post(requester)

    # then
    assert first.status_code == again.status_code == 201
    assert "Idempotent-Replayed" not in first
    assert again["Idempotent-Replayed"] == "true"
    assert again.data == first.data
    assert Ticket.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_without_a_key_each_post_creates_a_ticket(requester):
    requester.post(TICKETS, BODY, format="json")
    requester.post(TICKETS, BODY, format="json")

    assert Ticket.objects.count() == 2


@pytest.mark.django_db
def test_the_same_key_with_a_different_body_is_409_and_creates_nothing(requester):
    # given
    first = post(requester)

    # when
    conflict = post(requester, {**BODY, "priority": "low"})

    # then
    assert conflict.status_code == 409
    assert "Idempotency-Key" in conflict.data["detail"]
    assert list(Ticket.objects.values_list("number", flat=True)) == [first.data["number"]]
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_different_users_may_use_the_same_key_independently(requester, other_requester):
    # when
    rita = post(requester)
    sam = post(other_requester, {**BODY, "subject": "Sam's own"})

    # then each got a ticket of their own, neither a replay
    assert rita.status_code == sam.status_code == 201
    assert "Idempotent-Replayed" not in sam
    assert rita.data["number"] != sam.data["number"]
    assert sam.data["requester"]["id"] == "202"
    assert Ticket.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key",
    ["k" * 256, "k" * 300, "has space", "tab\tkey", "clé-unicode", ""],
    ids=["256 chars", "300 chars", "space", "tab", "non-ascii", "empty"],
)
def test_a_malformed_key_is_400_and_creates_nothing(requester, key):
    response = post(requester, key=key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.data["detail"]
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_a_key_of_255_printable_characters_is_accepted(requester):
    response = post(requester, key="~!" + "k" * 253)

    assert response.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_the_same_key_create_exactly_one_ticket(make_token):
    # given several clients of the same user, released together
    token = make_token(user_id="101", email="rita@example.com", name="Rita Requester")
    workers = 6
    barrier = threading.Barrier(workers)
    responses, errors = [], []

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            barrier.wait(timeout=10)
            responses.append(post(client, key="concurrent-key-1"))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=send) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then every request answered 201 with the one ticket; only one is not a replay
    assert errors == []
    assert [r.status_code for r in responses] == [201] * workers
    assert len({r.data["number"] for r in responses}) == 1
    assert sum("Idempotent-Replayed" not in r for r in responses) == 1
    assert Ticket.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert TicketIdempotencyKey.objects.count() == 1

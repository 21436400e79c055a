"""Ticket creation is rate-limited per user (DESIGN §3: TICKET_CREATE_RATE, 30/hour by
default), answered 429 with Retry-After; reading tickets is not limited by it.

DRF copies ``DEFAULT_THROTTLE_RATES`` onto the throttle class when it is imported, so
overriding the setting alone would leave the class on the old rates. The ``create_rate``
fixture overrides the setting and then points the class at DRF's reloaded settings, so
the rate the throttle uses is the one the setting says."""

import pytest
from rest_framework.settings import api_settings

from tickets.apis import TicketCreateThrottle
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


@pytest.fixture
def create_rate(settings, monkeypatch):
    def _set(rate: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"ticket_create": rate},
        }
        monkeypatch.setattr(TicketCreateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)

    return _set


def create(client, n: int = 0):
    return client.post(TICKETS, {"subject": f"ticket {n}", "category": "IT"}, format="json")


@pytest.mark.parametrize("limit", [3, 5])
def test_creation_is_429_once_the_configured_rate_is_used_up(requester, create_rate, limit):
    # given
    create_rate(f"{limit}/hour")

    # when
    statuses = [create(requester, n).status_code for n in range(limit + 1)]

    # then
    assert statuses == [201] * limit + [429]
    assert Ticket.objects.count() == limit


def test_the_429_says_when_to_retry(requester, create_rate):
    create_rate("1/hour")
    create(requester)

    response = create(requester)

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "throttled" in str(response.data["detail"]).lower()


def test_the_limit_is_per_user(requester, other_requester, create_rate):
    # given the requester used up their allowance
    create_rate("2/hour")
    assert [create(requester, n).status_code for n in range(3)] == [201, 201, 429]

    # when another user creates
    response = create(other_requester)

    # then
    assert response.status_code == 201


def test_reading_and_listing_are_not_limited_by_the_creation_rate(requester, create_rate):
    # given the allowance is used up
    create_rate("1/hour")
    number = create(requester).data["number"]
    assert create(requester).status_code == 429

    # then reads still answer
    assert requester.get(TICKETS).status_code == 200
    assert requester.get(f"{TICKETS}{number}/").status_code == 200

"""GET /api/v1/notifications/: newest first, filterable by is_read and type; bad input is 4xx."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/api/v1/notifications/"


def test_it_lists_newest_first_in_the_paginated_shape(rita):
    # given
    now = timezone.now()
    old = NotificationFactory(created_at=now - timedelta(days=2))
    new = NotificationFactory(created_at=now - timedelta(minutes=5))
    middle = NotificationFactory(created_at=now - timedelta(days=1))

    # when
    response = rita.get(NOTIFICATIONS)

    # then
    assert response.status_code == 200
    assert set(response.data) == {"count", "next", "previous", "results"}
    assert [n["id"] for n in response.data["results"]] == [new.id, middle.id, old.id]


@pytest.mark.parametrize(("value", "expected"), [("true", "read"), ("false", "unread")])
def test_it_filters_by_is_read(rita, value, expected):
    # given
    notifications = {
        "read": NotificationFactory(is_read=True),
        "unread": NotificationFactory(is_read=False),
    }
    NotificationFactory(user_id="202", is_read=value == "true")

    # when
    response = rita.get(NOTIFICATIONS, {"is_read": value})

    # then
    assert [n["id"] for n in response.data["results"]] == [notifications[expected].id]
    assert response.data["results"][0]["is_read"] is (expected == "read")


def test_it_filters_by_type(rita):
    # given
    breach = NotificationFactory(type="sla_breach")
    NotificationFactory(type="assignment")

    # when
    response = rita.get(NOTIFICATIONS, {"type": "sla_breach"})

    # then
    assert [n["id"] for n in response.data["results"]] == [breach.id]


def test_an_unknown_type_is_400_naming_the_field(rita):
    response = rita.get(NOTIFICATIONS, {"type": "not-a-type"})

    assert response.status_code == 400
    assert "type" in response.data


@pytest.mark.parametrize("page", ["abc", "999"])
def test_a_page_that_does_not_exist_is_404_not_500(rita, page):
    NotificationFactory()

    response = rita.get(NOTIFICATIONS, {"page": page})

    assert response.status_code == 404
    assert response.data == {"detail": "Invalid page."}


def test_it_shows_the_notification_fields_but_not_the_recipient(rita):
    notification = NotificationFactory(
        title="Ticket assigned", link="/tickets/7", data={"ticket": "TKT-2026-000007"}
    )

    [shown] = rita.get(NOTIFICATIONS).data["results"]

    assert shown["id"] == notification.id
    assert shown["type"] == "assignment"
    assert shown["title"] == "Ticket assigned"
    assert shown["link"] == "/tickets/7"
    assert shown["data"] == {"ticket": "TKT-2026-000007"}
    assert "user_id" not in shown

"""POST /api/v1/notifications/: other TTS services only, idempotent on event_id."""

import pytest

from notifications.models import Delivery, Notification, OutboxMessage
from notifications.tests.factories import NotificationPayloadFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/api/v1/notifications/"


@pytest.fixture
def workflow(client_as):
    return client_as(user_id="service:workflow", roles=["service:workflow"], email="", name="workflow_api")


@pytest.mark.parametrize("roles", [[], ["tts:Agent"], ["tts:Admin"]], ids=["requester", "agent", "admin"])
def test_a_user_token_is_403_and_stores_nothing(client_as, roles):
    # when
    response = client_as(user_id="101", roles=roles).post(
        NOTIFICATIONS, NotificationPayloadFactory(), format="json"
    )

    # then
    assert response.status_code == 403
    assert not Notification.objects.exists()


def test_a_service_creates_it_with_201(workflow):
    # given
    payload = NotificationPayloadFactory(
        type="sla_breach", title="TKT-1 breached", channels=["inapp", "email"]
    )

    # when
    response = workflow.post(NOTIFICATIONS, payload, format="json")

    # then
    assert response.status_code == 201
    stored = Notification.objects.get()
    assert response.data["id"] == stored.id
    assert (response.data["type"], response.data["title"]) == ("sla_breach", "TKT-1 breached")
    assert (stored.user_id, str(stored.event_id)) == ("101", payload["event_id"])
    assert Delivery.objects.count() == 1


def test_the_same_body_again_is_200_with_the_first_one_and_no_duplicate(workflow):
    # given
    payload = NotificationPayloadFactory(channels=["inapp", "email"])
    first = workflow.post(NOTIFICATIONS, payload, format="json")

    # when
    again = workflow.post(NOTIFICATIONS, payload, format="json")

    # then
    assert again.status_code == 200
    assert again.data == first.data
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"type": "birthday"}, "type"),
        ({"event_id": "nope"}, "event_id"),
        ({"recipient": None}, "recipient"),
        ({"schema_version": 9}, "schema_version"),
        ({"title": ""}, "title"),
    ],
)
def test_an_invalid_body_is_400_naming_the_field(workflow, overrides, named):
    # when
    response = workflow.post(NOTIFICATIONS, {**NotificationPayloadFactory(), **overrides}, format="json")

    # then
    assert response.status_code == 400
    assert named in response.data
    assert not Notification.objects.exists()


def test_the_service_does_not_see_the_recipients_inbox(workflow, rita):
    # given
    workflow.post(NOTIFICATIONS, NotificationPayloadFactory(), format="json")

    # when
    response = workflow.get(NOTIFICATIONS)

    # then
    assert response.data["count"] == 0
    assert rita.get(NOTIFICATIONS).data["count"] == 1

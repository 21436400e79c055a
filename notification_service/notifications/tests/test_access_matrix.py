"""Who may call what on notification_service: every endpoint × every kind of caller
(tts_common.access_matrix). A notification is its recipient's alone: everyone else, admins
and services included, gets 404 for it. Only services post notifications. A refused
request changes nothing."""

import pytest

from notifications.tests.factories import NotificationFactory, NotificationPayloadFactory
from tts_common.access_matrix import REQUESTER_ID, AccessMatrix, Expect, World

pytestmark = pytest.mark.django_db

NOTIFICATION = "/api/v1/notifications/{notification}/"


def a_notification(ids):
    return NotificationPayloadFactory(recipient={"user_id": REQUESTER_ID, "email": "rita@example.com"})


MATRIX = AccessMatrix(
    {
        # ................................... anonymous, requester, agent, other agent, admin, service
        ("GET", "/api/v1/notifications/"): Expect(401, 200, 200, 200, 200, 200),
        ("POST", "/api/v1/notifications/"): Expect(401, 403, 403, 403, 403, 201, body=a_notification),
        ("GET", NOTIFICATION): Expect(401, 200, 404, 404, 404, 404),
        ("PATCH", NOTIFICATION): Expect(401, 200, 404, 404, 404, 404, body={"is_read": True}),
        ("DELETE", NOTIFICATION): Expect(401, 204, 404, 404, 404, 404),
        ("GET", "/api/v1/notifications/unread-count/"): Expect(401, 200, 200, 200, 200, 200),
        ("POST", "/api/v1/notifications/mark-all-read/"): Expect(401, 200, 200, 200, 200, 200),
        ("GET", "/api/v1/notifications/preferences/"): Expect(401, 200, 200, 200, 200, 200),
        ("PUT", "/api/v1/notifications/preferences/"): Expect(
            401, 200, 200, 200, 200, 200, body={"assignment": {"in_app": True, "email": False}}
        ),
    }
)


@pytest.fixture
def world() -> World:
    notification = NotificationFactory(user_id=REQUESTER_ID)
    return World(ids={"notification": notification.id})


@pytest.mark.parametrize("endpoint", MATRIX.endpoints(), ids=str)
def test_who_may_call_what(check_access, world, endpoint):
    check_access(MATRIX, endpoint, world)


def test_every_endpoint_has_a_row(world):
    MATRIX.assert_complete(world)

"""GET /api/v1/notifications/: any signed-in user, and only ever their own notifications."""

import pytest

from notifications.tests.factories import NotificationFactory
from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/api/v1/notifications/"
FORGED = forged_tokens()


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_token_is_401(api_client, token):
    # given a notification of the user the forged token claims to be
    NotificationFactory(user_id="1")

    # when
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api_client.get(NOTIFICATIONS)

    # then
    assert response.status_code == 401
    assert "results" not in response.data


def test_without_a_token_it_is_401(api_client):
    response = api_client.get(NOTIFICATIONS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tts"'


def test_a_user_sees_only_their_own_notifications(rita):
    # given
    mine = NotificationFactory.create_batch(2, user_id="101")
    NotificationFactory(user_id="202")
    NotificationFactory(user_id="1010")  # a longer id sharing the prefix

    # when
    response = rita.get(NOTIFICATIONS)

    # then
    assert response.status_code == 200
    assert response.data["count"] == 2
    assert {n["id"] for n in response.data["results"]} == {n.id for n in mine}


def test_an_admin_also_sees_only_their_own(client_as):
    # given
    NotificationFactory(user_id="101")
    own = NotificationFactory(user_id="1")

    # when
    response = client_as(user_id="1", roles=["tts:Admin"]).get(NOTIFICATIONS)

    # then
    assert [n["id"] for n in response.data["results"]] == [own.id]


def test_an_unrecognised_filter_value_still_shows_only_own_notifications(rita):
    # given
    NotificationFactory(user_id="101")
    NotificationFactory(user_id="202")

    # when
    response = rita.get(NOTIFICATIONS, {"is_read": "maybe"})

    # then
    assert response.status_code == 200
    assert response.data["count"] == 1

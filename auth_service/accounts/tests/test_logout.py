"""POST /api/v1/auth/logout/: the sign-in ends and the browser forgets the tokens."""

import pytest

from accounts.models import AuditEvent
from accounts.tests.conftest import LOGOUT_URL, REFRESH_URL
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(email="ada@example.com")


def test_logout_revokes_the_refresh_token_given_in_the_body(api_client, sign_in, refresh, user):
    # given
    tokens = sign_in(user.email).data

    # when
    response = api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]}, format="json")

    # then
    assert response.status_code == 200
    assert refresh(tokens["refresh"]).status_code == 401
    assert AuditEvent.objects.filter(kind="logout", target_user_id=user.id).count() == 1


def test_logout_revokes_the_refresh_token_cookie(api_client, sign_in, user):
    # given a browser session: the sign-in left its cookies in the client
    tokens = sign_in(user.email).data
    assert api_client.cookies["refresh_token"].value == tokens["refresh"]

    # when
    response = api_client.post(LOGOUT_URL, {}, format="json")

    # then
    assert response.status_code == 200
    api_client.cookies.clear()
    assert api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json").status_code == 401


def test_logout_also_ends_tokens_rotated_from_the_same_sign_in(api_client, sign_in, refresh, user):
    # given the first refresh token was rotated
    first = sign_in(user.email).data["refresh"]
    second = refresh(first).data["refresh"]

    # when the user signs out with the current one
    api_client.post(LOGOUT_URL, {"refresh": second}, format="json")

    # then
    assert refresh(second).status_code == 401


@pytest.mark.parametrize("cookie", ["access_token", "refresh_token", "csrftoken"])
def test_logout_clears_each_auth_cookie_on_the_path_it_was_set(api_client, sign_in, user, cookie):
    # given
    signed_in = sign_in(user.email)

    # when
    response = api_client.post(LOGOUT_URL, {}, format="json")

    # then (a browser deletes a cookie only when name and path match)
    assert response.cookies[cookie].value == ""
    assert response.cookies[cookie]["max-age"] == 0
    assert response.cookies[cookie]["path"] == signed_in.cookies[cookie]["path"]


def test_logout_without_a_token_still_answers_200_and_clears_cookies(api_client):
    response = api_client.post(LOGOUT_URL, {}, format="json")

    assert response.status_code == 200
    assert response.cookies["access_token"]["max-age"] == 0

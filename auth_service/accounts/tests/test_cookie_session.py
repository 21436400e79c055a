"""The web UI's session: HttpOnly token cookies, and the double-submit CSRF check on unsafe
requests that are authenticated by cookie rather than by a Bearer header."""

import pytest

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CHANGE = "/api/v1/users/password/change/"
BODY = {"current_password": PASSWORD, "new_password": "Brand-New-Secret-42"}


@pytest.fixture
def browser(api_client, sign_in):
    """An API client holding the cookies a sign-in set, as a browser would."""
    UserFactory(email="ada@example.com")
    assert sign_in("ada@example.com").status_code == 200
    return api_client


def test_the_sign_in_sets_httponly_token_cookies_and_a_readable_csrf_cookie(browser):
    cookies = browser.cookies

    assert cookies["access_token"]["httponly"] and cookies["refresh_token"]["httponly"]
    assert not cookies["csrftoken"]["httponly"]
    assert {cookies[name]["samesite"] for name in ("access_token", "refresh_token", "csrftoken")} == {"Lax"}
    assert 0 < int(cookies["access_token"]["max-age"]) <= 600


def test_a_safe_request_authenticated_by_cookie_needs_no_csrf_header(browser):
    assert browser.get("/api/v1/users/profile/").status_code == 200


def test_an_unsafe_cookie_request_without_the_csrf_header_is_403(browser):
    response = browser.post(CHANGE, BODY, format="json")

    assert response.status_code == 403


def test_an_unsafe_cookie_request_with_a_wrong_csrf_header_is_403(browser):
    response = browser.post(CHANGE, BODY, format="json", HTTP_X_CSRFTOKEN="guess")

    assert response.status_code == 403


def test_an_unsafe_cookie_request_echoing_the_csrf_cookie_passes(browser):
    response = browser.post(CHANGE, BODY, format="json", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)

    assert response.status_code == 200


def test_the_csrf_cookie_is_new_at_every_sign_in(api_client, sign_in):
    UserFactory(email="ada@example.com")

    first = sign_in("ada@example.com").cookies["csrftoken"].value
    second = sign_in("ada@example.com").cookies["csrftoken"].value

    assert first and second and first != second

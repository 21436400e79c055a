import pytest

from tts_common import jwt
from tts_common.authentication import TokenUser

WHOAMI = "/api/v1/whoami/"
CSRF = "k3rn3l-csrf-token-value"


@pytest.fixture
def cookie_client(api_client, make_token):
    """A browser: the access token and the CSRF token live in cookies, nothing in Authorization."""
    api_client.cookies["access_token"] = make_token(user_id=9, email="cookie@example.com")
    api_client.cookies["csrftoken"] = CSRF
    return api_client


def test_bearer_token_authenticates(api_client, make_token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(user_id=3, roles=['tts:Agent'])}")

    response = api_client.get(WHOAMI)

    assert response.status_code == 200
    assert response.data["id"] == "3"
    assert response.data["roles"] == ["tts:Agent"]


def test_bearer_keyword_is_case_insensitive(api_client, make_token):
    api_client.credentials(HTTP_AUTHORIZATION=f"bearer {make_token(user_id=3)}")

    assert api_client.get(WHOAMI).status_code == 200


def test_cookie_authenticates_a_safe_request_without_csrf(cookie_client):
    response = cookie_client.get(WHOAMI)

    assert response.status_code == 200
    assert response.data["email"] == "cookie@example.com"


def test_cookie_post_without_csrf_header_is_403(cookie_client):
    response = cookie_client.post(WHOAMI, {})

    assert response.status_code == 403
    assert "CSRF" in response.data["detail"]


def test_cookie_post_with_mismatched_csrf_header_is_403(cookie_client):
    response = cookie_client.post(WHOAMI, {}, HTTP_X_CSRFTOKEN=CSRF + "x")

    assert response.status_code == 403
    assert "CSRF" in response.data["detail"]


def test_cookie_post_with_csrf_header_but_no_csrf_cookie_is_403(api_client, make_token):
    api_client.cookies["access_token"] = make_token()

    response = api_client.post(WHOAMI, {}, HTTP_X_CSRFTOKEN=CSRF)

    assert response.status_code == 403


def test_cookie_post_with_matching_csrf_header_succeeds(cookie_client):
    response = cookie_client.post(WHOAMI, {}, HTTP_X_CSRFTOKEN=CSRF)

    assert response.status_code == 201
    assert response.data["id"] == "9"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_every_unsafe_method_needs_csrf_with_a_cookie(cookie_client, method):
    # WhoAmI has no handler for these: a 405 would mean authentication let it through
    response = getattr(cookie_client, method)(WHOAMI)

    assert response.status_code == 403


def test_bearer_post_needs_no_csrf(api_client, make_token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(user_id=4)}")

    response = api_client.post(WHOAMI, {})

    assert response.status_code == 201
    assert response.data["id"] == "4"


def test_bearer_header_wins_over_a_bad_cookie(api_client, make_token):
    api_client.cookies["access_token"] = "not-a-jwt"
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(user_id=5)}")

    response = api_client.get(WHOAMI)

    assert response.status_code == 200
    assert response.data["id"] == "5"


def test_non_bearer_scheme_leaves_the_request_unauthenticated(api_client, make_token):
    # given a valid token, but under another scheme
    api_client.credentials(HTTP_AUTHORIZATION=f"Basic {make_token()}")

    # when
    response = api_client.get(WHOAMI)

    # then the token is ignored rather than accepted
    assert response.status_code == 401
    assert response.data["detail"].code == "not_authenticated"


def test_bearer_without_token_or_with_extra_parts_is_401(api_client, make_token):
    for header in ["Bearer", f"Bearer {make_token()} extra"]:
        api_client.credentials(HTTP_AUTHORIZATION=header)
        response = api_client.get(WHOAMI)
        assert response.status_code == 401, header
        assert "Authorization header" in response.data["detail"]


def test_no_credentials_is_401(api_client):
    response = api_client.get(WHOAMI)

    assert response.status_code == 401
    assert response.data["detail"].code == "not_authenticated"


def test_401_names_the_bearer_scheme_in_www_authenticate(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-jwt")

    response = api_client.get(WHOAMI)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="tts"'
    assert response.data["detail"].code == "token_not_valid"


def test_401_does_not_echo_why_the_token_failed(api_client, make_token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(aud='other')}")

    response = api_client.get(WHOAMI)

    assert response.status_code == 401
    assert response.data == {"detail": "Token is invalid or expired."}


def test_token_user_id_is_a_string(api_client, make_token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(user_id=42)}")

    response = api_client.get(WHOAMI)

    assert response.data["id"] == "42"
    assert response.data["id_type"] == "str"


@pytest.mark.parametrize("roles", ["tts:Admin", {"tts:Admin": True}, ["tts:Admin", 7]])
def test_roles_claim_that_is_not_a_list_of_strings_is_401(api_client, make_token, roles):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(roles=roles)}")

    assert api_client.get(WHOAMI).status_code == 401


def test_token_user_from_claims():
    user = TokenUser.from_claims(
        {"user_id": 12, "email": "a@example.com", "name": "A", "roles": ["tts:Admin", "hdts:Agent"]}
    )

    assert user.id == user.pk == "12"
    assert user.is_authenticated and not user.is_anonymous
    assert user.is_admin() and user.is_staff
    assert user.is_admin("hdts") is False
    assert user.has_role("hdts:Agent")
    assert user.is_service is False
    assert str(user) == "a@example.com"


def test_token_user_missing_roles_means_no_roles():
    user = TokenUser.from_claims({"user_id": "service:auth"})

    assert user.roles == []
    assert user.is_admin() is False
    assert str(user) == "service:auth"


def test_token_user_refuses_roles_that_are_not_a_list():
    with pytest.raises(jwt.TokenInvalid):
        TokenUser.from_claims({"user_id": 1, "roles": "tts:Admin"})

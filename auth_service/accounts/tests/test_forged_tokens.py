"""Forged, expired and misdirected tokens are refused, on the API and on the refresh endpoint."""

import time

import pytest
from django.conf import settings

from accounts.tests.conftest import REFRESH_URL
from accounts.tests.factories import RoleFactory, UserFactory, UserSystemRoleFactory
from tts_common import jwt
from tts_common.testing import forged_tokens, sign

pytestmark = pytest.mark.django_db

FORGED = forged_tokens()
OTHER_KEY = "another-key-that-is-long-enough-0123456789abcdef"


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_access_token_is_401_on_an_endpoint_any_user_may_call(api_client, tts, token):
    # given the endpoint answers 200 to any genuine token
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    # when
    response = api_client.get("/api/v1/systems/")

    # then
    assert response.status_code == 401
    assert "results" not in response.data


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_access_token_in_the_cookie_is_401(api_client, tts, token):
    api_client.cookies["access_token"] = token

    response = api_client.get("/api/v1/systems/")

    assert response.status_code == 401


def test_the_same_request_with_a_genuine_token_is_200(client_as, tts):
    response = client_as(roles=[]).get("/api/v1/systems/")

    assert response.status_code == 200


def test_a_forged_admin_token_cannot_list_grants(api_client, tts):
    # given an Admin token signed with a key that is not ours
    claims = {"user_id": "1", "roles": ["tts:Admin"], "token_type": "access", "jti": "x" * 32}
    now = int(time.time())
    token = sign({**claims, "iat": now, "exp": now + 300, "iss": "tts-auth", "aud": "tts"}, key=OTHER_KEY)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api_client.get("/api/v1/tts/grants/")

    assert response.status_code == 401


@pytest.fixture
def genuine_refresh_claims(sign_in, tts):
    """The claims of a real, recorded, unused refresh token."""
    user = UserFactory(email="ada@example.com")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="Admin"))
    refresh = sign_in(user.email).data["refresh"]
    return jwt.decode(refresh, token_type="refresh")


def _refresh_forgeries(claims):
    now = int(time.time())
    return {
        "wrong key": sign(claims, key=OTHER_KEY),
        "wrong key, current kid": sign(
            claims, key=OTHER_KEY, headers={"kid": jwt.key_id(settings.JWT_SIGNING_KEY)}
        ),
        "HS512": sign(claims, algorithm="HS512"),
        "expired": sign({**claims, "iat": now - 3600, "exp": now - 600}),
        "wrong audience": sign({**claims, "aud": "other"}),
        "wrong issuer": sign({**claims, "iss": "someone-else"}),
        "missing kid": sign(claims, headers={"kid": None}),
        "typed as access": sign({**claims, "token_type": "access"}),
    }


@pytest.mark.parametrize(
    "case",
    [
        "wrong key",
        "wrong key, current kid",
        "HS512",
        "expired",
        "wrong audience",
        "wrong issuer",
        "missing kid",
        "typed as access",
    ],
)
def test_a_forged_refresh_token_for_a_real_jti_is_401(refresh, genuine_refresh_claims, case):
    # given a forgery of a token whose jti really is recorded and unused
    token = _refresh_forgeries(genuine_refresh_claims)[case]

    # when
    response = refresh(token)

    # then
    assert response.status_code == 401
    assert "access" not in response.data


def test_the_genuine_refresh_token_still_works_after_the_forgeries(refresh, genuine_refresh_claims):
    # given the forgeries were refused
    for token in _refresh_forgeries(genuine_refresh_claims).values():
        assert refresh(token).status_code == 401

    # when the real one (same claims, our key) comes
    response = refresh(sign(genuine_refresh_claims))

    # then the forgeries did not spend it
    assert response.status_code == 200


@pytest.mark.parametrize("case,token", FORGED, ids=[case for case, _ in FORGED])
def test_the_kernels_forged_tokens_are_refused_on_the_refresh_endpoint(api_client, case, token):
    response = api_client.post(REFRESH_URL, {"refresh": token}, format="json")

    # A body field longer than any real token is refused as bad input before it is decoded.
    assert response.status_code == (400 if case == "oversized" else 401)
    assert "access" not in response.data


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_the_kernels_forged_tokens_are_401_as_the_refresh_cookie(api_client, token):
    api_client.cookies["refresh_token"] = token

    response = api_client.post(REFRESH_URL, {}, format="json")

    assert response.status_code == 401


def test_an_access_token_presented_as_refresh_is_401(sign_in, refresh, tts):
    UserFactory(email="ada@example.com")
    access = sign_in("ada@example.com").data["access"]

    response = refresh(access)

    assert response.status_code == 401

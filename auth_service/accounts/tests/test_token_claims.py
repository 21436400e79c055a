"""POST /api/v1/users/token/: what an access token says about its holder (DESIGN §4)."""

import jwt as pyjwt
import pytest
from django.conf import settings

from accounts.tests.factories import RoleFactory, SystemFactory, UserFactory, UserSystemRoleFactory
from tts_common import jwt

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(tts):
    user = UserFactory(email="ada@example.com", first_name="Ada", last_name="Lovelace")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="Admin"))
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="IT Support"))
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="Auditor"), is_active=False)
    UserSystemRoleFactory(
        user=user, role=RoleFactory(system=SystemFactory(slug="hr", name="HR"), name="Clerk")
    )
    return user


DESIGN_CLAIMS = {"user_id", "email", "name", "roles", "token_type", "jti", "iat", "exp", "iss", "aud"}
# Beyond DESIGN §4, on purpose: ticket_service shows agents their department's tickets.
EXTRA_CLAIMS = {"department"}


def test_the_access_token_carries_the_design_claims_and_only_the_agreed_extras(sign_in, ada):
    # when
    response = sign_in("ada@example.com")

    # then
    assert response.status_code == 200
    claims = jwt.decode(response.data["access"])
    assert DESIGN_CLAIMS <= set(claims) <= DESIGN_CLAIMS | EXTRA_CLAIMS
    assert claims["department"] == ada.department
    assert claims["user_id"] == str(ada.id)
    assert claims["email"] == "ada@example.com"
    assert claims["name"] == "Ada Lovelace"
    assert claims["token_type"] == "access"
    assert claims["iss"] == "tts-auth"
    assert claims["aud"] == "tts"
    assert len(claims["jti"]) >= 16


def test_roles_are_those_of_active_grants_only_across_systems(sign_in, ada):
    response = sign_in("ada@example.com")

    claims = jwt.decode(response.data["access"])
    assert claims["roles"] == ["hr:Clerk", "tts:Admin", "tts:IT Support"]


def test_the_access_token_lives_at_most_ten_minutes(sign_in, ada):
    response = sign_in("ada@example.com")

    claims = jwt.decode(response.data["access"])
    assert 0 < claims["exp"] - claims["iat"] <= 600


def test_both_tokens_carry_the_kid_of_the_current_signing_key(sign_in, ada):
    response = sign_in("ada@example.com")

    expected = jwt.key_id(settings.JWT_SIGNING_KEY)
    for token in (response.data["access"], response.data["refresh"]):
        header = pyjwt.get_unverified_header(token)
        assert header["kid"] == expected
        assert header["alg"] == "HS256"


def test_every_sign_in_gets_a_fresh_jti(sign_in, ada):
    first = jwt.decode(sign_in("ada@example.com").data["access"])
    second = jwt.decode(sign_in("ada@example.com").data["access"])

    assert first["jti"] != second["jti"]


def test_the_refresh_token_is_a_refresh_token_and_not_an_access_token(sign_in, ada):
    response = sign_in("ada@example.com")

    refresh = response.data["refresh"]
    assert jwt.decode(refresh, token_type="refresh")["user_id"] == str(ada.id)
    with pytest.raises(jwt.TokenInvalid):
        jwt.decode(refresh)  # access is the default expected type


def test_a_user_without_grants_gets_an_empty_role_list(sign_in):
    UserFactory(email="rita@example.com")

    response = sign_in("rita@example.com")

    assert response.status_code == 200
    assert jwt.decode(response.data["access"])["roles"] == []

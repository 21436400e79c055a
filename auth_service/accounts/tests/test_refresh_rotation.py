"""POST /api/v1/users/token/refresh/: rotation, reuse detection, and roles as they stand now."""

import pytest

from accounts.models import AuditEvent, IssuedRefreshToken, UserSystemRole
from accounts.tests.conftest import REFRESH_URL
from accounts.tests.factories import RoleFactory, UserFactory, UserSystemRoleFactory
from tts_common import jwt

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(tts):
    user = UserFactory(email="alan@example.com")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="IT Support"))
    return user


@pytest.fixture
def signed_in(sign_in, agent):
    """The agent's first token pair."""
    response = sign_in(agent.email)
    assert response.status_code == 200
    return response.data


def test_it_rotates_a_refresh_token_given_in_the_body(refresh, signed_in, agent):
    # when
    response = refresh(signed_in["refresh"])

    # then a new pair, of the same user, in the same family
    assert response.status_code == 200
    assert response.data["refresh"] != signed_in["refresh"]
    assert response.data["access"] != signed_in["access"]
    old = jwt.decode(signed_in["refresh"], token_type="refresh")
    new = jwt.decode(response.data["refresh"], token_type="refresh")
    assert new["fam"] == old["fam"]
    assert new["jti"] != old["jti"]
    assert jwt.decode(response.data["access"])["user_id"] == str(agent.id)
    assert response.cookies["access_token"].value == response.data["access"]
    assert response.cookies["refresh_token"].value == response.data["refresh"]


def test_it_rotates_the_refresh_token_cookie(api_client, signed_in):
    # given only the cookie, as the web UI sends it
    api_client.cookies.clear()
    api_client.cookies["refresh_token"] = signed_in["refresh"]

    # when
    response = api_client.post(REFRESH_URL, {}, format="json")

    # then
    assert response.status_code == 200
    assert response.data["refresh"] != signed_in["refresh"]
    assert response.cookies["refresh_token"].value == response.data["refresh"]


def test_the_old_refresh_token_is_spent_after_rotation(refresh, signed_in):
    # given
    assert refresh(signed_in["refresh"]).status_code == 200

    # when
    response = refresh(signed_in["refresh"])

    # then
    assert response.status_code == 401
    assert "access" not in response.data


def test_reusing_a_rotated_token_revokes_the_whole_family(refresh, signed_in, agent):
    # given the token was rotated once: the newer one is the live one
    newer = refresh(signed_in["refresh"]).data["refresh"]

    # when the spent token comes back (someone copied it)
    replay = refresh(signed_in["refresh"])

    # then the replay fails, and so does the newer token of the same family
    assert replay.status_code == 401
    assert refresh(newer).status_code == 401
    family = jwt.decode(newer, token_type="refresh")["fam"]
    assert not IssuedRefreshToken.objects.filter(family=family, revoked_at__isnull=True).exists()
    assert AuditEvent.objects.filter(kind="refresh_reuse", target_user_id=agent.id).count() == 1


def test_reuse_in_one_family_leaves_other_sign_ins_alone(refresh, sign_in, signed_in, agent):
    # given a second sign-in (another browser)
    other = sign_in(agent.email).data["refresh"]
    refresh(signed_in["refresh"])

    # when the first family sees a replay
    refresh(signed_in["refresh"])

    # then the other family still rotates
    assert refresh(other).status_code == 200


def test_roles_are_recomputed_on_refresh(refresh, signed_in, agent, tts):
    # given since sign-in one grant was revoked and another added
    assert jwt.decode(signed_in["access"])["roles"] == ["tts:IT Support"]
    UserSystemRole.objects.filter(user=agent).update(is_active=False)
    UserSystemRoleFactory(user=agent, role=RoleFactory(system=tts, name="Ticket Coordinator"))

    # when
    response = refresh(signed_in["refresh"])

    # then
    assert response.status_code == 200
    assert jwt.decode(response.data["access"])["roles"] == ["tts:Ticket Coordinator"]


def test_deactivating_the_user_ends_their_refresh_tokens_at_once(refresh, signed_in, agent, as_user, tts):
    # given an admin
    admin = UserFactory()
    UserSystemRoleFactory(user=admin, role=RoleFactory(system=tts, name="Admin"))

    # when
    response = as_user(admin).post(f"/api/v1/users/{agent.id}/deactivate/")

    # then
    assert response.status_code == 200
    assert refresh(signed_in["refresh"]).status_code == 401


def test_revoking_a_grant_ends_the_holders_refresh_tokens_at_once(refresh, signed_in, agent, as_user, tts):
    # given
    admin = UserFactory()
    UserSystemRoleFactory(user=admin, role=RoleFactory(system=tts, name="Admin"))
    grant = agent.grants.get()

    # when
    response = as_user(admin).delete(f"/api/v1/tts/grants/{grant.id}/")

    # then
    assert response.status_code == 200
    assert refresh(signed_in["refresh"]).status_code == 401


def test_a_deactivated_user_cannot_refresh_even_without_revocation(refresh, signed_in, agent):
    # given the account was switched off behind the services' back (e.g. in the database)
    type(agent).objects.filter(pk=agent.pk).update(is_active=False)

    assert refresh(signed_in["refresh"]).status_code == 401


def test_an_access_token_presented_as_refresh_is_401(refresh, signed_in):
    response = refresh(signed_in["access"])

    assert response.status_code == 401


def test_no_token_at_all_is_401(api_client):
    response = api_client.post(REFRESH_URL, {}, format="json")

    assert response.status_code == 401


def test_a_refused_refresh_clears_the_cookies(refresh, signed_in):
    response = refresh("not-a-jwt")

    assert response.status_code == 401
    assert response.cookies["refresh_token"]["max-age"] == 0
    assert response.cookies["access_token"]["max-age"] == 0

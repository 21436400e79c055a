"""GET /api/v1/users/profile/: the caller's own account, and nobody else's."""

import pytest

from accounts.tests.factories import RoleFactory, UserFactory, UserSystemRoleFactory
from tts_common.fuzzing import assert_conforms
from tts_common.jwt import issue_service_token
from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db

PROFILE = "/api/v1/users/profile/"
FORGED = forged_tokens()


def test_it_returns_the_callers_own_account_with_active_roles_only(client_as):
    # given
    user = UserFactory(email="ada@example.com", first_name="Ada", last_name="Lovelace", department="Research")
    UserSystemRoleFactory(user=user, role=RoleFactory(name="Admin"))
    UserSystemRoleFactory(user=user, role=RoleFactory(name="IT Support"), is_active=False)
    UserFactory(email="someone-else@example.com")

    # when
    response = client_as(user_id=str(user.id), email=user.email).get(PROFILE)

    # then
    assert response.status_code == 200
    assert response.data["id"] == user.id
    assert response.data["email"] == "ada@example.com"
    assert response.data["name"] == "Ada Lovelace"
    assert response.data["department"] == "Research"
    assert response.data["roles"] == ["tts:Admin"]
    assert "password" not in response.data


def test_the_profile_follows_the_token_user_id_not_the_email_claim(client_as):
    # given a token whose email claim names another account
    user = UserFactory(email="ada@example.com")
    UserFactory(email="grace@example.com")

    # when
    response = client_as(user_id=str(user.id), email="grace@example.com").get(PROFILE)

    # then
    assert response.status_code == 200
    assert response.data["email"] == "ada@example.com"


def test_without_a_token_it_is_401(api_client):
    response = api_client.get(PROFILE)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tts"'


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_token_is_401(api_client, token):
    # given an account the forged token claims to be (user_id 1)
    UserFactory()

    # when
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api_client.get(PROFILE)

    # then
    assert response.status_code == 401
    assert "roles" not in response.data


def test_a_deactivated_users_token_gets_404(client_as):
    # given a token issued before the account was deactivated
    user = UserFactory()
    client = client_as(user_id=str(user.id), email=user.email)
    user.is_active = False
    user.save(update_fields=["is_active"])

    # when
    response = client.get(PROFILE)

    # then
    assert response.status_code == 404
    assert response.data == {"detail": "Account not found or deactivated."}


def test_a_deleted_users_token_gets_404(client_as):
    user = UserFactory()
    client = client_as(user_id=str(user.id), email=user.email)
    user.delete()

    response = client.get(PROFILE)

    assert response.status_code == 404


def test_a_service_token_has_no_profile_and_gets_404_not_500(api_client):
    # given a genuine service-to-service token: its user_id is "service:<name>", not a number
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_service_token('workflow')}")

    # when
    response = api_client.get(PROFILE)

    # then
    assert response.status_code == 404


@pytest.mark.parametrize("user_id", ["abc", "12abc", "99999999999999999999999", "-1", ""])
def test_a_signed_token_with_an_odd_user_id_gets_404_not_500(client_as, user_id):
    response = client_as(user_id=user_id).get(PROFILE)

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", PROFILE, {}),
        ("post", "/api/v1/users/password/change/", {"current_password": "a", "new_password": "b"}),
        ("get", "/api/v1/users/totp/", None),
        ("post", "/api/v1/users/totp/", None),
        ("post", "/api/v1/users/totp/confirm/", {"code": "123456"}),
    ],
)
def test_my_account_endpoints_document_the_404_a_service_token_gets(api_client, method, path, body):
    # given a token that names no account (the fuzzer's service role found these undocumented)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_service_token('workflow')}")

    # when
    response = getattr(api_client, method)(path, body, format="json")

    # then
    assert response.status_code == 404
    assert_conforms("auth", f"{method.upper()} {path}", response)

import pytest

from accounts.models import Role, System, User, UserSystemRole
from tts_common import jwt

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-9"


@pytest.fixture
def user():
    system = System.objects.create(slug="tts", name="TTS")
    user = User.objects.create_user("ada@example.com", PASSWORD, first_name="Ada", last_name="Lovelace")
    UserSystemRole.objects.create(user=user, role=Role.objects.create(system=system, name="Admin"))
    revoked = Role.objects.create(system=system, name="IT Support")
    UserSystemRole.objects.create(user=user, role=revoked, is_active=False)
    return user


def test_it_issues_tokens_with_the_design_claims(api_client, user):
    # when
    response = api_client.post("/api/v1/users/token/", {"username": "Ada@Example.com", "password": PASSWORD})

    # then
    assert response.status_code == 200
    claims = jwt.decode(response.data["access"])
    assert claims["user_id"] == str(user.id)
    assert claims["email"] == "ada@example.com"
    assert claims["name"] == "Ada Lovelace"
    assert claims["roles"] == ["tts:Admin"]
    assert claims["exp"] - claims["iat"] <= 600
    assert claims["iss"] == "tts-auth" and claims["aud"] == "tts"
    assert jwt.decode(response.data["refresh"], token_type="refresh")["user_id"] == str(user.id)
    assert response.data["user"]["roles"] == ["tts:Admin"]
    cookie = response.cookies["access_token"]
    assert cookie.value == response.data["access"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert response.cookies["refresh_token"]["httponly"]
    assert not response.cookies["csrftoken"]["httponly"]


def test_wrong_password_is_401_without_tokens(api_client, user):
    response = api_client.post("/api/v1/users/token/", {"username": user.email, "password": "nope"})
    assert response.status_code == 401
    assert response.data == {"detail": "Invalid email or password."}
    assert "access_token" not in response.cookies


def test_inactive_user_cannot_sign_in(api_client, user):
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = api_client.post("/api/v1/users/token/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 401


def test_missing_fields_are_400_with_field_errors(api_client):
    response = api_client.post("/api/v1/users/token/", {"username": "not-an-email"})
    assert response.status_code == 400
    assert set(response.data) == {"username", "password"}

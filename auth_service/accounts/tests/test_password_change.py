"""POST /api/v1/users/password/change/: the current password proves it is you; the old sessions end."""

import pytest

from accounts.models import AuditEvent
from accounts.tests.factories import PASSWORD, UserFactory
from tts_common import jwt

pytestmark = pytest.mark.django_db

CHANGE = "/api/v1/users/password/change/"
NEW_PASSWORD = "Brand-New-Secret-42"


@pytest.fixture
def ada():
    return UserFactory(email="ada@example.com")


def test_a_wrong_current_password_is_400_and_changes_nothing(as_user, ada):
    response = as_user(ada).post(
        CHANGE, {"current_password": "not-it", "new_password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 400
    assert response.data["current_password"]
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(kind="password_change").exists()


def test_a_weak_new_password_is_400(as_user, ada):
    response = as_user(ada).post(
        CHANGE, {"current_password": PASSWORD, "new_password": "short"}, format="json"
    )

    assert response.status_code == 400
    assert response.data["new_password"]


def test_success_returns_a_new_pair_and_ends_the_old_refresh_tokens(as_user, sign_in, refresh, ada):
    # given two earlier sign-ins
    old = [sign_in("ada@example.com").data["refresh"] for _ in range(2)]

    # when
    response = as_user(ada).post(
        CHANGE,
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
        HTTP_USER_AGENT="pytest-agent/1.0",
    )

    # then
    assert response.status_code == 200
    assert jwt.decode(response.data["access"])["user_id"] == str(ada.id)
    assert [refresh(token).status_code for token in old] == [401, 401]
    assert refresh(response.data["refresh"]).status_code == 200
    ada.refresh_from_db()
    assert ada.check_password(NEW_PASSWORD)


def test_success_is_audited_with_ip_and_user_agent(as_user, ada):
    as_user(ada).post(
        CHANGE,
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
        HTTP_USER_AGENT="pytest-agent/1.0",
    )

    event = AuditEvent.objects.get(kind="password_change")
    assert event.target_user_id == ada.id
    assert event.actor_id == ada.id
    assert event.ip == "127.0.0.1"
    assert event.user_agent == "pytest-agent/1.0"


def test_missing_fields_are_400(as_user, ada):
    response = as_user(ada).post(CHANGE, {}, format="json")

    assert response.status_code == 400
    assert set(response.data) == {"current_password", "new_password"}

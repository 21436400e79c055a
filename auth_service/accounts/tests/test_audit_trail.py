"""The audit trail: sign-ins (good and bad), lockouts, password and grant changes, each with
who, whom, the caller's address and user agent."""

import pytest

from accounts.models import AuditEvent
from accounts.tests.factories import PASSWORD, RoleFactory, UserFactory, UserSystemRoleFactory

pytestmark = pytest.mark.django_db

UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (pytest) audit-check", "REMOTE_ADDR": "203.0.113.7"}


@pytest.fixture
def ada():
    return UserFactory(email="ada@example.com")


def _only(kind):
    (event,) = AuditEvent.objects.filter(kind=kind)
    return event


def test_a_successful_sign_in_is_recorded(sign_in, ada):
    sign_in("ada@example.com", **UA)

    event = _only("login_success")
    assert (event.actor_id, event.target_user_id, event.email) == (ada.id, ada.id, "ada@example.com")
    assert (event.ip, event.user_agent) == ("203.0.113.7", "Mozilla/5.0 (pytest) audit-check")


def test_a_failed_sign_in_is_recorded_without_the_password(sign_in, ada):
    sign_in("ada@example.com", "Wrong-Password-1", **UA)

    event = _only("login_failure")
    assert event.email == "ada@example.com"
    assert event.actor_id is None
    assert (event.ip, event.user_agent) == ("203.0.113.7", "Mozilla/5.0 (pytest) audit-check")
    assert "Wrong-Password-1" not in str(event.detail)


def test_a_failed_sign_in_for_an_unknown_email_is_recorded_too(sign_in):
    sign_in("nobody@example.com", "whatever", **UA)

    assert _only("login_failure").email == "nobody@example.com"


def test_a_lockout_is_recorded(sign_in, settings, ada):
    settings.LOGIN_RATE_PER_IP = 1000
    for _ in range(settings.LOGIN_MAX_FAILURES + 1):
        sign_in("ada@example.com", "wrong", **UA)

    event = _only("lockout")
    assert event.email == "ada@example.com"
    assert (event.ip, event.user_agent) == ("203.0.113.7", "Mozilla/5.0 (pytest) audit-check")


def test_a_password_change_is_recorded(as_user, ada):
    as_user(ada).post(
        "/api/v1/users/password/change/",
        {"current_password": PASSWORD, "new_password": "Brand-New-Secret-42"},
        format="json",
        **UA,
    )

    event = _only("password_change")
    assert (event.actor_id, event.target_user_id) == (ada.id, ada.id)
    assert (event.ip, event.user_agent) == ("203.0.113.7", "Mozilla/5.0 (pytest) audit-check")


def test_granting_and_revoking_a_role_are_recorded(as_user, tts, ada):
    # given
    admin = UserFactory(email="admin@example.com")
    UserSystemRoleFactory(user=admin, role=RoleFactory(system=tts, name="Admin"))
    support = RoleFactory(system=tts, name="IT Support")
    client = as_user(admin)

    # when
    grant = client.post(
        "/api/v1/tts/grants/", {"user_id": ada.id, "role_id": support.id}, format="json", **UA
    )
    client.delete(f"/api/v1/tts/grants/{grant.data['id']}/", **UA)

    # then
    events = list(AuditEvent.objects.filter(kind="grant_changed").order_by("created_at", "id"))
    assert [e.detail for e in events] == [
        {"role": "tts:IT Support", "active": True},
        {"role": "tts:IT Support", "active": False},
    ]
    for event in events:
        assert (event.actor_id, event.actor_email, event.target_user_id) == (admin.id, admin.email, ada.id)
        assert (event.ip, event.user_agent) == ("203.0.113.7", "Mozilla/5.0 (pytest) audit-check")


def test_a_refused_grant_writes_no_audit_row(as_user, tts, ada):
    agent = UserFactory()
    UserSystemRoleFactory(user=agent, role=RoleFactory(system=tts, name="IT Support"))
    support = RoleFactory(system=tts, name="IT Support")

    response = as_user(agent).post(
        "/api/v1/tts/grants/", {"user_id": ada.id, "role_id": support.id}, format="json"
    )

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(kind="grant_changed").exists()


def test_a_long_user_agent_is_cut_to_fit(sign_in, ada):
    sign_in("ada@example.com", HTTP_USER_AGENT="x" * 1000)

    assert _only("login_success").user_agent == "x" * 255

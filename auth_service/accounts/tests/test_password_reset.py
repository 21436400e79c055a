"""Password reset: a link by email for an existing account, the same answer for anyone else,
and a single-use, expiring token that sets a new password and ends the old sessions."""

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from accounts.models import AuditEvent, OutboxMessage, PasswordResetToken
from accounts.tests.factories import PASSWORD, UserFactory
from tts_common.messages import NotificationSchema, parse

pytestmark = pytest.mark.django_db

RESET = "/api/v1/users/password/reset/"
CONFIRM = "/api/v1/users/password/reset/confirm/"
SEND_NOTIFICATION = "notifications.tasks.send_notification"
NEW_PASSWORD = "Brand-New-Secret-42"


@pytest.fixture
def ada():
    return UserFactory(email="ada@example.com")


@pytest.fixture
def reset_token(api_client, ada, outbox_payloads):
    """Ask for a reset and read the raw token out of the emailed link, as the user would."""
    assert api_client.post(RESET, {"email": "ada@example.com"}, format="json").status_code == 202
    (payload,) = outbox_payloads(SEND_NOTIFICATION)
    return parse_qs(urlparse(payload["link"]).query)["token"][0]


def test_it_answers_202_with_the_same_body_for_known_and_unknown_emails(api_client, ada):
    known = api_client.post(RESET, {"email": "ada@example.com"}, format="json")
    unknown = api_client.post(RESET, {"email": "nobody@example.com"}, format="json")

    assert known.status_code == unknown.status_code == 202
    assert known.data == unknown.data


def test_for_an_existing_account_it_stores_a_token_and_queues_an_email(api_client, ada, outbox_payloads):
    # when
    api_client.post(RESET, {"email": "Ada@Example.com"}, format="json")

    # then
    reset = PasswordResetToken.objects.get()
    assert reset.user == ada
    assert reset.used_at is None
    assert timezone.now() < reset.expires_at <= timezone.now() + timedelta(hours=1)
    (payload,) = outbox_payloads(SEND_NOTIFICATION)
    message = parse(NotificationSchema, payload)
    assert message["type"] == "password_reset"
    assert message["channels"] == ["email"]
    assert message["recipient"] == {"user_id": str(ada.id), "email": "ada@example.com"}
    assert "token=" in message["link"]
    assert OutboxMessage.objects.get().queue  # routed to a named queue


def test_the_link_carries_the_token_but_the_database_only_its_hash(api_client, ada, reset_token):
    reset = PasswordResetToken.objects.get()

    assert reset_token not in reset.token_hash
    assert len(reset_token) >= 32


def test_for_an_unknown_email_it_stores_and_sends_nothing(api_client, ada):
    api_client.post(RESET, {"email": "nobody@example.com"}, format="json")

    assert not PasswordResetToken.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_deactivated_account_gets_no_link(api_client):
    UserFactory(email="gone@example.com", is_active=False)

    response = api_client.post(RESET, {"email": "gone@example.com"}, format="json")

    assert response.status_code == 202
    assert not OutboxMessage.objects.exists()


def test_confirm_sets_the_new_password(api_client, sign_in, ada, reset_token):
    # when
    response = api_client.post(CONFIRM, {"token": reset_token, "new_password": NEW_PASSWORD}, format="json")

    # then
    assert response.status_code == 200
    assert sign_in("ada@example.com", NEW_PASSWORD).status_code == 200
    assert sign_in("ada@example.com", PASSWORD).status_code == 401
    assert AuditEvent.objects.filter(kind="password_reset", target_user_id=ada.id).count() == 1


def test_a_token_works_once(api_client, ada, reset_token):
    first = api_client.post(CONFIRM, {"token": reset_token, "new_password": NEW_PASSWORD}, format="json")

    second = api_client.post(
        CONFIRM, {"token": reset_token, "new_password": "Another-Secret-43"}, format="json"
    )

    assert first.status_code == 200
    assert second.status_code == 400
    assert "token" in second.data
    ada.refresh_from_db()
    assert ada.check_password(NEW_PASSWORD)


def test_an_expired_token_is_400(api_client, ada, reset_token):
    # given the hour has passed
    PasswordResetToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    # when
    response = api_client.post(CONFIRM, {"token": reset_token, "new_password": NEW_PASSWORD}, format="json")

    # then
    assert response.status_code == 400
    assert "token" in response.data
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)


def test_an_unknown_token_is_400(api_client, ada):
    response = api_client.post(CONFIRM, {"token": "made-up", "new_password": NEW_PASSWORD}, format="json")

    assert response.status_code == 400
    assert "token" in response.data


@pytest.mark.parametrize("weak", ["short", "password123", "12345678901", "ada@example.com"])
def test_a_weak_new_password_is_400_and_keeps_the_token_usable(api_client, ada, reset_token, weak):
    # when
    response = api_client.post(CONFIRM, {"token": reset_token, "new_password": weak}, format="json")

    # then
    assert response.status_code == 400
    assert response.data["new_password"]
    assert PasswordResetToken.objects.get().used_at is None
    retry = api_client.post(CONFIRM, {"token": reset_token, "new_password": NEW_PASSWORD}, format="json")
    assert retry.status_code == 200


def test_confirm_revokes_the_users_refresh_tokens(api_client, sign_in, refresh, ada, reset_token):
    # given a sign-in from before the reset
    old_refresh = sign_in("ada@example.com").data["refresh"]

    # when
    api_client.post(CONFIRM, {"token": reset_token, "new_password": NEW_PASSWORD}, format="json")

    # then
    assert refresh(old_refresh).status_code == 401


def test_confirm_lifts_a_lockout(api_client, sign_in, settings, ada, reset_token):
    # given ada locked herself out
    settings.LOGIN_RATE_PER_IP = 1000
    for _ in range(settings.LOGIN_MAX_FAILURES + 1):
        sign_in("ada@example.com", "wrong")
    assert sign_in("ada@example.com").status_code == 429

    # when
    api_client.post(CONFIRM, {"token": reset_token, "new_password": NEW_PASSWORD}, format="json")

    # then
    assert sign_in("ada@example.com", NEW_PASSWORD).status_code == 200


def test_missing_fields_are_400_with_field_messages(api_client):
    assert set(api_client.post(CONFIRM, {}, format="json").data) == {"token", "new_password"}
    assert set(api_client.post(RESET, {"email": "not-an-email"}, format="json").data) == {"email"}


def test_reset_requests_are_rate_limited_per_ip(api_client, settings, ada):
    settings.PASSWORD_RESET_RATE_PER_IP = 2

    statuses = [
        api_client.post(RESET, {"email": "ada@example.com"}, format="json").status_code for _ in range(3)
    ]

    assert statuses == [202, 202, 429]

"""Admins manage accounts: invite, look up, edit, deactivate and reactivate."""

import pytest

from accounts.models import User
from accounts.tests.factories import RoleFactory, UserFactory, UserSystemRoleFactory
from tts_common.messages import NotificationSchema, parse

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"


@pytest.fixture
def admin_client(as_user, tts):
    admin = UserFactory(email="admin@example.com")
    UserSystemRoleFactory(user=admin, role=RoleFactory(system=tts, name="Admin"))
    return as_user(admin)


def test_an_invited_account_has_no_usable_password_until_the_link_is_used(
    admin_client, api_client, sign_in, outbox_payloads
):
    # when
    response = admin_client.post(USERS, {"email": "New@Example.com", "first_name": "Nia"}, format="json")

    # then the account exists, cannot sign in, and an invitation is queued
    assert response.status_code == 201
    invited = User.objects.get(email="new@example.com")
    assert invited.first_name == "Nia"
    assert not invited.has_usable_password()
    (payload,) = outbox_payloads("notifications.tasks.send_notification")
    message = parse(NotificationSchema, payload)
    assert message["recipient"]["email"] == "new@example.com"
    assert message["channels"] == ["email"]

    # and the link sets a password that works
    token = message["link"].split("token=", 1)[1]
    confirm = api_client.post(
        "/api/v1/users/password/reset/confirm/",
        {"token": token, "new_password": "Brand-New-Secret-42"},
        format="json",
    )
    assert confirm.status_code == 200
    assert sign_in("new@example.com", "Brand-New-Secret-42").status_code == 200


@pytest.mark.parametrize("email", ["ada@example.com", "ADA@example.com"])
def test_inviting_an_existing_email_is_400(admin_client, email):
    UserFactory(email="ada@example.com")

    response = admin_client.post(USERS, {"email": email}, format="json")

    assert response.status_code == 400
    assert response.data["email"]
    assert User.objects.filter(email__iexact="ada@example.com").count() == 1


@pytest.mark.parametrize(
    "body", [{}, {"email": "not-an-email"}, {"email": "x@example.com", "phone": "call me"}]
)
def test_bad_invitations_are_400_with_a_field_message(admin_client, body):
    response = admin_client.post(USERS, body, format="json")

    assert response.status_code == 400
    assert set(response.data) & {"email", "phone"}


def test_the_list_searches_and_filters_by_active(admin_client):
    UserFactory(email="alan@example.com", first_name="Alan")
    UserFactory(email="grace@example.com", first_name="Grace", is_active=False)

    searched = admin_client.get(USERS, {"search": "ALAN"})
    inactive = admin_client.get(USERS, {"is_active": "false"})

    assert [u["email"] for u in searched.data["results"]] == ["alan@example.com"]
    assert [u["email"] for u in inactive.data["results"]] == ["grace@example.com"]


def test_the_list_is_paginated(admin_client):
    for _ in range(3):
        UserFactory()

    response = admin_client.get(USERS, {"page_size": 2})

    assert response.data["count"] == 4
    assert len(response.data["results"]) == 2
    assert response.data["next"]


def test_an_admin_cannot_change_a_users_email(admin_client):
    alan = UserFactory(email="alan@example.com")

    response = admin_client.patch(
        f"{USERS}{alan.id}/", {"email": "x@example.com", "department": "Ops"}, format="json"
    )

    assert response.status_code == 200
    alan.refresh_from_db()
    assert (alan.email, alan.department) == ("alan@example.com", "Ops")


def test_a_deactivated_user_cannot_sign_in_and_a_reactivated_one_can(admin_client, sign_in):
    alan = UserFactory(email="alan@example.com")

    admin_client.post(f"{USERS}{alan.id}/deactivate/")
    refused = sign_in("alan@example.com")
    admin_client.post(f"{USERS}{alan.id}/activate/")
    accepted = sign_in("alan@example.com")

    assert refused.status_code == 401
    assert accepted.status_code == 200


def test_an_unknown_user_is_404(admin_client):
    assert admin_client.get(f"{USERS}999999/").status_code == 404
    assert admin_client.post(f"{USERS}999999/deactivate/").status_code == 404

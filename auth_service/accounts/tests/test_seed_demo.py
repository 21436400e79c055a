"""``manage.py seed_demo``: demo system, roles and users, safe to run any number of times."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Role, System, User, UserSystemRole
from accounts.selectors import user_role_names

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "systems": System.objects.count(),
        "roles": Role.objects.count(),
        "users": User.objects.count(),
        "grants": UserSystemRole.objects.count(),
    }


def test_it_creates_the_demo_system_roles_and_users():
    # when
    call_command("seed_demo", stdout=StringIO())

    # then
    assert _counts() == {"systems": 1, "roles": 5, "users": 6, "grants": 8}
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_staff and admin.is_superuser
    assert user_role_names(user=admin) == ["tts:Admin", "tts:Ticket Coordinator"]
    assert User.objects.get(email="requester@example.com").grants.count() == 0


def test_running_it_twice_changes_nothing():
    # given
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    password_hashes = dict(User.objects.values_list("email", "password"))

    # when
    call_command("seed_demo", stdout=StringIO())

    # then
    assert _counts() == first
    assert dict(User.objects.values_list("email", "password")) == password_hashes


def test_demo_users_can_sign_in_with_the_demo_password(api_client):
    # given
    call_command("seed_demo", stdout=StringIO())

    # when
    response = api_client.post(
        "/api/v1/users/token/", {"username": "agent@example.com", "password": "TtsDemo!2026"}
    )

    # then
    assert response.status_code == 200
    assert response.data["user"]["roles"] == ["tts:IT Support", "tts:Ticket Coordinator"]

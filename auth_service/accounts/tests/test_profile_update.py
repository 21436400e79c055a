"""PATCH /api/v1/users/profile/: people edit their own name, department and phone, nothing else."""

import pytest

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = "/api/v1/users/profile/"


@pytest.fixture
def ada():
    return UserFactory(
        email="ada@example.com", first_name="Ada", last_name="Byron", department="IT", phone=""
    )


def test_it_changes_the_editable_fields(as_user, ada):
    # when
    response = as_user(ada).patch(
        PROFILE,
        {
            "first_name": "Augusta",
            "last_name": "Lovelace",
            "department": "Research",
            "phone": "+44 (20) 7946-0958",
        },
        format="json",
    )

    # then
    assert response.status_code == 200
    assert response.data["name"] == "Augusta Lovelace"
    ada.refresh_from_db()
    assert (ada.first_name, ada.last_name, ada.department, ada.phone) == (
        "Augusta",
        "Lovelace",
        "Research",
        "+44 (20) 7946-0958",
    )


def test_the_email_cannot_be_changed(as_user, ada):
    response = as_user(ada).patch(
        PROFILE, {"email": "mallory@example.com", "department": "Ops"}, format="json"
    )

    assert response.status_code == 200
    assert response.data["email"] == "ada@example.com"
    ada.refresh_from_db()
    assert ada.email == "ada@example.com"
    assert ada.department == "Ops"


@pytest.mark.parametrize("field", ["is_active", "is_staff", "is_superuser", "totp_enabled", "roles", "id"])
def test_other_fields_are_ignored(as_user, ada, field):
    value = ["tts:Admin"] if field == "roles" else (999 if field == "id" else True)

    response = as_user(ada).patch(PROFILE, {field: value}, format="json")

    assert response.status_code == 200
    ada.refresh_from_db()
    assert ada.is_active and not ada.is_staff and not ada.is_superuser and not ada.totp_enabled
    assert response.data["id"] == ada.id
    assert response.data["roles"] == []


@pytest.mark.parametrize("phone", ["call me", "<script>", "1" * 33, "+1-555-CALL"])
def test_an_invalid_phone_is_400(as_user, ada, phone):
    response = as_user(ada).patch(PROFILE, {"phone": phone}, format="json")

    assert response.status_code == 400
    assert response.data["phone"]
    ada.refresh_from_db()
    assert ada.phone == ""


def test_a_too_long_name_is_400(as_user, ada):
    response = as_user(ada).patch(PROFILE, {"first_name": "x" * 151}, format="json")

    assert response.status_code == 400
    assert response.data["first_name"]


def test_one_user_edits_only_their_own_profile(as_user, ada):
    grace = UserFactory(email="grace@example.com", department="IT")

    as_user(ada).patch(PROFILE, {"department": "Research"}, format="json")

    grace.refresh_from_db()
    assert grace.department == "IT"

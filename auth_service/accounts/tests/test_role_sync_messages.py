"""Every role and grant change queues a sync message for workflow_api (DESIGN §5), and each
message carries a version newer than the one before, so the replica can apply them in any order."""

import pytest

from accounts.models import OutboxMessage, Role, UserSystemRole
from accounts.tests.factories import CustomRoleFactory, RoleFactory, UserFactory, UserSystemRoleFactory
from tts_common.messages import RoleSyncSchema, UserRoleSyncSchema, parse

pytestmark = pytest.mark.django_db

SYNC_ROLE = "role.tasks.sync_role"
SYNC_USER_ROLE = "role.tasks.sync_user_system_role"


@pytest.fixture
def admin(tts):
    user = UserFactory(email="admin@example.com")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="Admin", is_custom=False))
    return user


@pytest.fixture
def role_messages(outbox_payloads):
    return lambda: [parse(RoleSyncSchema, payload) for payload in outbox_payloads(SYNC_ROLE)]


@pytest.fixture
def grant_messages(outbox_payloads):
    return lambda: [parse(UserRoleSyncSchema, payload) for payload in outbox_payloads(SYNC_USER_ROLE)]


def test_role_create_update_delete_each_queue_a_valid_message_with_a_rising_version(
    as_user, admin, role_messages
):
    client = as_user(admin)

    # when a role is created, renamed, described and deleted
    role_id = client.post("/api/v1/tts/roles/", {"name": "Reviewer"}, format="json").data["id"]
    client.patch(f"/api/v1/tts/roles/{role_id}/", {"name": "Senior Reviewer"}, format="json")
    client.patch(f"/api/v1/tts/roles/{role_id}/", {"description": "Signs off."}, format="json")
    assert client.delete(f"/api/v1/tts/roles/{role_id}/").status_code == 204

    # then four messages, in order, each passing the schema
    messages = role_messages()
    assert [m["action"] for m in messages] == ["upsert", "upsert", "upsert", "delete"]
    assert [m["role"]["name"] for m in messages] == [
        "Reviewer",
        "Senior Reviewer",
        "Senior Reviewer",
        "Senior Reviewer",
    ]
    assert {m["role"]["id"] for m in messages} == {role_id}
    assert {m["role"]["system"] for m in messages} == {"tts"}
    versions = [m["version"] for m in messages]
    assert versions == sorted(set(versions)), versions
    assert len({m["event_id"] for m in messages}) == 4


def test_the_queue_is_the_role_sync_queue(as_user, admin):
    as_user(admin).post("/api/v1/tts/roles/", {"name": "Reviewer"}, format="json")

    row = OutboxMessage.objects.get(task_name=SYNC_ROLE)
    assert row.queue == "tts.role.sync"
    assert row.published_at is None  # published only after the transaction commits


def test_grant_set_revoke_and_set_again_queue_valid_messages_with_a_rising_version(
    as_user, admin, tts, grant_messages
):
    # given
    client = as_user(admin)
    alan = UserFactory(email="alan@example.com", first_name="Alan", last_name="Agent")
    role = CustomRoleFactory(system=tts, name="IT Support")

    # when
    grant_id = client.post(
        "/api/v1/tts/grants/", {"user_id": alan.id, "role_id": role.id}, format="json"
    ).data["id"]
    client.delete(f"/api/v1/tts/grants/{grant_id}/")
    client.post("/api/v1/tts/grants/", {"user_id": alan.id, "role_id": role.id}, format="json")

    # then
    messages = grant_messages()
    assert [m["action"] for m in messages] == ["upsert", "delete", "upsert"]
    assert {m["role_id"] for m in messages} == {role.id}
    assert messages[0]["user"] == {
        "id": alan.id,
        "email": "alan@example.com",
        "name": "Alan Agent",
        "is_active": True,
    }
    versions = [m["version"] for m in messages]
    assert versions == sorted(set(versions)), versions


def test_granting_an_active_grant_again_queues_nothing(as_user, admin, tts, grant_messages):
    alan = UserFactory()
    role = RoleFactory(system=tts, name="IT Support")
    client = as_user(admin)
    client.post("/api/v1/tts/grants/", {"user_id": alan.id, "role_id": role.id}, format="json")

    again = client.post("/api/v1/tts/grants/", {"user_id": alan.id, "role_id": role.id}, format="json")

    assert again.status_code in (200, 201)
    assert len(grant_messages()) == 1


def test_deactivating_a_user_republishes_their_grants_as_inactive(as_user, admin, tts, grant_messages):
    # given alan holds two roles
    alan = UserFactory(email="alan@example.com")
    grants = [
        UserSystemRoleFactory(user=alan, role=RoleFactory(system=tts, name=name))
        for name in ["IT Support", "Ticket Coordinator"]
    ]

    # when
    assert as_user(admin).post(f"/api/v1/users/{alan.id}/deactivate/").status_code == 200

    # then one message per grant, newer than the grant's own version, saying the user is inactive
    messages = grant_messages()
    assert sorted(m["role_id"] for m in messages) == sorted(g.role_id for g in grants)
    assert all(m["user"]["is_active"] is False for m in messages)
    assert all(m["user"]["id"] == alan.id for m in messages)
    assert all(m["version"] > 1 for m in messages)


def test_reactivating_a_user_republishes_their_grants_as_active(as_user, admin, tts, grant_messages):
    alan = UserFactory(email="alan@example.com", is_active=False)
    UserSystemRoleFactory(user=alan, role=RoleFactory(system=tts, name="IT Support"))

    as_user(admin).post(f"/api/v1/users/{alan.id}/activate/")

    (message,) = grant_messages()
    assert message["user"]["is_active"] is True


def test_renaming_a_user_republishes_their_grants_with_the_new_name(as_user, admin, tts, grant_messages):
    alan = UserFactory(email="alan@example.com", first_name="Alan", last_name="Agent")
    UserSystemRoleFactory(user=alan, role=RoleFactory(system=tts, name="IT Support"))

    as_user(admin).patch(f"/api/v1/users/{alan.id}/", {"last_name": "Turing"}, format="json")

    (message,) = grant_messages()
    assert message["user"]["name"] == "Alan Turing"


def test_deleting_a_role_ends_its_holders_sessions(as_user, admin, tts, sign_in, refresh):
    alan = UserFactory(email="alan@example.com")
    role = CustomRoleFactory(system=tts, name="Reviewer")
    UserSystemRoleFactory(user=alan, role=role)
    session = sign_in("alan@example.com").data["refresh"]

    as_user(admin).delete(f"/api/v1/tts/roles/{role.id}/")

    assert not Role.objects.filter(pk=role.id).exists()
    assert not UserSystemRole.objects.filter(role_id=role.id).exists()
    assert refresh(session).status_code == 401

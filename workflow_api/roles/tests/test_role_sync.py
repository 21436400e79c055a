"""The role replica follows auth_service's messages idempotently and in any order."""

import uuid

import pytest
from celery import states
from celery.exceptions import Reject

from roles.models import Role, RoleUser
from roles.selectors import role_assignable_users
from roles.services import roles_reconcile
from roles.tasks import sync_role, sync_user_system_role

pytestmark = pytest.mark.django_db


def role_message(*, role_id=7, name="IT Support", version=1, action="upsert"):
    return {
        "schema_version": 1,
        "event_id": str(uuid.uuid4()),
        "action": action,
        "role": {"id": role_id, "system": "tts", "name": name},
        "version": version,
    }


def grant_message(
    *, role_id=7, user_id=3, version=1, action="upsert", user_active=True, name="Grace Support"
):
    return {
        "schema_version": 1,
        "event_id": str(uuid.uuid4()),
        "action": action,
        "user": {
            "id": user_id,
            "email": f"user{user_id}@example.com",
            "name": name,
            "is_active": user_active,
        },
        "role_id": role_id,
        "version": version,
    }


def deliver(task, payload):
    task.apply(args=[payload], throw=True)


def test_a_role_and_a_grant_make_an_assignable_user():
    deliver(sync_role, role_message())
    deliver(sync_user_system_role, grant_message())

    assert [m.email for m in role_assignable_users(role_id=7)] == ["user3@example.com"]


def test_the_same_message_twice_changes_nothing():
    # given
    message = grant_message(version=2)
    deliver(sync_role, role_message())
    deliver(sync_user_system_role, message)
    before = RoleUser.objects.get()

    # when
    deliver(sync_user_system_role, message)

    # then
    after = RoleUser.objects.get()
    assert RoleUser.objects.count() == 1
    assert after.updated_at == before.updated_at


def test_a_grant_that_arrives_before_its_role_is_kept():
    # given the grant first
    deliver(sync_user_system_role, grant_message(role_id=9))
    assert not role_assignable_users(role_id=9).exists()  # no role yet: nothing to assign

    # when the role follows
    deliver(sync_role, role_message(role_id=9))

    # then
    assert role_assignable_users(role_id=9).count() == 1


def test_an_older_message_after_a_newer_one_is_ignored():
    # given the revocation (version 3) arrived before the grant it revokes (version 2)
    deliver(sync_role, role_message())
    deliver(sync_user_system_role, grant_message(version=3, action="delete"))

    # when the stale grant arrives
    deliver(sync_user_system_role, grant_message(version=2))

    # then the user stays revoked
    assert RoleUser.objects.get().is_active is False
    assert not role_assignable_users(role_id=7).exists()


def test_a_deleted_role_is_not_resurrected_by_a_stale_upsert():
    deliver(sync_role, role_message(version=4, action="delete"))
    deliver(sync_role, role_message(version=3, name="Old name"))

    role = Role.objects.get()
    assert role.is_deleted is True
    assert role.version == 4


def test_a_newer_message_updates_the_replica():
    deliver(sync_role, role_message())
    deliver(sync_user_system_role, grant_message())

    deliver(sync_role, role_message(version=2, name="Service Desk"))
    deliver(sync_user_system_role, grant_message(version=2, user_active=False, name="Grace Renamed"))

    assert Role.objects.get().name == "Service Desk"
    member = RoleUser.objects.get()
    assert (member.name, member.user_is_active) == ("Grace Renamed", False)
    assert not role_assignable_users(role_id=7).exists()


def test_members_of_a_deleted_role_are_not_assignable():
    deliver(sync_role, role_message())
    deliver(sync_user_system_role, grant_message())

    deliver(sync_role, role_message(version=2, action="delete"))

    assert not role_assignable_users(role_id=7).exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"schema_version": 1, "event_id": str(uuid.uuid4()), "action": "upsert", "role": {"id": 1}},
        {**role_message(), "version": 0},
        {**role_message(), "action": "merge"},
        "not an object",
    ],
    ids=["role without name", "version zero", "unknown action", "not an object"],
)
def test_an_invalid_role_message_is_rejected_for_the_dead_letter_queue(payload):
    result = sync_role.apply(args=[payload])

    assert result.state == states.REJECTED
    assert isinstance(result.result, Reject) and result.result.requeue is False
    assert not Role.objects.exists()


def test_an_invalid_grant_message_is_rejected_and_writes_nothing():
    result = sync_user_system_role.apply(args=[{**grant_message(), "role_id": "seven"}])

    assert result.state == states.REJECTED
    assert "role_id" in str(result.result.reason)
    assert not RoleUser.objects.exists()


def test_reconcile_makes_the_replica_match_auth_service():
    # given a replica that missed a revocation and a role deletion
    deliver(sync_role, role_message(role_id=1, name="IT Support"))
    deliver(sync_role, role_message(role_id=2, name="Gone"))
    deliver(sync_user_system_role, grant_message(role_id=1, user_id=3))
    deliver(sync_user_system_role, grant_message(role_id=1, user_id=4))

    # when auth_service lists role 1 with user 3 only, and a new member 5
    result = roles_reconcile(
        system="tts",
        roles=[{"id": 1, "name": "IT Support", "version": 1}],
        members={
            1: [
                {
                    "id": 3,
                    "email": "user3@example.com",
                    "name": "Grace Support",
                    "is_active": True,
                    "grant_version": 1,
                },
                {
                    "id": 5,
                    "email": "user5@example.com",
                    "name": "New Hire",
                    "is_active": True,
                    "grant_version": 1,
                },
            ]
        },
    )

    # then
    assert sorted(m.user_id for m in role_assignable_users(role_id=1)) == [3, 5]
    assert Role.objects.get(pk=2).is_deleted is True
    assert result["roles"] == 1 and result["changed"] == 3

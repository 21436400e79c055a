"""``manage.py sync_roles`` (full resync of the replica) and ``seed_demo``'s refusal in production."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import OutboxMessage, User
from accounts.tests.factories import RoleFactory, SystemFactory, UserSystemRoleFactory
from tts_common.messages import RoleSyncSchema, UserRoleSyncSchema, parse

pytestmark = pytest.mark.django_db

SYNC_ROLE = "role.tasks.sync_role"
SYNC_USER_ROLE = "role.tasks.sync_user_system_role"


def test_sync_roles_queues_one_message_per_role_and_per_grant(tts):
    # given three roles in two systems and two grants (one of them revoked)
    roles = [RoleFactory(system=tts, name="Admin"), RoleFactory(system=tts, name="IT Support")]
    roles.append(RoleFactory(system=SystemFactory(slug="hr", name="HR"), name="Clerk"))
    grants = [UserSystemRoleFactory(role=roles[0]), UserSystemRoleFactory(role=roles[2], is_active=False)]
    out = StringIO()

    # when
    call_command("sync_roles", stdout=out)

    # then
    role_rows = [parse(RoleSyncSchema, r.payload) for r in OutboxMessage.objects.filter(task_name=SYNC_ROLE)]
    grant_rows = [
        parse(UserRoleSyncSchema, r.payload) for r in OutboxMessage.objects.filter(task_name=SYNC_USER_ROLE)
    ]
    assert sorted(m["role"]["id"] for m in role_rows) == sorted(r.id for r in roles)
    assert {m["action"] for m in role_rows} == {"upsert"}
    assert sorted((m["role_id"], m["action"]) for m in grant_rows) == sorted(
        [(grants[0].role_id, "upsert"), (grants[1].role_id, "delete")]
    )
    assert OutboxMessage.objects.count() == 5
    assert "queued 5" in out.getvalue()


def test_sync_roles_republishes_at_the_current_version_without_bumping_it(tts):
    role = RoleFactory(system=tts, name="Admin", version=7)

    call_command("sync_roles", stdout=StringIO())

    role.refresh_from_db()
    assert role.version == 7
    assert OutboxMessage.objects.get().payload["version"] == 7


def test_sync_roles_with_nothing_to_sync_queues_nothing():
    call_command("sync_roles", stdout=StringIO())

    assert not OutboxMessage.objects.exists()


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.TTS_ENV = "production"

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())

    assert not User.objects.exists()


def test_seed_demo_queues_a_sync_message_per_role_and_grant_it_creates():
    call_command("seed_demo", stdout=StringIO())
    first = OutboxMessage.objects.count()

    call_command("seed_demo", stdout=StringIO())

    assert OutboxMessage.objects.filter(task_name=SYNC_ROLE).count() == 5
    assert OutboxMessage.objects.filter(task_name=SYNC_USER_ROLE).count() == 8
    assert OutboxMessage.objects.count() == first  # the second run created nothing

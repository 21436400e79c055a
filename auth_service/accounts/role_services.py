"""Roles and grants: the source of truth for who holds which role.

Every committed change publishes a sync message (DESIGN §5) through the outbox, carrying
the row's version so workflow_api can apply messages in any order.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import F
from rest_framework.exceptions import PermissionDenied, ValidationError

from accounts.audit import audit_record
from accounts.models import AuditEvent, OutboxMessage, Role, System, User, UserSystemRole
from accounts.token_services import user_tokens_revoke
from tts_common.authentication import TokenUser
from tts_common.messages import SCHEMA_VERSION
from tts_common.outbox import outbox_enqueue

SYNC_ROLE = "role.tasks.sync_role"
SYNC_USER_ROLE = "role.tasks.sync_user_system_role"
BUILT_IN_ROLES = {"Admin"}


def system_admin_check(*, actor: TokenUser, system: System) -> None:
    """Only a holder of ``<system>:Admin`` manages that system's roles and grants."""
    if not actor.has_role(f"{system.slug}:Admin"):
        raise PermissionDenied(f"Requires the {system.slug}:Admin role.")


def role_sync_publish(*, role: Role, action: str) -> None:
    outbox_enqueue(
        OutboxMessage,
        task_name=SYNC_ROLE,
        payload={
            "schema_version": SCHEMA_VERSION,
            "event_id": str(uuid.uuid4()),
            "action": action,
            "role": {"id": role.id, "system": role.system.slug, "name": role.name},
            "version": role.version,
        },
    )


def grant_sync_publish(*, grant: UserSystemRole) -> None:
    user = grant.user
    outbox_enqueue(
        OutboxMessage,
        task_name=SYNC_USER_ROLE,
        payload={
            "schema_version": SCHEMA_VERSION,
            "event_id": str(uuid.uuid4()),
            "action": "upsert" if grant.is_active else "delete",
            "user": {"id": user.id, "email": user.email, "name": user.full_name, "is_active": user.is_active},
            "role_id": grant.role_id,
            "version": grant.version,
        },
    )


def _bump(instance, **changes) -> None:
    """Apply ``changes`` and increment the version in one UPDATE, then reload the row."""
    type(instance).objects.filter(pk=instance.pk).update(version=F("version") + 1, **changes)
    instance.refresh_from_db()


@transaction.atomic
def role_create(*, actor: TokenUser, system: System, name: str, description: str = "", request=None) -> Role:
    system_admin_check(actor=actor, system=system)
    if Role.objects.filter(system=system, name__iexact=name).exists():
        raise ValidationError({"name": [f'A role named "{name}" already exists in {system.slug}.']})
    try:
        with transaction.atomic():
            role = Role.objects.create(system=system, name=name, description=description, is_custom=True)
    except IntegrityError as exc:  # a concurrent create of the same name won
        raise ValidationError({"name": [f'A role named "{name}" already exists in {system.slug}.']}) from exc
    audit_record(
        AuditEvent.Kind.ROLE_CHANGED, request=request, actor=actor, detail={"role": role.id, "created": name}
    )
    role_sync_publish(role=role, action="upsert")
    return role


@transaction.atomic
def role_update(*, actor: TokenUser, role: Role, request=None, **fields) -> Role:
    system_admin_check(actor=actor, system=role.system)
    name = fields.get("name")
    if name and name != role.name:
        if role.name in BUILT_IN_ROLES:
            raise ValidationError({"name": [f'The built-in role "{role.name}" cannot be renamed.']})
        if Role.objects.filter(system=role.system, name__iexact=name).exclude(pk=role.pk).exists():
            raise ValidationError({"name": [f'A role named "{name}" already exists in {role.system.slug}.']})
    old = {k: getattr(role, k) for k in fields}
    _bump(role, **fields)
    audit_record(
        AuditEvent.Kind.ROLE_CHANGED,
        request=request,
        actor=actor,
        detail={"role": role.id, "old": old, "new": fields},
    )
    role_sync_publish(role=role, action="upsert")
    return role


@transaction.atomic
def role_delete(*, actor: TokenUser, role: Role, request=None) -> None:
    system_admin_check(actor=actor, system=role.system)
    if not role.is_custom:
        raise ValidationError({"detail": f'"{role.name}" is a built-in role and cannot be deleted.'})
    holders = list(User.objects.filter(grants__role=role, grants__is_active=True))
    role.version += 1  # the tombstone outranks every earlier message about the role
    role_sync_publish(role=role, action="delete")
    audit_record(
        AuditEvent.Kind.ROLE_CHANGED,
        request=request,
        actor=actor,
        detail={"role": role.id, "deleted": role.name},
    )
    role.delete()
    for user in holders:
        user_tokens_revoke(user=user)


@transaction.atomic
def grant_set(*, actor: TokenUser, user: User, role: Role, request=None) -> UserSystemRole:
    """Grant ``role`` to ``user`` (or reactivate the grant). Nobody grants themselves a role."""
    system_admin_check(actor=actor, system=role.system)
    if str(user.id) == str(actor.id):
        raise PermissionDenied("You cannot change your own roles.")
    if not user.is_active:
        raise ValidationError({"user_id": ["This account is deactivated."]})
    granted_by = User.objects.filter(pk=actor.id).first() if str(actor.id).isdigit() else None
    grant, created = UserSystemRole.objects.select_for_update().get_or_create(
        user=user, role=role, defaults={"granted_by": granted_by}
    )
    if not created:
        if grant.is_active:
            return grant
        from django.utils import timezone

        _bump(grant, is_active=True, granted_by=granted_by, granted_at=timezone.now())
    audit_record(
        AuditEvent.Kind.GRANT_CHANGED,
        request=request,
        actor=actor,
        target_user_id=user.id,
        detail={"role": str(role), "active": True},
    )
    grant_sync_publish(grant=grant)
    return grant


@transaction.atomic
def grant_revoke(*, actor: TokenUser, grant: UserSystemRole, request=None) -> UserSystemRole:
    system_admin_check(actor=actor, system=grant.role.system)
    if str(grant.user_id) == str(actor.id):
        raise PermissionDenied("You cannot change your own roles.")
    if not grant.is_active:
        return grant
    _bump(grant, is_active=False)
    user_tokens_revoke(user=grant.user)
    audit_record(
        AuditEvent.Kind.GRANT_CHANGED,
        request=request,
        actor=actor,
        target_user_id=grant.user_id,
        detail={"role": str(grant.role), "active": False},
    )
    grant_sync_publish(grant=grant)
    return grant


def user_grants_republish(*, user: User) -> None:
    """After a change to the user (name, email, active), tell the replica through each grant."""
    for grant in UserSystemRole.objects.filter(user=user).select_related("user"):
        _bump(grant)
        grant_sync_publish(grant=grant)


@transaction.atomic
def roles_resync_all() -> int:
    """Republish every role and grant at its current version (a full resync; consumers skip what they hold)."""
    count = 0
    for role in Role.objects.select_related("system"):
        role_sync_publish(role=role, action="upsert")
        count += 1
    for grant in UserSystemRole.objects.select_related("user"):
        grant_sync_publish(grant=grant)
        count += 1
    return count

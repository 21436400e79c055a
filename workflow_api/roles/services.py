from typing import Any

from django.db import transaction

from roles.models import Role, RoleUser


@transaction.atomic
def role_sync_apply(*, message: dict[str, Any]) -> bool:
    """Apply a ``sync_role`` message if it is newer than what we hold; return whether it changed anything."""
    data = message["role"]
    fields = {
        "system": data["system"],
        "name": data["name"],
        "is_deleted": message["action"] == "delete",
        "version": message["version"],
    }
    role, created = Role.objects.select_for_update().get_or_create(id=data["id"], defaults=fields)
    if created:
        return True
    if message["version"] <= role.version:
        return False
    Role.objects.filter(pk=role.pk).update(**fields)
    return True


@transaction.atomic
def role_user_sync_apply(*, message: dict[str, Any]) -> bool:
    """Apply a ``sync_user_system_role`` message if newer; a grant may precede its role."""
    user = message["user"]
    fields = {
        "email": user["email"],
        "name": user["name"],
        "user_is_active": user["is_active"],
        "is_active": message["action"] == "upsert",
        "version": message["version"],
    }
    member, created = RoleUser.objects.select_for_update().get_or_create(
        role_id=message["role_id"], user_id=user["id"], defaults=fields
    )
    if created:
        return True
    if message["version"] <= member.version:
        return False
    RoleUser.objects.filter(pk=member.pk).update(**fields)
    return True


@transaction.atomic
def roles_reconcile(
    *, system: str, roles: list[dict[str, Any]], members: dict[int, list[dict[str, Any]]]
) -> dict[str, int]:
    """Make the replica match auth_service's answer (``roles`` of ``system`` and each role's
    active ``members``). Newer versions win as with messages; what auth no longer lists
    is marked deleted (roles) or inactive (members)."""
    changed = 0
    listed = set()
    for data in roles:
        listed.add(data["id"])
        changed += role_sync_apply(
            message={"action": "upsert", "role": {**data, "system": system}, "version": data["version"]}
        )
        active = set()
        for member in members.get(data["id"], []):
            active.add(member["id"])
            changed += role_user_sync_apply(
                message={
                    "action": "upsert",
                    "role_id": data["id"],
                    "user": {k: member[k] for k in ("id", "email", "name", "is_active")},
                    "version": member["grant_version"],
                }
            )
        changed += (
            RoleUser.objects.filter(role_id=data["id"], is_active=True)
            .exclude(user_id__in=active)
            .update(is_active=False)
        )
    changed += (
        Role.objects.filter(system=system, is_deleted=False).exclude(id__in=listed).update(is_deleted=True)
    )
    return {"roles": len(listed), "changed": changed}

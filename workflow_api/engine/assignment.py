"""Choosing who gets a step: round-robin per role, or least-loaded with the rotation
breaking ties, among active holders of the role who are available."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from roles.models import RoleUser
from roles.selectors import role_assignable_users

from engine.models import TaskItem, UserAvailability


@dataclass(frozen=True)
class Pick:
    user: RoleUser
    reason: str
    slot: int


def rotation_next(*, role_id: int, by: int = 1) -> int:
    """Advance the role's counter by ``by`` in one statement and return the new value (the
    last of the ``by`` slots taken). The row lock lasts until the caller's transaction
    ends, so concurrent assignments take turns."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO engine_roundrobinpointer (role_id, position) VALUES (%s, %s) "
            "ON CONFLICT (role_id) DO UPDATE SET position = engine_roundrobinpointer.position + EXCLUDED.position "
            "RETURNING position",
            [role_id, by],
        )
        return cursor.fetchone()[0]


def eligible_users(*, role_id: int) -> list[RoleUser]:
    away = UserAvailability.objects.filter(is_available=False).values("user_id")
    return list(role_assignable_users(role_id=role_id).exclude(user_id__in=away))


def round_robin_picks(*, role_id: int, count: int) -> list[Pick]:
    """The next ``count`` holders of the role in turn (one statement for the rotation), or
    [] when nobody is eligible."""
    users = eligible_users(role_id=role_id)
    if not users:
        return []
    last = rotation_next(role_id=role_id, by=count)
    return [
        Pick(users[(slot - 1) % len(users)], TaskItem.Reason.ROUND_ROBIN, slot)
        for slot in range(last - count + 1, last + 1)
    ]


def assignee_pick(*, role_id: int, mode: str = "round_robin", exclude: set[int] | None = None) -> Pick | None:
    if mode != "least_loaded" and not exclude:
        return next(iter(round_robin_picks(role_id=role_id, count=1)), None)
    users = [u for u in eligible_users(role_id=role_id) if u.user_id not in (exclude or set())]
    if not users:
        return None
    slot = rotation_next(role_id=role_id)
    if mode != "least_loaded":
        return Pick(users[(slot - 1) % len(users)], TaskItem.Reason.ROUND_ROBIN, slot)
    loads = dict(
        TaskItem.objects.filter(
            assignee_id__in=[u.user_id for u in users], status__in=["assigned", "in_progress"]
        )
        .values_list("assignee_id")
        .annotate(n=Count("id"))
    )
    fewest = min(loads.get(u.user_id, 0) for u in users)
    candidates = [u for u in users if loads.get(u.user_id, 0) == fewest]
    return Pick(candidates[(slot - 1) % len(candidates)], TaskItem.Reason.LEAST_LOADED, slot)


def role_member(*, role_id: int, user_id: int) -> RoleUser | None:
    """``user_id`` as an eligible holder of ``role_id`` (for transfers and admin assignment)."""
    return next((u for u in eligible_users(role_id=role_id) if u.user_id == user_id), None)

"""Live events of one ticket's page: comments, presence and typing.

Every connection to ``/ws/tickets/<number>/`` joins one group: agents and admins the
ticket's *staff* group, everyone else (the requester) its *public* group. A public event
goes to both groups; an internal one (an internal note, or typing one) to the staff group
only, so it never reaches a requester's socket.

Presence lives in the database (:class:`TicketViewer`), so every ASGI process sees the
same viewers; a connection that stops sending heartbeats drops out after ``STALE_AFTER``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from realtime.models import TicketViewer
from tts_common.authentication import TokenUser
from tts_common.live import group_push

HEARTBEAT_SECONDS = 25
STALE_AFTER = timedelta(seconds=HEARTBEAT_SECONDS * 3)


def ticket_group(number: str, *, staff: bool) -> str:
    return f"ticket.{number}.{'staff' if staff else 'public'}"[:99]


def ticket_groups(number: str, *, internal: bool) -> list[str]:
    """The groups an event reaches: internal ones the staff only."""
    groups = [ticket_group(number, staff=True)]
    return groups if internal else [*groups, ticket_group(number, staff=False)]


def ticket_push(number: str, event: dict[str, Any], *, internal: bool) -> None:
    for group in ticket_groups(number, internal=internal):
        group_push(group, event)


def viewer_join(*, channel_name: str, number: str, user: TokenUser, is_staff: bool) -> None:
    now = timezone.now()
    TicketViewer.objects.filter(ticket_number=number, last_seen__lt=now - STALE_AFTER).delete()
    TicketViewer.objects.update_or_create(
        channel_name=channel_name,
        defaults={
            "ticket_number": number,
            "user_id": str(user.id),
            "user_name": user.name or user.email,
            "is_staff": is_staff,
            "last_seen": now,
        },
    )


def viewer_seen(*, channel_name: str) -> None:
    TicketViewer.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def viewer_leave(*, channel_name: str) -> None:
    TicketViewer.objects.filter(channel_name=channel_name).delete()


def viewers(number: str) -> list[dict[str, Any]]:
    """Who has the ticket open now, one entry per user, earliest first."""
    rows = TicketViewer.objects.filter(
        ticket_number=number, last_seen__gte=timezone.now() - STALE_AFTER
    ).order_by("connected_at")
    seen: dict[str, dict[str, Any]] = {}
    for row in rows.values("user_id", "user_name", "is_staff"):
        seen.setdefault(
            row["user_id"], {"id": row["user_id"], "name": row["user_name"], "is_agent": row["is_staff"]}
        )
    return list(seen.values())

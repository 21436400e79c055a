"""``@mentions`` in a comment: which handles it names, and whom they notify.

A handle is an email (``@alan@example.com``) or a name handle (``@alan.turing`` for Alan
Turing, as auth_service's directory spells it). Text in code spans and blocks mentions
nobody. A mentioned user is notified only if they may see the ticket (the kernel's ticket
rule) and, for an internal note, only if they are an agent or admin; each user at most
once per comment, however often it is edited.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction

from comments.models import Comment, CommentMention, OutboxMessage
from comments.services import sees_internal
from tts_common.access import ticket_visible
from tts_common.authentication import TokenUser
from tts_common.celery import TransientError
from tts_common.outbox import notification_enqueue
from tts_common.service_client import ServiceCallFailed, service_get, service_get_all

MAX_HANDLES = 20
MENTION_NAMESPACE = uuid.UUID("6f1c2a52-5d43-4c59-9a56-1d3f6c1e9b70")
_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)
_HANDLE = re.compile(
    r"(?<![\w@.])@("
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # an email
    r"|[A-Za-z](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"  # a name handle; a trailing dot is punctuation
    r")"
)


def mention_handles(body: str) -> list[str]:
    """The distinct handles ``body`` mentions, lowercased, in order of appearance (at most 20)."""
    handles: list[str] = []
    for match in _HANDLE.finditer(_CODE.sub(" ", body)):
        handle = match.group(1).lower()
        if handle not in handles:
            handles.append(handle)
    return handles[:MAX_HANDLES]


def _ticket_facts(ticket: dict[str, Any]) -> dict[str, str]:
    return {
        "requester_id": str((ticket.get("requester") or {}).get("id") or ""),
        "assignee_id": str((ticket.get("assignee") or {}).get("id") or ""),
        "department": ticket.get("department") or "",
    }


def mention_recipients(comment: Comment) -> list[dict[str, Any]]:
    """The directory entries of the users ``comment`` may notify (before the once-only check).

    Raises TransientError while auth_service or ticket_service cannot answer."""
    handles = mention_handles(comment.body)
    if not handles:
        return []
    try:
        people = service_get_all(
            settings.AUTH_SERVICE_URL, "/api/v1/users/directory/", params={"handle": handles}
        )
        ticket = service_get(settings.TICKET_SERVICE_URL, f"/api/v1/tickets/{comment.ticket_number}/")
    except ServiceCallFailed as exc:
        if exc.status == 404:  # the ticket is gone: nobody to tell
            return []
        raise TransientError(str(exc)) from exc
    facts = _ticket_facts(ticket)
    recipients = []
    for person in people:
        user = TokenUser(
            id=str(person["id"]),
            email=person.get("email") or "",
            name=person.get("name") or "",
            roles=list(person.get("roles") or []),
            claims={"department": person.get("department") or ""},
        )
        if user.id == comment.author_id or not ticket_visible(user, facts):
            continue
        if comment.is_internal and not sees_internal(user):
            continue
        recipients.append(person)
    return recipients


def mentions_notify(*, comment_id: int) -> int:
    """Notify the users ``comment_id`` mentions who were not notified for it before; how many."""
    comment = Comment.objects.filter(pk=comment_id, is_deleted=False).first()
    if comment is None:
        return 0
    recipients = mention_recipients(comment)
    if not recipients:
        return 0
    with transaction.atomic():
        # one worker at a time per comment decides who is new
        locked = Comment.objects.select_for_update().filter(pk=comment.pk, is_deleted=False).first()
        if locked is None:
            return 0
        done = set(locked.mentions.values_list("user_id", flat=True))
        new = [p for p in recipients if str(p["id"]) not in done]
        CommentMention.objects.bulk_create(
            [CommentMention(comment=locked, user_id=str(p["id"])) for p in new]
        )
        for person in new:
            notification_enqueue(
                OutboxMessage,
                event_id=uuid.uuid5(MENTION_NAMESPACE, f"{locked.pk}:{person['id']}"),
                user_id=person["id"],
                email=person.get("email") or "",
                type="mention",
                title=f"{locked.author_name or 'Someone'} mentioned you on {locked.ticket_number}",
                body=locked.body[:2000],
                link=f"{settings.TTS_WEB_URL.rstrip('/')}/tickets/{locked.ticket_number}#comment-{locked.pk}",
                data={
                    "ticket_number": locked.ticket_number,
                    "comment_id": locked.pk,
                    "internal": locked.is_internal,
                },
            )
    return len(new)

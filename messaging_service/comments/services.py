"""Comments: who may read and write them is decided by the ticket's own rules in
ticket_service, asked with the caller's own token and cached briefly."""

from __future__ import annotations

import hashlib

import markdown
import nh3
import requests
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError

from comments.models import Comment, CommentAttachment, CommentRevision, OutboxMessage
from tts_common.authentication import TokenUser
from tts_common.files import check_uploads, delete_stored
from tts_common.outbox import outbox_enqueue

ACCESS_TTL_SECONDS = 30
NOTIFY_MENTIONS = "comments.tasks.notify_mentions"
MAX_FILES_PER_COMMENT = 10
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


class AccessUnknown(Exception):
    """ticket_service could not be asked (down, timeout): refuse rather than guess."""


def render(body: str) -> str:
    """Markdown to HTML, then sanitized: no script, no event handlers, safe links only."""
    html = markdown.markdown(body, extensions=["fenced_code", "tables"], output_format="html")
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, url_schemes={"http", "https", "mailto"}
    )


def ticket_access(*, user: TokenUser, raw_token: str, ticket_number: str) -> bool:
    """May ``user`` see the ticket? ticket_service answers for the caller's own token."""
    key = "ticket-access:" + hashlib.sha256(f"{user.id}|{ticket_number}".encode()).hexdigest()[:32]
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        response = requests.get(
            f"{settings.TICKET_SERVICE_URL.rstrip('/')}/api/v1/tickets/{ticket_number}/",
            headers={"Authorization": f"Bearer {raw_token}"},
            timeout=5,
        )
    except requests.RequestException as exc:
        raise AccessUnknown(str(exc)) from exc
    if response.status_code not in (200, 404):
        raise AccessUnknown(f"ticket_service answered {response.status_code}")
    allowed = response.status_code == 200
    cache.set(key, allowed, ACCESS_TTL_SECONDS)
    return allowed


def sees_internal(user: TokenUser) -> bool:
    return user.is_admin() or user.holds_role_in("tts")


def comment_visible(comments, *, user: TokenUser):
    visible = comments.filter(is_deleted=False).prefetch_related("attachments")
    return visible if sees_internal(user) else visible.filter(is_internal=False)


def _announce(comment: Comment, kind: str) -> None:
    """After commit, tell the ticket's open pages (internal notes: agents' pages only)."""
    from realtime.tickets import ticket_push

    from comments.serializers import CommentSerializer

    if kind == "deleted":
        payload = {"id": comment.pk, "ticket_number": comment.ticket_number}
    else:
        payload = CommentSerializer(comment).data
    event = {"type": f"comment.{kind}", "ticket": comment.ticket_number, "comment": payload}
    transaction.on_commit(
        lambda: ticket_push(comment.ticket_number, event, internal=comment.is_internal), robust=True
    )


def _mentions_queue(comment: Comment) -> None:
    """Whom the text mentions is worked out by the worker (it asks auth and ticket_service);
    the job rides the outbox with the comment, so a crash loses no mention."""
    from comments.mentions import mention_handles

    if mention_handles(comment.body):
        outbox_enqueue(OutboxMessage, task_name=NOTIFY_MENTIONS, payload={"comment_id": comment.pk})


def comment_create(
    *, user: TokenUser, ticket_number: str, body: str, is_internal: bool, files: list | None = None
) -> Comment:
    if is_internal and not sees_internal(user):
        raise PermissionDenied("Only agents and admins write internal notes.")
    files = files or []
    checked = check_uploads(files, max_count=MAX_FILES_PER_COMMENT, field="files", per="comment")
    stored: list[str] = []
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                ticket_number=ticket_number,
                author_id=str(user.id),
                author_name=user.name,
                author_email=user.email,
                body=body,
                body_html=render(body),
                is_internal=is_internal,
            )
            for upload, info in zip(files, checked, strict=True):
                attachment = CommentAttachment(
                    comment=comment,
                    name=info.name,
                    content_type=info.content_type,
                    size=info.size,
                    sha256=info.sha256,
                )
                attachment.file.save(info.name, upload, save=False)
                stored.append(attachment.file.name)
                attachment.save()
            _mentions_queue(comment)
            _announce(comment, "created")
    except BaseException:
        delete_stored(stored)
        raise
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, user: TokenUser, body: str) -> Comment:
    if comment.author_id != str(user.id):
        raise PermissionDenied("Only the author may edit a comment.")
    if body == comment.body:
        return comment
    CommentRevision.objects.create(comment=comment, body=comment.body, edited_by_id=str(user.id))
    comment.body, comment.body_html, comment.edited_at = body, render(body), timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    _mentions_queue(comment)
    _announce(comment, "edited")
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: TokenUser) -> None:
    if comment.author_id != str(user.id) and not user.is_admin():
        raise PermissionDenied("Only the author or an admin may delete a comment.")
    Comment.objects.filter(pk=comment.pk).update(is_deleted=True)
    _announce(comment, "deleted")


def comment_find(*, pk: int, user: TokenUser, raw_token: str) -> Comment:
    comment = comment_visible(Comment.objects.filter(pk=pk), user=user).first()
    if comment is None or not ticket_access(
        user=user, raw_token=raw_token, ticket_number=comment.ticket_number
    ):
        raise NotFound("No such comment that you can see.")
    return comment


def validate_body(body: str) -> str:
    if not body.strip():
        raise ValidationError({"body": ["A comment needs some text."]})
    return body

import hashlib
import json
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied, ValidationError

from tickets.models import (
    TICKET_NUMBER_SEQUENCE,
    Attachment,
    OutboxMessage,
    Ticket,
    TicketIdempotencyKey,
    TicketStatusHistory,
)
from tts_common.authentication import TokenUser
from tts_common.files import FileRejected, check_upload, check_uploads, delete_stored
from tts_common.messages import SCHEMA_VERSION, MessageInvalid
from tts_common.outbox import outbox_enqueue
from tts_common.sequences import sequence_next

RECEIVE_TICKET = "tickets.tasks.receive_ticket"
REQUESTER_EDITABLE = {"subject", "description"}
ADMIN_EDITABLE = {"subject", "description", "category", "subcategory", "department", "priority", "tags"}
TERMINAL = {"resolved", "closed", "rejected"}


class IdempotencyConflict(Exception):
    """The key was used before with a different request."""


def ticket_number_next() -> str:
    """``TKT-<year>-<6 digits>`` from a database sequence: unique under concurrency."""
    return f"TKT-{timezone.now().year}-{sequence_next(TICKET_NUMBER_SEQUENCE):06d}"


def attachment_payload(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.id,
        "name": attachment.name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "url": f"/api/v1/tickets/{attachment.ticket_id}/attachments/{attachment.id}/download/",
    }


def ticket_snapshot(*, ticket: Ticket) -> dict:
    """The DESIGN §5 ``receive_ticket`` payload for ``ticket``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "ticket_number": ticket.number,
        "subject": ticket.subject,
        "description": ticket.description,
        "category": ticket.category,
        "subcategory": ticket.subcategory,
        "department": ticket.department,
        "priority": ticket.priority,
        "status": ticket.status,
        "requester": {
            "id": ticket.requester_id,
            "name": ticket.requester_name,
            "email": ticket.requester_email,
        },
        "created_at": ticket.created_at.isoformat(),
        "attachments": [attachment_payload(a) for a in ticket.attachments.all()],
        "extra": {"source": ticket.source, "tags": ticket.tags},
    }


def ticket_publish(*, ticket: Ticket) -> None:
    """Queue the ticket's snapshot for the workflow in the caller's transaction (the outbox)."""
    outbox_enqueue(OutboxMessage, task_name=RECEIVE_TICKET, payload=ticket_snapshot(ticket=ticket))


def _attachments_check(files: list[UploadedFile]) -> list:
    from django.conf import settings

    return check_uploads(
        files, max_count=settings.ATTACHMENT_MAX_PER_TICKET, field="attachments", per="ticket"
    )


def _attachment_store(
    *, ticket: Ticket, upload: UploadedFile, checked, uploader: TokenUser, stored: list[str]
) -> Attachment:
    """Save the file through Django's storage and record it; ``stored`` collects the names
    so a caller whose transaction fails can remove them."""
    attachment = Attachment(
        ticket=ticket,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by_id=str(uploader.id),
        uploaded_by_name=uploader.name,
    )
    attachment.file.save(checked.name, upload, save=False)
    stored.append(attachment.file.name)
    attachment.save()
    return attachment


def request_fingerprint(data: dict[str, Any], files: list[UploadedFile]) -> str:
    body = json.dumps(data, sort_keys=True, default=str) + "|" + "|".join(f"{f.name}:{f.size}" for f in files)
    return hashlib.sha256(body.encode()).hexdigest()


def ticket_create(
    *,
    requester: TokenUser,
    subject: str,
    category: str,
    priority: str = "medium",
    description: str = "",
    subcategory: str = "",
    department: str = "",
    tags: list[str] | None = None,
    source: str = Ticket.Source.WEB,
    attachments: list[UploadedFile] | None = None,
    idempotency_key: str | None = None,
    fingerprint: str = "",
) -> tuple[Ticket, bool]:
    """Create a ticket (with attachments) and, in the same transaction, its intake message.

    With ``idempotency_key``, a repeat of the same request returns the first ticket and
    False instead of creating another; the key's unique row serialises concurrent repeats.
    """
    files = attachments or []
    checked = _attachments_check(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            ticket = Ticket.objects.create(
                number=ticket_number_next(),
                subject=subject,
                description=description,
                category=category,
                subcategory=subcategory,
                department=department,
                priority=priority,
                requester_id=str(requester.id),
                requester_name=requester.name,
                requester_email=requester.email,
                tags=tags or [],
                source=source,
            )
            if idempotency_key:
                TicketIdempotencyKey.objects.create(
                    requester_id=str(requester.id),
                    key=idempotency_key,
                    request_hash=fingerprint,
                    ticket=ticket,
                )
            for upload, info in zip(files, checked, strict=True):
                _attachment_store(
                    ticket=ticket, upload=upload, checked=info, uploader=requester, stored=stored
                )
            ticket_publish(ticket=ticket)
            return ticket, True
    except IntegrityError:
        delete_stored(stored)
        if not idempotency_key:
            raise
    except BaseException:
        delete_stored(stored)
        raise
    # Another request with this key committed first: answer with its ticket.
    first = TicketIdempotencyKey.objects.select_related("ticket").get(
        requester_id=str(requester.id), key=idempotency_key
    )
    if first.request_hash != fingerprint:
        raise IdempotencyConflict()
    return first.ticket, False


def ticket_replay(*, requester: TokenUser, idempotency_key: str, fingerprint: str) -> Ticket | None:
    """The ticket an earlier request with this key created, if any (checked before creating)."""
    first = (
        TicketIdempotencyKey.objects.select_related("ticket")
        .filter(requester_id=str(requester.id), key=idempotency_key)
        .first()
    )
    if first is None:
        return None
    if first.request_hash != fingerprint:
        raise IdempotencyConflict()
    return first.ticket


@transaction.atomic
def ticket_update(*, ticket: Ticket, actor: TokenUser, fields: dict[str, Any]) -> Ticket:
    """Requesters edit subject and description while the ticket is new; admins correct fields."""
    if "status" in fields:
        raise ValidationError({"status": ["Status changes come from the workflow, not from this API."]})
    if actor.is_admin():
        allowed = ADMIN_EDITABLE
    elif ticket.requester_id == str(actor.id):
        if ticket.status != "new":
            raise PermissionDenied("The ticket is being worked on; ask an admin to correct it.")
        allowed = REQUESTER_EDITABLE
    else:
        raise PermissionDenied("Only the requester or an admin may edit this ticket.")
    refused = set(fields) - allowed
    if refused:
        raise ValidationError({name: ["You may not change this field."] for name in sorted(refused)})
    changed = [name for name, value in fields.items() if getattr(ticket, name) != value]
    if not changed:
        return ticket
    for name in changed:
        setattr(ticket, name, fields[name])
    ticket.save(update_fields=[*changed, "updated_at"])
    ticket_publish(ticket=ticket)
    return ticket


@transaction.atomic
def ticket_delete(*, ticket: Ticket) -> None:
    """Soft delete: hidden from every list and lookup, kept for the record."""
    Ticket.objects.filter(pk=ticket.pk).update(is_deleted=True, deleted_at=timezone.now())


@transaction.atomic
def ticket_republish(*, ticket: Ticket) -> None:
    ticket_publish(ticket=ticket)


def attachment_add(*, ticket: Ticket, upload: UploadedFile, uploader: TokenUser) -> Attachment:
    stored: list[str] = []
    try:
        return _attachment_add(ticket=ticket, upload=upload, uploader=uploader, stored=stored)
    except BaseException:
        delete_stored(stored)
        raise


@transaction.atomic
def _attachment_add(
    *, ticket: Ticket, upload: UploadedFile, uploader: TokenUser, stored: list[str]
) -> Attachment:
    from django.conf import settings

    locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if locked.attachments.count() >= settings.ATTACHMENT_MAX_PER_TICKET:
        raise ValidationError(
            {"file": [f"This ticket already has {settings.ATTACHMENT_MAX_PER_TICKET} files."]}
        )
    try:
        checked = check_upload(upload)
    except FileRejected as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    attachment = _attachment_store(
        ticket=locked, upload=upload, checked=checked, uploader=uploader, stored=stored
    )
    ticket_publish(ticket=locked)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor: TokenUser) -> None:
    if not (actor.is_admin() or attachment.uploaded_by_id == str(actor.id)):
        raise PermissionDenied("Only the uploader or an admin may delete this file.")
    storage, name = attachment.file.storage, attachment.file.name
    ticket = attachment.ticket
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
    ticket_publish(ticket=ticket)


@transaction.atomic
def ticket_status_apply(*, message: dict[str, Any]) -> bool:
    """Apply a status message from workflow_api; return whether it changed anything.

    Idempotent by ``event_id``; a message older than the last one applied is stale and
    ignored. A ticket first seen here (another producer's) is created from the snapshot.
    """
    snapshot = message.get("ticket")
    if snapshot is not None and snapshot["ticket_number"] != message["ticket_number"]:
        raise MessageInvalid(
            f"the snapshot is of {snapshot['ticket_number']}, the message of {message['ticket_number']}"
        )
    ticket = Ticket.objects.select_for_update().filter(number=message["ticket_number"]).first()
    if ticket is None:
        if snapshot is None:
            raise MessageInvalid(
                f"unknown ticket {message['ticket_number']} and no snapshot to create it from"
            )
        ticket = _ticket_from_snapshot(snapshot)
    # Checked under the ticket's row lock: a redelivery racing the first delivery waits
    # for it and then sees its row, instead of failing on the unique event_id.
    if TicketStatusHistory.objects.filter(event_id=message["event_id"]).exists():
        return False
    if ticket.status_changed_at and message["changed_at"] < ticket.status_changed_at:
        return False
    assignee = message.get("assignee") or {}
    TicketStatusHistory.objects.create(
        ticket=ticket,
        event_id=message["event_id"],
        from_status=ticket.status,
        to_status=message["status"],
        assignee_id=assignee.get("id", ""),
        assignee_name=assignee.get("name", ""),
        sla_due_at=message.get("sla_due_at"),
        changed_at=message["changed_at"],
    )
    ticket.status = message["status"]
    ticket.assignee_id = assignee.get("id", "")
    ticket.assignee_name = assignee.get("name", "")
    ticket.sla_due_at = message.get("sla_due_at")
    ticket.status_changed_at = message["changed_at"]
    if ticket.status in TERMINAL and ticket.resolved_at is None:
        ticket.resolved_at = message["changed_at"]
    elif ticket.status not in TERMINAL:
        ticket.resolved_at = None
    ticket.save()
    return True


def _ticket_from_snapshot(snapshot: dict[str, Any]) -> Ticket:
    """Create the ticket, or, if another worker just did, wait for and lock theirs."""
    try:
        with transaction.atomic():
            return _ticket_create_from_snapshot(snapshot)
    except IntegrityError:
        return Ticket.objects.select_for_update().get(number=snapshot["ticket_number"])


def _ticket_create_from_snapshot(snapshot: dict[str, Any]) -> Ticket:
    requester = snapshot["requester"]
    ticket = Ticket.objects.create(
        number=snapshot["ticket_number"],
        subject=snapshot["subject"],
        description=snapshot["description"],
        category=snapshot["category"],
        subcategory=snapshot["subcategory"],
        department=snapshot["department"],
        priority=snapshot["priority"],
        status=snapshot["status"],
        requester_id=requester["id"],
        requester_name=requester["name"],
        requester_email=requester["email"],
        tags=[t for t in snapshot["extra"].get("tags", []) if isinstance(t, str)][:20]
        if isinstance(snapshot["extra"].get("tags"), list)
        else [],
        source=Ticket.Source.QUEUE,
    )
    Ticket.objects.filter(pk=ticket.pk).update(created_at=snapshot["created_at"])
    ticket.refresh_from_db()
    return ticket

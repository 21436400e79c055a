import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from tickets.models import OutboxMessage, WorkflowTicket
from tts_common.messages import SCHEMA_VERSION
from tts_common.outbox import outbox_enqueue

UPDATE_TICKET_STATUS = "tickets.tasks.update_ticket_status"


def ticket_status_publish(
    *, ticket: WorkflowTicket, status: str, assignee: dict | None = None, sla_due_at=None
) -> None:
    """Tell ticket_service (through the outbox, in the caller's transaction) where the ticket stands.

    The message carries the snapshot, so a ticket that entered through the queue appears
    in ticket_service too.
    """
    outbox_enqueue(
        OutboxMessage,
        task_name=UPDATE_TICKET_STATUS,
        payload={
            "schema_version": SCHEMA_VERSION,
            "event_id": str(uuid.uuid4()),
            "ticket_number": ticket.ticket_number,
            "status": status,
            "assignee": assignee,
            "sla_due_at": sla_due_at.isoformat() if sla_due_at else None,
            "changed_at": timezone.now().isoformat(),
            "ticket": ticket.data,
        },
    )


def snapshot_fields(*, snapshot: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    """The WorkflowTicket columns a snapshot sets."""
    return {
        "subject": snapshot["subject"],
        "category": snapshot["category"],
        "subcategory": snapshot["subcategory"],
        "department": snapshot["department"],
        "priority": snapshot["priority"],
        "status": snapshot["status"],
        "requester_id": snapshot["requester"]["id"],
        "data": raw,
    }


@transaction.atomic
def workflow_ticket_upsert(*, snapshot: dict[str, Any], raw: dict[str, Any]) -> tuple[WorkflowTicket, bool]:
    """Insert or update the snapshot of ``snapshot["ticket_number"]``.

    Returns (ticket, changed). A redelivered message finds an identical row and writes
    nothing; the row lock serialises two workers handling the same ticket.
    """
    fields = snapshot_fields(snapshot=snapshot, raw=raw)
    ticket, created = WorkflowTicket.objects.select_for_update().get_or_create(
        ticket_number=snapshot["ticket_number"], defaults=fields
    )
    if created:
        return ticket, True
    changed = [name for name, value in fields.items() if getattr(ticket, name) != value]
    if not changed:
        return ticket, False
    for name in changed:
        setattr(ticket, name, fields[name])
    ticket.save(update_fields=[*changed, "updated_at"])
    return ticket, True

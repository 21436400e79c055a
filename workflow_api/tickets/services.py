from typing import Any

from django.db import transaction

from tickets.models import WorkflowTicket


@transaction.atomic
def workflow_ticket_upsert(*, snapshot: dict[str, Any], raw: dict[str, Any]) -> tuple[WorkflowTicket, bool]:
    """Insert or update the snapshot of ``snapshot["ticket_number"]``.

    Returns (ticket, changed). A redelivered message finds an identical row and writes
    nothing; the row lock serialises two workers handling the same ticket.
    """
    fields = {
        "subject": snapshot["subject"],
        "category": snapshot["category"],
        "subcategory": snapshot["subcategory"],
        "department": snapshot["department"],
        "priority": snapshot["priority"],
        "status": snapshot["status"],
        "requester_id": snapshot["requester"]["id"],
        "data": raw,
    }
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

from django.db import transaction
from django.utils import timezone

from tickets.models import TICKET_NUMBER_SEQUENCE, OutboxMessage, Ticket
from tts_common.authentication import TokenUser
from tts_common.messages import SCHEMA_VERSION
from tts_common.outbox import outbox_enqueue
from tts_common.sequences import sequence_next

RECEIVE_TICKET = "tickets.tasks.receive_ticket"


def ticket_number_next() -> str:
    """``TKT-<year>-<6 digits>`` from a database sequence: unique under concurrency."""
    return f"TKT-{timezone.now().year}-{sequence_next(TICKET_NUMBER_SEQUENCE):06d}"


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
        "attachments": [],
        "extra": {"source": ticket.source, "tags": ticket.tags},
    }


@transaction.atomic
def ticket_create(
    *,
    requester: TokenUser,
    subject: str,
    category: str,
    priority: str,
    description: str = "",
    subcategory: str = "",
    department: str = "",
    tags: list[str] | None = None,
    source: str = Ticket.Source.WEB,
) -> Ticket:
    """Create a ticket and, in the same transaction, its intake message to the workflow."""
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
    outbox_enqueue(OutboxMessage, task_name=RECEIVE_TICKET, payload=ticket_snapshot(ticket=ticket))
    return ticket

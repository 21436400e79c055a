import logging

from celery import shared_task
from engine.services import ticket_ingest

from tts_common.messages import TicketSnapshotSchema, parse

logger = logging.getLogger(__name__)


@shared_task(name="tickets.tasks.receive_ticket", bind=True)
def receive_ticket(self, payload):
    """Ingest a ticket from TICKET_TASKS_PRODUCTION (ticket_service or upstream producers)."""
    snapshot = parse(TicketSnapshotSchema, payload)
    ticket, changed = ticket_ingest(snapshot=snapshot, raw=payload)
    logger.info(
        "ticket received",
        extra={"ticket_number": ticket.ticket_number, "changed": changed, "message_id": self.request.id},
    )

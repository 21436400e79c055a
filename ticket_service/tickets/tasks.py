import logging

from celery import shared_task

from tickets.services import ticket_status_apply
from tts_common.messages import TicketStatusSchema, parse

logger = logging.getLogger(__name__)


@shared_task(name="tickets.tasks.update_ticket_status", bind=True)
def update_ticket_status(self, payload):
    """Status, assignee and SLA due time from workflow_api (ticket_status-default)."""
    message = parse(TicketStatusSchema, payload)
    changed = ticket_status_apply(message=message)
    logger.info(
        "ticket status received",
        extra={"ticket_number": message["ticket_number"], "status": message["status"], "changed": changed},
    )

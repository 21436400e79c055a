from django.db import models

from tts_common.messages import PRIORITIES, TICKET_STATUSES
from tts_common.outbox import AbstractOutboxMessage


class WorkflowTicket(models.Model):
    """workflow_api's snapshot of a ticket, keyed by its number (one row per ticket, ever).

    ``data`` keeps the message as received so the engine is decoupled from the producer's schema.
    """

    ticket_number = models.CharField(max_length=64, unique=True)
    subject = models.CharField(max_length=255)
    category = models.CharField(max_length=100)
    subcategory = models.CharField(max_length=100, blank=True)
    department = models.CharField(max_length=100, blank=True)
    priority = models.CharField(max_length=10, choices=[(p, p) for p in PRIORITIES])
    status = models.CharField(max_length=16, choices=[(s, s) for s in TICKET_STATUSES])
    requester_id = models.CharField(max_length=64)
    data = models.JSONField()
    unassigned_reason = models.CharField(
        max_length=255, blank=True, help_text="Why no task runs this ticket (e.g. no workflow matched)."
    )
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at"]
        # my tasks sorts by urgency before it reads any whole row (engine.task_list)
        indexes = [models.Index(fields=["id"], include=["priority"], name="ticket_priority_key")]

    def __str__(self) -> str:
        return self.ticket_number


class OutboxMessage(AbstractOutboxMessage):
    """Messages workflow_api owes other services (ticket status, notifications)."""

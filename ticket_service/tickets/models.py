from django.db import models

from tts_common.messages import PRIORITIES, TICKET_STATUSES
from tts_common.outbox import AbstractOutboxMessage

TICKET_NUMBER_SEQUENCE = "tickets_ticket_number_seq"


class Ticket(models.Model):
    """The system of record for a ticket. People are snapshots (id, name, email), never FKs."""

    class Source(models.TextChoices):
        WEB = "web"
        API = "api"
        QUEUE = "queue"

    number = models.CharField(max_length=32, unique=True, editable=False)
    subject = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=100)
    subcategory = models.CharField(max_length=100, blank=True)
    department = models.CharField(max_length=100, blank=True)
    priority = models.CharField(max_length=10, choices=[(p, p) for p in PRIORITIES], default="medium")
    status = models.CharField(max_length=16, choices=[(s, s) for s in TICKET_STATUSES], default="new")
    requester_id = models.CharField(max_length=64)
    requester_name = models.CharField(max_length=255, blank=True)
    requester_email = models.EmailField(blank=True)
    assignee_id = models.CharField(max_length=64, blank=True)
    assignee_name = models.CharField(max_length=255, blank=True)
    sla_due_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    tags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["requester_id", "-created_at"]),
            models.Index(fields=["status", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.subject}"


class OutboxMessage(AbstractOutboxMessage):
    """Messages ticket_service owes other services (intake to the workflow)."""

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

    number = models.CharField(max_length=64, unique=True, editable=False)
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
    status_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="changed_at of the last status message applied (older ones are stale).",
    )
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # One index per list filter, each led by the filter and ordered like the list, and
        # partial on live tickets because deleted ones never appear in lists.
        indexes = (
            [
                models.Index(
                    fields=[field, "-created_at"],
                    name=f"ticket_{field[:12]}_idx",
                    condition=models.Q(is_deleted=False),
                )
                for field in ("status", "priority", "category", "department", "requester_id", "assignee_id")
            ]
            + [
                models.Index(
                    fields=["-created_at"], name="ticket_created_idx", condition=models.Q(is_deleted=False)
                )
            ]
            + [
                # An agent's list is "mine or my department's" (tts_common.access), mostly with a
                # status filter: with these its count reads only the matching rows (a BitmapOr of
                # the terms) instead of every ticket of that status, which grows with the table.
                # Not partial: that count rechecks each row in the table anyway.
                models.Index(fields=["department", "status"], name="ticket_dept_status_idx"),
                models.Index(fields=["assignee_id", "status"], name="ticket_assignee_status_idx"),
            ]
        )

    def __str__(self) -> str:
        return f"{self.number}: {self.subject}"


class TicketIdempotencyKey(models.Model):
    """The first result of a POST carrying ``Idempotency-Key``, per requester."""

    requester_id = models.CharField(max_length=64)
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requester_id", "key"], name="ticket_idempotency_unique")
        ]

    def __str__(self) -> str:
        return self.key


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is ours (the ticket and a random part), never the uploader's.
    import uuid

    return f"tickets/{instance.ticket.number}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    name = models.CharField(max_length=160, help_text="The checked original file name.")
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by_id = models.CharField(max_length=64)
    uploaded_by_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class TicketStatusHistory(models.Model):
    """One row per applied status message from the workflow (or an admin's correction)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="history")
    event_id = models.UUIDField(unique=True)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    assignee_id = models.CharField(max_length=64, blank=True)
    assignee_name = models.CharField(max_length=255, blank=True)
    sla_due_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["ticket", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.from_status} → {self.to_status}"


class OutboxMessage(AbstractOutboxMessage):
    """Messages ticket_service owes other services (intake to the workflow)."""

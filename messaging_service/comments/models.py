from django.db import models

from tts_common.outbox import AbstractOutboxMessage


class Comment(models.Model):
    """A reply or internal note on a ticket, referenced by ticket number."""

    ticket_number = models.CharField(max_length=64)
    author_id = models.CharField(max_length=64)
    author_name = models.CharField(max_length=255, blank=True)
    body = models.TextField()
    is_internal = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket_number", "created_at"])]

    def __str__(self) -> str:
        return f"{self.ticket_number} #{self.pk}"


class OutboxMessage(AbstractOutboxMessage):
    """Messages messaging_service owes other services (mention notifications)."""

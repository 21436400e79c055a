from django.db import models

from tts_common.messages import NOTIFICATION_TYPES
from tts_common.outbox import AbstractOutboxMessage


class Notification(models.Model):
    """An in-app notification; ``event_id`` makes a redelivered message a no-op."""

    event_id = models.UUIDField(unique=True)
    user_id = models.CharField(max_length=64)
    type = models.CharField(max_length=32, choices=[(t, t) for t in NOTIFICATION_TYPES])
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_read = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user_id", "is_read", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.type} → {self.user_id}"


class OutboxMessage(AbstractOutboxMessage):
    """Reserved for messages notification_service owes others (none yet beyond sweeps)."""

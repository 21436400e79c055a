from django.db import models

from tts_common.messages import CHANNELS, NOTIFICATION_TYPES
from tts_common.outbox import AbstractOutboxMessage


class Notification(models.Model):
    """One notification, stored once per ``event_id`` (a redelivered message is a no-op)."""

    event_id = models.UUIDField(unique=True)
    user_id = models.CharField(max_length=64)
    email = models.EmailField(blank=True)
    type = models.CharField(max_length=32, choices=[(t, t) for t in NOTIFICATION_TYPES])
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    in_app = models.BooleanField(default=True, help_text="Shown in the web UI (asked for and allowed).")
    is_read = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user_id", "-created_at"], name="notification_inbox", condition=models.Q(in_app=True)
            ),
            models.Index(
                fields=["user_id"], name="notification_unread", condition=models.Q(in_app=True, is_read=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} → {self.user_id}"


class Delivery(models.Model):
    """One attempt-tracked delivery of a notification on a channel other than in-app."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        SENT = "sent"
        FAILED = "failed"

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10, choices=[(c, c) for c in CHANNELS if c != "inapp"])
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="one_delivery_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.status} ({self.attempts})"


class Preference(models.Model):
    """A user's choice for one notification type; without a row, the defaults apply."""

    user_id = models.CharField(max_length=64)
    type = models.CharField(max_length=32, choices=[(t, t) for t in NOTIFICATION_TYPES])
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user_id", "type"], name="one_preference_per_type")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.type}"


class OutboxMessage(AbstractOutboxMessage):
    """Email deliveries queued with the notification that needs them."""

from django.db import models

from tts_common.outbox import AbstractOutboxMessage


class Comment(models.Model):
    """A public reply or an internal note on a ticket, referenced by ticket number.

    ``body`` is the author's Markdown; ``body_html`` its sanitized rendering."""

    ticket_number = models.CharField(max_length=64)
    author_id = models.CharField(max_length=64)
    author_name = models.CharField(max_length=255, blank=True)
    author_email = models.EmailField(blank=True)
    body = models.TextField()
    body_html = models.TextField(blank=True)
    is_internal = models.BooleanField(default=False, help_text="Visible to agents and admins only.")
    is_deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["ticket_number", "created_at"],
                name="comment_thread",
                condition=models.Q(is_deleted=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_number} #{self.pk}"


class CommentRevision(models.Model):
    """A comment's earlier text, kept when it is edited."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by_id = models.CharField(max_length=64)
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["replaced_at", "id"]

    def __str__(self) -> str:
        return f"revision of {self.comment_id}"


class OutboxMessage(AbstractOutboxMessage):
    """Messages messaging_service owes other services (mention notifications)."""

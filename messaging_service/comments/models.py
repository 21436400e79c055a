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


def attachment_path(instance: "CommentAttachment", filename: str) -> str:
    # The stored name is ours (ticket and a random part), never the uploader's.
    import uuid

    return f"comments/{instance.comment.ticket_number}/{uuid.uuid4().hex}"


class CommentAttachment(models.Model):
    """A file on a comment, checked like ticket attachments (content, extension, size)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    name = models.CharField(max_length=160, help_text="The checked original file name.")
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class CommentMention(models.Model):
    """A user a comment mentioned and was notified about: at most once per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="mentions")
    user_id = models.CharField(max_length=64)
    notified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user_id"], name="comment_mention_once")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.comment_id}"


class OutboxMessage(AbstractOutboxMessage):
    """Messages messaging_service owes other services (mention notifications)."""

"""The transactional outbox.

A message a state change implies is written as an outbox row in the same transaction as
the change. After commit the row is published (publisher confirms) and marked sent; a
periodic sweep republishes rows a crash left behind. The row id is the Celery task id,
so a consumer can also recognise a message published twice.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from tts_common import topology

logger = logging.getLogger("tts.outbox")


class AbstractOutboxMessage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_name = models.CharField(max_length=200)
    queue = models.CharField(max_length=200, help_text="Logical queue name, without the deployment prefix.")
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="%(app_label)s_outbox_pending",
                condition=models.Q(published_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name} {self.id} ({'sent' if self.published_at else 'pending'})"


def outbox_enqueue(
    model: type[AbstractOutboxMessage], *, task_name: str, payload: dict[str, Any]
) -> AbstractOutboxMessage:
    """Write an outbox row in the caller's transaction; publish it once that commits."""
    row = model.objects.create(task_name=task_name, queue=topology.queue_for_task(task_name), payload=payload)
    transaction.on_commit(lambda: outbox_publish(model, ids=[row.id]), robust=True)
    return row


def outbox_publish(
    model: type[AbstractOutboxMessage],
    *,
    ids: list[uuid.UUID] | None = None,
    older_than: timedelta | None = None,
    limit: int = 500,
) -> int:
    """Publish pending rows (all, ``ids``, or those older than ``older_than``); return how many."""
    from celery import current_app

    prefix = settings.TTS_QUEUE_PREFIX
    published = 0
    with transaction.atomic():
        pending = model.objects.select_for_update(skip_locked=True).filter(published_at__isnull=True)
        if ids is not None:
            pending = pending.filter(id__in=ids)
        if older_than is not None:
            pending = pending.filter(created_at__lte=timezone.now() - older_than)
        rows = list(pending.order_by("created_at")[:limit])
        if not rows:
            return 0
        sent, failed = [], []
        try:
            with current_app.producer_or_acquire() as producer:
                for row in rows:
                    current_app.send_task(
                        row.task_name,
                        args=[row.payload],
                        task_id=str(row.id),
                        queue=prefix + row.queue,
                        producer=producer,
                        retry=False,
                    )
                    row.published_at = timezone.now()
                    sent.append(row)
        except Exception as exc:  # broker down: keep the rest for the sweeper
            logger.warning(
                "outbox publish failed", extra={"error": str(exc), "pending": len(rows) - len(sent)}
            )
            for row in rows[len(sent) :]:
                row.attempts += 1
                row.last_error = str(exc)[:2000]
                failed.append(row)
        model.objects.bulk_update(sent, ["published_at"])
        model.objects.bulk_update(failed, ["attempts", "last_error"])
        published = len(sent)
    return published


def outbox_sweep(model: type[AbstractOutboxMessage]) -> int:
    """Republish rows older than OUTBOX_SWEEP_AFTER_SECONDS that are still unpublished."""
    count = outbox_publish(model, older_than=timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS))
    if count:
        logger.info("outbox sweep republished messages", extra={"count": count})
    return count


SEND_NOTIFICATION = "notifications.tasks.send_notification"


def notification_enqueue(
    model: type[AbstractOutboxMessage],
    *,
    user_id: str | int,
    email: str,
    type: str,
    title: str,
    body: str = "",
    link: str = "",
    channels: list[str] | tuple[str, ...] = ("inapp", "email"),
    data: dict[str, Any] | None = None,
    event_id: uuid.UUID | None = None,
) -> AbstractOutboxMessage:
    """A notification (DESIGN §5, ``notification-queue-default``) for one user, through the
    outbox with the caller's transaction. Pass a deterministic ``event_id`` when the same
    event could be produced twice: notification_service stores an event id once."""
    from tts_common.messages import SCHEMA_VERSION

    return outbox_enqueue(
        model,
        task_name=SEND_NOTIFICATION,
        payload={
            "schema_version": SCHEMA_VERSION,
            "event_id": str(event_id or uuid.uuid4()),
            "recipient": {"user_id": str(user_id), "email": email},
            "type": type,
            "title": title[:255],
            "body": body,
            "link": link,
            "channels": list(channels),
            "data": data or {},
        },
    )

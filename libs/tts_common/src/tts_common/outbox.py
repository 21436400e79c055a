"""The transactional outbox.

A message a state change implies is written as an outbox row in the same transaction as
the change. After commit the row is published (publisher confirms) and marked sent; a
periodic sweep republishes rows a crash left behind. The row id is the Celery task id,
so a consumer can also recognise a message published twice.

Rows published together go out on one channel in confirm mode and the broker's confirms
are awaited once for all of them (a confirm per publish would cost a round trip and a
disk sync each). Within ``outbox_batch()`` rows are inserted with one statement.
"""

from __future__ import annotations

import logging
import threading
import uuid
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from tts_common import topology

logger = logging.getLogger("tts.outbox")
CONFIRM_TIMEOUT_SECONDS = 10
_local = threading.local()  # the rows of an open outbox_batch(); this thread's confirm channel


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
    row = model(task_name=task_name, queue=topology.queue_for_task(task_name), payload=payload)
    collected = getattr(_local, "rows", None)
    if collected is not None:
        collected.append(row)
        return row
    row.save(force_insert=True)
    transaction.on_commit(lambda: outbox_publish(model, ids=[row.id]), robust=True)
    return row


@contextmanager
def outbox_batch(model: type[AbstractOutboxMessage]):
    """Inside a transaction: the rows ``outbox_enqueue`` writes within this block are
    inserted with one statement when it ends and published together after the commit."""
    if getattr(_local, "rows", None) is not None:  # nested: the outer block takes them
        yield
        return
    _local.rows = rows = []
    try:
        yield
    finally:
        _local.rows = None
    if rows:
        model.objects.bulk_create(rows)
        ids = [row.id for row in rows]
        transaction.on_commit(lambda: outbox_publish(model, ids=ids, limit=len(ids)), robust=True)


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
        try:
            if current_app.conf.broker_url.startswith(("amqp", "pyamqp")):
                sent, error = _publish_confirmed(current_app, rows, prefix)
            else:  # the embedded mode's file-system broker: no confirms to wait for
                sent, error = _publish_each(current_app, rows, prefix)
        except Exception as exc:
            sent, error = [], exc
        sent_ids = {row.pk for row in sent}
        failed = [row.pk for row in rows if row.pk not in sent_ids]
        if failed:  # broker down or refusing: the sweeper tries again
            logger.warning("outbox publish failed", extra={"error": str(error), "pending": len(failed)})
            model.objects.filter(pk__in=failed).update(
                attempts=F("attempts") + 1, last_error=str(error)[:2000]
            )
        if sent_ids:  # one plain UPDATE: every row gets the same time
            model.objects.filter(pk__in=sent_ids).update(published_at=timezone.now())
        published = len(sent)
    return published


def _send(app, row, prefix: str, producer) -> None:
    app.send_task(
        row.task_name,
        args=[row.payload],
        task_id=str(row.id),
        queue=prefix + row.queue,
        producer=producer,
        retry=False,
    )


def _publish_each(app, rows, prefix: str):
    sent = []
    try:
        with app.producer_or_acquire() as producer:
            for row in rows:
                _send(app, row, prefix, producer)
                sent.append(row)
    except Exception as exc:
        return sent, exc
    return sent, None


_EMBED = {"callbacks": None, "errbacks": None, "chain": None, "chord": None}


class _ConfirmChannel:
    """A connection of this thread's with a channel in confirm mode: publish many, then
    wait once until the broker has confirmed (ack) or refused (nack) each of them."""

    def __init__(self, app):
        from kombu import Connection

        self.url = app.conf.broker_url
        self.connection = Connection(
            app.conf.broker_url,
            connect_timeout=5,
            transport_options={**app.conf.broker_transport_options, "confirm_publish": False},
        )
        channel = self.connection.default_channel
        channel.confirm_select()
        channel.events["basic_ack"].add(lambda tag, multiple=False: self._settle(tag, multiple, True))
        channel.events["basic_nack"].add(
            lambda tag, multiple=False, requeue=False: self._settle(tag, multiple, False)
        )
        self.channel = channel
        self.declared: set[str] = set()
        self.next_tag = 1  # the broker numbers a confirm channel's publishes from 1
        self.outstanding: set[int] = set()
        self.answers: dict[int, bool] = {}

    def _settle(self, tag: int, multiple: bool, ok: bool) -> None:
        for settled in [t for t in self.outstanding if t <= tag] if multiple else [tag]:
            self.outstanding.discard(settled)
            self.answers[settled] = ok

    def publish(self, rows, prefix: str) -> list:
        """The rows the broker confirmed."""
        import time

        tags = {}
        self.answers.clear()
        for row in rows:
            self._publish(row, prefix)
            tags[self.next_tag] = row
            self.outstanding.add(self.next_tag)
            self.next_tag += 1
        deadline = time.monotonic() + CONFIRM_TIMEOUT_SECONDS
        while self.outstanding:
            if time.monotonic() > deadline:
                raise TimeoutError("the broker did not confirm in time")
            try:
                self.connection.drain_events(timeout=1)
            except TimeoutError:
                pass
        return [row for tag, row in tags.items() if self.answers.get(tag)]

    def _publish(self, row, prefix: str) -> None:
        """The Celery protocol-2 message ``send_task`` would send, built directly (a tenth
        of the cost); the queue, its exchange and dead-letter queue declared once."""
        import json

        import amqp

        queue = prefix + row.queue
        if queue not in self.declared:
            for declared in topology.declared_queues(prefix):
                if declared.name == queue:
                    declared(self.channel).declare()
            self.declared.add(queue)
        task_id = str(row.id)
        message = amqp.Message(
            json.dumps([[row.payload], {}, _EMBED], cls=DjangoJSONEncoder),
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=2,
            correlation_id=task_id,
            application_headers={
                "lang": "py",
                "task": row.task_name,
                "id": task_id,
                "root_id": task_id,
                "parent_id": None,
                "group": None,
                "retries": 0,
            },
        )
        self.channel.basic_publish(message, exchange=queue, routing_key=queue)

    def close(self) -> None:
        try:
            self.connection.close()
        except Exception:  # already gone
            pass


def _publish_confirmed(app, rows, prefix: str):
    channel = getattr(_local, "confirming", None)
    if channel is not None and channel.url != app.conf.broker_url:  # reconfigured
        channel.close()
        channel = _local.confirming = None
    if channel is None:
        channel = _local.confirming = _ConfirmChannel(app)
    try:
        sent = channel.publish(rows, prefix)
    except Exception as exc:  # the connection is gone or stuck: the next publish opens a new one
        _local.confirming = None
        channel.close()
        return [], exc
    return sent, (None if len(sent) == len(rows) else RuntimeError("the broker refused (nack) some messages"))


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

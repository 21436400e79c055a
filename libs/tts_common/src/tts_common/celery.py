"""The Celery app factory with the reliability defaults of DESIGN §5.

- durable queues with a dead-letter queue each; JSON only
- late acks, reject on worker loss, prefetch of one, publisher confirms
- transient errors retried with exponential backoff and jitter
- a failed task (bad payload, retries exhausted) is rejected without requeue, so
  RabbitMQ moves it to its dead-letter queue; an undecodable body too.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery, Task, signals
from celery.exceptions import Reject
from celery.worker.consumer import Consumer as _CeleryConsumer
from django.db import InterfaceError as DbInterfaceError
from django.db import OperationalError as DbOperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from tts_common import topology
from tts_common.messages import MessageInvalid

logger = logging.getLogger("tts.celery")


class TransientError(Exception):
    """Raise from a task for a failure worth retrying (a peer service is down, say)."""


class TTSTask(Task):
    autoretry_for = (
        TransientError,
        DbOperationalError,
        DbInterfaceError,
        BrokerOperationalError,
        ConnectionError,
    )
    retry_backoff = 2
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 8

    def dead_letter(self, reason: str) -> None:
        """Log why, then reject without requeue: RabbitMQ routes the message to the DLQ."""
        logger.error(
            "dead-lettering message",
            extra={"task": self.name, "task_id": self.request.id, "reason": reason},
        )
        raise Reject(reason, requeue=False)

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except MessageInvalid as exc:
            self.dead_letter(str(exc))


class Consumer(_CeleryConsumer):
    """Celery acks a body it cannot decode, losing it; we dead-letter it instead."""

    def on_decode_error(self, message, exc):
        logger.error(
            "dead-lettering undecodable message",
            extra={"reason": str(exc), "content_type": message.content_type},
        )
        message.reject(requeue=False)


def broker_config(
    *, broker_url: str, transport_options: dict[str, Any], prefix: str, default_queue: str
) -> dict:
    return {
        "broker_url": broker_url,
        "broker_transport_options": transport_options,
        "broker_connection_retry_on_startup": True,
        # A channel error on reconnecting is retried like a lost connection, not fatal: after a
        # network cut the broker may still hold the old connection's exclusive remote-control
        # queue for a moment (RESOURCE_LOCKED), which otherwise stops the worker for good.
        "broker_channel_error_retry": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_serializer": "json",
        "task_ignore_result": True,
        "result_backend": None,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": False,
        "worker_prefetch_multiplier": 1,
        "worker_consumer": "tts_common.celery:Consumer",
        "worker_hijack_root_logger": False,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_queues": topology.declared_queues(prefix),
        "task_create_missing_queues": False,
        "task_default_queue": prefix + default_queue,
        "task_routes": {name: {"queue": prefix + q} for name, q in topology.TASK_QUEUES.items()},
        "task_publish_retry": True,
        "enable_utc": True,
        "timezone": "UTC",
    }


def make_celery(short: str, *, consumes: list[str] = (), batched: dict[str, str] | None = None) -> Celery:
    """The Celery app of service ``short``; call from ``config/celery.py``.

    Its worker consumes the queues in ``consumes`` plus the service's maintenance queue
    (periodic jobs such as the outbox sweep), with the deployment's queue prefix applied.
    A queue in ``batched`` (queue -> dotted path of a tts_common.batching.BatchHandler) is
    consumed in batches by a thread of the same worker instead.
    """
    from django.conf import settings

    app = Celery(f"tts-{short}", task_cls=TTSTask)
    app.conf.update(
        broker_config(
            broker_url=settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            prefix=settings.TTS_QUEUE_PREFIX,
            default_queue=topology.maintenance_queue(short),
        )
    )
    app.autodiscover_tasks()
    batched = batched or {}
    consumed = [
        settings.TTS_QUEUE_PREFIX + q
        for q in [*consumes, topology.maintenance_queue(short)]
        if q not in batched
    ]
    if batched:
        from tts_common.batching import BatchConsumerStep

        app.tts_batched_paths = {settings.TTS_QUEUE_PREFIX + q: path for q, path in batched.items()}
        app.steps["worker"].add(BatchConsumerStep)

    @signals.celeryd_after_setup.connect(weak=False)
    def _select_queues(sender, instance, **kwargs):
        if instance.app is app:
            instance.app.amqp.queues.select(consumed)

    register_outbox_sweep(app, short)
    return app


def register_outbox_sweep(app: Celery, short: str) -> None:
    """Register the periodic outbox sweep of service ``short`` (beat sends it to its maintenance queue)."""

    @app.task(name=topology.outbox_sweep_task(short), ignore_result=True)
    def _sweep() -> int:
        from django.apps import apps
        from django.conf import settings

        from tts_common.outbox import outbox_sweep

        return outbox_sweep(apps.get_model(settings.TTS_OUTBOX_MODEL))


def declare_topology(app: Celery) -> None:
    """Declare every queue, exchange and dead-letter queue (idempotent)."""
    with app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in app.conf.task_queues:
            queue(channel).declare()


def delete_topology(broker_url: str, prefix: str) -> None:
    """Delete every queue and exchange of deployment ``prefix`` (test isolation; never the unprefixed ones)."""
    from kombu import Connection

    if not prefix:
        raise ValueError("refusing to delete the unprefixed (real) queues")
    with Connection(broker_url, connect_timeout=5) as conn:
        channel = conn.default_channel
        for queue in topology.declared_queues(prefix):
            channel.queue_delete(queue.name)
            channel.exchange_delete(queue.exchange.name)
        channel.exchange_delete(prefix + topology.DLX)


@signals.worker_ready.connect
def _declare_on_worker_start(sender=None, **kwargs):
    declare_topology(sender.app)

"""Consuming a queue in batches: the same messages, acks and dead-letters as a Celery task,
at a fraction of the cost per message.

A service names a handler for a queue (``make_celery(..., batched={queue: handler})``). Its
Celery worker then leaves that queue to a thread of its own, which takes up to
``BATCH_SIZE`` messages (or what arrived within ``BATCH_WAIT_SECONDS``), validates each,
hands the valid ones to the handler in one call (one transaction, a few statements) and
acks them once that returns. The reliability rules of DESIGN §5 hold message by message:

- a message is acked only after its work committed; a crash before that redelivers it,
  and handlers are idempotent, so a redelivery changes nothing;
- a body that is not a Celery task message, names another task, or fails validation is
  rejected without requeue (RabbitMQ moves it to the queue's dead-letter queue) with the
  reason logged, before the rest of the batch is worked on;
- when a batch fails for any other reason, its messages are retried one by one, so a
  message that always fails is dead-lettered after one attempt of its own (a few when it
  collides on a unique row, which another consumer's batch may be writing) and the others
  go through;
- a database or broker outage is not the messages' fault: the batch waits (exponential
  backoff with jitter) and is retried until the outage ends, unacked the whole time.

Messages are Celery protocol 2 task messages (``[args, kwargs, embed]``, the payload is
``args[0]``), so producers publish exactly as before (docs/queue-producers.md).
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import bootsteps
from django.db import IntegrityError, InterfaceError, OperationalError, close_old_connections, connection
from kombu import Connection, Queue
from kombu.mixins import ConsumerMixin

from tts_common.messages import MessageInvalid

logger = logging.getLogger("tts.batching")

# errors that say "try again later", not "this message is bad"
OUTAGES: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, ConnectionError)
CONFLICT_RETRIES = 3  # a message alone failing on a unique row is tried this often more


@dataclass(frozen=True)
class BatchHandler:
    """``parse(payload)`` validates one payload (raise MessageInvalid) and returns what
    ``handle(parsed_list)`` works on, all of them in one transaction."""

    task_name: str
    parse: Callable[[Any], Any]
    handle: Callable[[list[Any]], None]


def task_payload(message) -> tuple[str, Any]:
    """(task name, first positional argument) of a Celery protocol-2 message."""
    task = (message.headers or {}).get("task")
    if not task:
        raise MessageInvalid("not a Celery task message: no 'task' header")
    if message.content_type != "application/json":
        raise MessageInvalid(
            f"{task}: content type {message.content_type!r}; only application/json is accepted"
        )
    try:
        body = message.body if isinstance(message.body, list | tuple) else json.loads(message.body)
        return task, body[0][0]
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        raise MessageInvalid(f"{task}: body is not [args, kwargs, embed] with one argument ({exc})") from exc


class BatchConsumer(ConsumerMixin):
    def __init__(
        self,
        connection: Connection,
        handlers: dict[str, BatchHandler],
        *,
        size: int = 100,
        wait: float = 0.05,
        max_backoff: float = 30.0,
        queues: dict[str, Queue] | None = None,
    ):
        self.connection = connection
        self.queues = queues or {}  # name -> its declaration (arguments, dead-lettering)
        self.handlers = handlers  # queue name (with the deployment prefix) -> handler
        self.size = size
        self.wait = wait
        self.max_backoff = max_backoff
        self.buffer: list[tuple[Any, BatchHandler]] = []
        self.first_at = 0.0
        self.batches = 0  # batches committed (for tests and logs)
        self.consuming = None

    # ------------------------------------------------------------ kombu hooks
    def get_consumers(self, Consumer, channel):
        channel.basic_qos(0, self.size * 2, False)
        return [
            # on_message: the raw message, never decoded by kombu (JSON only, checked by us);
            # the queue declared as the topology has it (the worker may not have yet)
            Consumer(
                queues=[self.queues.get(name) or Queue(name, no_declare=True)],
                on_message=self._receiver(handler),
            )
            for name, handler in self.handlers.items()
        ]

    def _receiver(self, handler: BatchHandler):
        def on_message(message):
            if not self.buffer:
                self.first_at = time.monotonic()
            self.buffer.append((message, handler))

        return on_message

    def on_consume_ready(self, connection, channel, consumers, **kwargs):
        self.consuming = connection  # ConsumerMixin consumes on a clone of self.connection

    def on_connection_revived(self):
        # deliveries of a lost channel are redelivered on the new one; never ack them
        self.buffer.clear()

    def on_iteration(self):
        if self.buffer and (len(self.buffer) >= self.size or time.monotonic() - self.first_at >= self.wait):
            batch, self.buffer = self.buffer[: self.size], self.buffer[self.size :]
            self.first_at = time.monotonic()
            self.flush(batch)

    def run_until_stopped(self) -> None:
        self.run(safety_interval=self.wait)

    # ------------------------------------------------------------ the work
    def flush(self, batch: list[tuple[Any, BatchHandler]]) -> None:
        by_handler: dict[str, list[tuple[Any, Any]]] = {}
        handlers: dict[str, BatchHandler] = {}
        for message, handler in batch:
            try:
                task, payload = task_payload(message)
                if task != handler.task_name:
                    raise MessageInvalid(f"this queue takes {handler.task_name}, not {task}")
                parsed = handler.parse(payload)
            except MessageInvalid as exc:
                self.dead_letter(message, str(exc))
                continue
            by_handler.setdefault(handler.task_name, []).append((message, parsed))
            handlers[handler.task_name] = handler
        for name, items in by_handler.items():
            self._work(handlers[name], items)

    def _work(self, handler: BatchHandler, items: list[tuple[Any, Any]]) -> None:
        if self._attempt(handler, items) is None or len(items) == 1:
            return
        for item in items:  # find the message that fails, let the others through
            self._attempt(handler, [item])

    def _attempt(self, handler: BatchHandler, items: list[tuple[Any, Any]]) -> str | None:
        """Work ``items``: acked when done; a single message that fails for a reason of its
        own is dead-lettered. Returns that reason (None when done or stopping); outages are
        waited out."""
        delay, conflicts = 0.5, 0
        while True:
            try:
                close_old_connections()
                handler.handle([parsed for _, parsed in items])
            except OUTAGES as exc:
                logger.warning(
                    "batch waits for an outage", extra={"task": handler.task_name, "error": str(exc)}
                )
                connection.close()
                if not self._pause(delay):
                    return None  # stopping: left unacked, they are redelivered
                delay = min(self.max_backoff, delay * 2)
                continue
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
                if len(items) == 1 and isinstance(exc, IntegrityError) and conflicts < CONFLICT_RETRIES:
                    # most likely a batch of another consumer wrote the same row first; once
                    # it committed, the idempotent handler finds the row and skips it
                    conflicts += 1
                    time.sleep(0.1 * conflicts)
                    continue
                if len(items) == 1:
                    self.dead_letter(items[0][0], reason)
                return reason
            for message, _ in items:
                message.ack()
            self.batches += 1
            return None

    def _pause(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds * random.uniform(0.5, 1.0)
        while time.monotonic() < deadline:
            if self.should_stop:
                return False
            time.sleep(0.2)
            try:  # keep the connection holding the deliveries alive while the batch waits
                self.consuming.heartbeat_check()
            except Exception:  # the broker side is handled by the consume loop
                pass
        return True

    def dead_letter(self, message, reason: str) -> None:
        logger.error(
            "dead-lettering message",
            extra={
                "reason": reason,
                "task_id": (message.headers or {}).get("id"),
                "queue": message.delivery_info.get("routing_key"),
            },
        )
        message.reject(requeue=False)


class BatchConsumerStep(bootsteps.StartStopStep):
    """Runs the app's BatchConsumer in a thread of the worker (started once the pool has
    forked, stopped before the worker exits; a warm shutdown finishes the current batch)."""

    requires = {"celery.worker.components:Pool"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.consumers: list[BatchConsumer] = []
        self.threads: list[threading.Thread] = []

    def start(self, worker):
        from django.conf import settings
        from django.utils.module_loading import import_string

        paths = getattr(worker.app, "tts_batched_paths", {})
        handlers = {queue: import_string(path) for queue, path in paths.items()}
        if not handlers:
            return
        # more than one lets a batch's waits overlap another's work, at the cost of GIL contention
        # (settings.BATCH_CONSUMERS says why one is the default)
        for n in range(settings.BATCH_CONSUMERS):
            consumer = BatchConsumer(
                Connection(
                    worker.app.conf.broker_url,
                    heartbeat=30,
                    transport_options={**worker.app.conf.broker_transport_options, "confirm_publish": False},
                ),
                handlers,
                size=settings.BATCH_SIZE,
                wait=settings.BATCH_WAIT_SECONDS,
                queues={queue.name: queue for queue in worker.app.conf.task_queues},
            )
            thread = threading.Thread(
                target=self._run, args=(consumer,), name=f"tts-batches-{n}", daemon=True
            )
            self.consumers.append(consumer)
            self.threads.append(thread)
            thread.start()

    @staticmethod
    def _run(consumer: BatchConsumer):
        try:
            consumer.run_until_stopped()
        finally:
            connection.close()

    def stop(self, worker):
        for consumer in self.consumers:
            consumer.should_stop = True
        for thread in self.threads:
            thread.join(timeout=30)

"""Talk to RabbitMQ the way a non-Celery upstream producer would: plain AMQP with kombu."""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

from kombu import Connection, Producer

BROKER = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


def publish_task(queue: str, task: str, payload: Any, *, message_id: str | None = None) -> str:
    """Publish a Celery protocol-2 message by hand: headers ``task`` and ``id``, body ``[args, kwargs, embed]``."""
    message_id = message_id or str(uuid.uuid4())
    body = json.dumps([[payload], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}])
    publish_raw(queue, body.encode(), headers={"task": task, "id": message_id, "lang": "py"})
    return message_id


def publish_raw(
    queue: str, body: bytes, *, headers: dict | None = None, content_type: str = "application/json"
) -> None:
    with Connection(BROKER) as conn:
        Producer(conn.default_channel).publish(
            body,
            exchange="",
            routing_key=queue,
            headers=headers or {},
            content_type=content_type,
            content_encoding="utf-8",
            delivery_mode=2,
        )


def message_count(queue: str) -> int:
    with Connection(BROKER) as conn:
        return conn.default_channel.queue_declare(queue=queue, passive=True).message_count


def drain(queue: str) -> list[Any]:
    """Take every message off ``queue`` (ack them) and return them."""
    messages = []
    with Connection(BROKER) as conn:
        channel = conn.default_channel
        while (message := channel.basic_get(queue, no_ack=True)) is not None:
            messages.append(message)
    return messages

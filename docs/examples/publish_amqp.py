"""Publish a ticket to TTS with a plain AMQP 0-9-1 client, no Celery: what a producer in
any language does. It uses `amqp` (py-amqp, a low-level client that comes with Celery's
dependencies); pika, the RabbitMQ Java/.NET/Go clients or amqplib do the same calls.

The message is Celery's protocol 2, which TTS's Celery workers consume:
    properties  content_type=application/json, content_encoding=utf-8, delivery_mode=2
    headers     task=tickets.tasks.receive_ticket, id=<unique id> (plus informational ones)
    body        JSON [[payload], {}, {"callbacks": null, "errbacks": null, "chain": null, "chord": null}]

It publishes to the direct exchange TTS binds to the queue (same name as the queue, routing
key = queue name), with `mandatory` set and publisher confirms on: the call returns only
when RabbitMQ has stored the message, and fails if the exchange is missing or no queue
took the message (TTS not deployed there, or a wrong prefix).

Run it against `make run` (from the repository root):

    .venv/bin/python docs/examples/publish_amqp.py              # a new ticket number
    .venv/bin/python docs/examples/publish_amqp.py ERP-2026-000124

Environment:
    CELERY_BROKER_URL  RabbitMQ (default amqp://guest:guest@127.0.0.1:5672//)
    TTS_QUEUE_PREFIX   the deployment's queue-name prefix, if it has one (default none)

docs/queue-producers.md explains the contract; e2e/test_doc_examples.py runs this file.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

import amqp

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
PREFIX = os.environ.get("TTS_QUEUE_PREFIX", "")
QUEUE = PREFIX + "TICKET_TASKS_PRODUCTION"
EXCHANGE = QUEUE  # TTS binds a direct exchange of the same name to each of its queues
TASK = "tickets.tasks.receive_ticket"


def ticket_payload(number: str) -> dict[str, Any]:
    """The `receive_ticket` payload, schema version 1 (DESIGN §5)."""
    return {
        "schema_version": 1,
        "ticket_number": number,  # your unique id for the ticket: the idempotency key
        "subject": "Laptop battery swells",
        "description": "The case no longer closes.",
        "category": "Hardware",
        "subcategory": "Laptop",
        "department": "IT",
        "priority": "urgent",  # low, medium, high or urgent
        "status": "new",
        "requester": {"id": "erp-0815", "name": "Sam Lee", "email": "sam.lee@example.com"},
        "created_at": datetime.now(UTC).isoformat(),
        "attachments": [],
        "extra": {"source_system": "erp"},
    }


def celery_message(task: str, payload: dict[str, Any]) -> amqp.Message:
    """One Celery protocol-2 message calling ``task(payload)``."""
    task_id = str(uuid.uuid4())
    body = [[payload], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}]
    return amqp.Message(
        json.dumps(body),
        content_type="application/json",
        content_encoding="utf-8",
        delivery_mode=2,  # persistent: survives a broker restart
        correlation_id=task_id,
        application_headers={
            "task": task,  # which task runs it: required
            "id": task_id,  # a unique message id: required
            # What Celery itself sends; informational (logs, monitoring tools).
            "lang": "py",
            "root_id": task_id,
            "parent_id": None,
            "group": None,
            "origin": f"upstream@{socket.gethostname()}",
        },
    )


def connect(url: str) -> amqp.Connection:
    """Open a connection from an ``amqp://user:password@host:port/vhost`` URL with publisher
    confirms on (every basic_publish then waits for RabbitMQ's ack)."""
    parts = urlsplit(url)
    connection = amqp.Connection(
        host=f"{parts.hostname or '127.0.0.1'}:{parts.port or 5672}",
        userid=unquote(parts.username or "guest"),
        password=unquote(parts.password or "guest"),
        virtual_host=unquote(parts.path[1:]) or "/",  # "//" is the vhost "/", as in Celery
        confirm_publish=True,
        connect_timeout=10,
    )
    connection.connect()
    return connection


def publish(payload: dict[str, Any]) -> str:
    message = celery_message(TASK, payload)
    with connect(BROKER_URL) as connection:
        channel = connection.channel()
        # TTS declares the queue, its exchange and the binding; a producer declares
        # nothing, so it needs only write permission on this one exchange. `mandatory`
        # makes an unroutable message an error (312 NO_ROUTE) instead of a silent drop;
        # a missing exchange is one too (404 NOT_FOUND).
        channel.basic_publish(message, exchange=EXCHANGE, routing_key=QUEUE, mandatory=True)
    return message.properties["correlation_id"]


def main() -> int:
    number = sys.argv[1] if len(sys.argv) > 1 else f"EXT-{datetime.now(UTC):%Y}-{uuid.uuid4().hex[:8]}"
    try:
        message_id = publish(ticket_payload(number))
    except amqp.exceptions.AMQPError as error:
        print(f"not published: {error}", file=sys.stderr)
        return 1
    print(f"published {number} to {QUEUE} (message id {message_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

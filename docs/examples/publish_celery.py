"""Publish a ticket to TTS with Celery, as an upstream producer written in Python does.

The producer needs neither TTS's code nor Django: a Celery app that knows the broker, the
exchange and queue names and the task name is enough.

Run it against `make run` (from the repository root):

    .venv/bin/python docs/examples/publish_celery.py            # a new ticket number
    .venv/bin/python docs/examples/publish_celery.py ERP-2026-000123

Environment:
    CELERY_BROKER_URL  RabbitMQ (default amqp://guest:guest@127.0.0.1:5672//)
    TTS_QUEUE_PREFIX   the deployment's queue-name prefix, if it has one (default none)

docs/queue-producers.md explains the contract; e2e/test_doc_examples.py runs this file.
"""

from __future__ import annotations

import os
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

from celery import Celery

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
PREFIX = os.environ.get("TTS_QUEUE_PREFIX", "")
QUEUE = PREFIX + "TICKET_TASKS_PRODUCTION"
TASK = "tickets.tasks.receive_ticket"

app = Celery("upstream-producer", broker=BROKER_URL)
app.conf.update(
    task_serializer="json",  # TTS workers accept JSON only
    accept_content=["json"],
    # Publisher confirms: send_task returns only once RabbitMQ has taken the message.
    broker_transport_options={"confirm_publish": True},
)


def ticket_payload(number: str) -> dict[str, Any]:
    """The `receive_ticket` payload, schema version 1 (DESIGN §5)."""
    return {
        "schema_version": 1,
        "ticket_number": number,  # your unique id for the ticket: the idempotency key
        "subject": "VPN drops every hour",
        "description": "Since Monday, on the office network only.",
        "category": "Network",
        "subcategory": "VPN",
        "department": "IT",
        "priority": "high",  # low, medium, high or urgent
        "status": "new",
        "requester": {"id": "crm-4711", "name": "Jo Doe", "email": "jo.doe@example.com"},
        "created_at": datetime.now(UTC).isoformat(),
        "attachments": [],
        "extra": {"source_system": "crm", "tags": ["vpn"]},
    }


def publish(payload: dict[str, Any]) -> str:
    """Send the message; the task id is the message id (any unique string).

    TTS declares the queue and binds a direct exchange of the same name to it; the
    producer declares nothing and publishes to that exchange, so it needs only write
    permission there. ``mandatory`` makes an unroutable message an error, not a silent drop.
    """
    result = app.send_task(
        TASK,
        args=[payload],
        exchange=QUEUE,
        routing_key=QUEUE,
        declare=[],  # Celery would otherwise declare its own default queue, "celery"
        mandatory=True,
        task_id=str(uuid.uuid4()),
    )
    return result.id


def main() -> int:
    number = sys.argv[1] if len(sys.argv) > 1 else f"EXT-{datetime.now(UTC):%Y}-{uuid.uuid4().hex[:8]}"
    try:
        message_id = publish(ticket_payload(number))
    except Exception as error:  # the broker refused or could not be reached
        print(f"not published: {error}", file=sys.stderr)
        return 1
    print(f"published {number} to {QUEUE} (message id {message_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The bare floor for bench/ingest.py: a minimal Celery task with the same reliability
settings as TTS's workers (tts_common.celery.broker_config: late acks, reject on worker
loss, publisher confirms, JSON), on the same broker and PostgreSQL, doing one insert and
one atomic counter update per message in its own transaction. Whatever TTS does per
ticket costs more than this; the ratio says how much.

Run by bench/ingest.py as ``celery -A floor worker`` with BENCH_FLOOR_DSN and
TTS_QUEUE_PREFIX set."""

from __future__ import annotations

import os

import psycopg2
import psycopg2.extras
from celery import Celery
from kombu import Queue

from tts_common.celery import broker_config

PREFIX = os.environ.get("TTS_QUEUE_PREFIX", "bench.")
QUEUE = PREFIX + "floor"
TASK = "bench.floor"

app = Celery("bench-floor")
app.conf.update(
    broker_config(
        broker_url=os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
        transport_options={"confirm_publish": True},
        prefix=PREFIX,
        default_queue="floor",
    )
)
app.conf.update(task_queues=[Queue(QUEUE, durable=True)], task_routes={TASK: {"queue": QUEUE}})
_connection = None


def schema(cursor) -> None:
    cursor.execute(
        "DROP TABLE IF EXISTS floor_item, floor_counter; "
        "CREATE TABLE floor_item (id bigserial PRIMARY KEY, number text UNIQUE, body jsonb, at timestamptz DEFAULT now()); "
        "CREATE TABLE floor_counter (id int PRIMARY KEY, n bigint NOT NULL); "
        "INSERT INTO floor_counter VALUES (1, 0)"
    )


@app.task(name=TASK, acks_late=True)
def floor(payload):
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg2.connect(os.environ["BENCH_FLOOR_DSN"])
    with _connection, _connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO floor_item (number, body) VALUES (%s, %s)",
            [payload["ticket_number"], psycopg2.extras.Json(payload)],
        )
        cursor.execute("UPDATE floor_counter SET n = n + 1 WHERE id = 1")

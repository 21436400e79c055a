"""BatchConsumer on this run's prefixed queues of the real RabbitMQ (declared with the
project's topology, so a rejected message lands in the queue's own .dlq): valid messages
are handled in a few batches and acked; a bad one is dead-lettered once and the others go
through; an outage is waited out; what is not acked when the consumer stops comes back."""

from __future__ import annotations

import json
import logging
import pickle
import threading
import time
import uuid
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import InterfaceError, OperationalError
from kombu import Connection, Producer

from tts_common.batching import BatchConsumer, BatchHandler
from tts_common.celery import make_celery
from tts_common.messages import TicketStatusSchema, parse
from tts_common.topology import TICKET_STATUS, dead_letter_queue, maintenance_queue

QUEUE = TICKET_STATUS
DLQ = dead_letter_queue(QUEUE)
TASK = "tickets.tasks.update_ticket_status"


def status(number: str) -> dict:
    return {
        "schema_version": 1,
        "event_id": str(uuid.uuid4()),
        "ticket_number": number,
        "status": "open",
        "changed_at": "2025-01-01T10:00:00Z",
    }


def protocol2(payload) -> list:
    """A Celery protocol-2 body: [args, kwargs, embed]."""
    return [[payload], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}]


def publish(
    payload=None, *, body=None, task: str | None = TASK, content_type: str = "application/json"
) -> str:
    """Publish one task message to the run's QUEUE as a Celery producer would; return its id."""
    task_id = str(uuid.uuid4())
    headers = {"id": task_id, "lang": "py", **({"task": task} if task else {})}
    raw = body if body is not None else json.dumps(protocol2(payload)).encode()
    with Connection(settings.CELERY_BROKER_URL) as conn:
        Producer(conn.default_channel).publish(
            raw,
            exchange="",
            routing_key=settings.TTS_QUEUE_PREFIX + QUEUE,
            headers=headers,
            content_type=content_type,
            content_encoding="utf-8" if content_type == "application/json" else "binary",
            serializer=None,
            delivery_mode=2,
        )
    return task_id


def publish_numbers(*numbers: str) -> None:
    for number in numbers:
        publish(status(number))


def depth(broker, name: str) -> int:
    """Messages ready on queue ``name`` (unacked ones of a closed consumer are back by now)."""
    with broker.app.connection_for_write() as conn:
        return broker.queue(name)(conn.default_channel).queue_declare(passive=True).message_count


def wait_for(fetch, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while not (found := fetch()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


class Recorder:
    """The handler's side: the batches handled (only those that returned), by ticket number.
    ``fail(numbers)`` says what a call raises, if anything."""

    def __init__(self, fail=lambda numbers: None):
        self.batches: list[list[str]] = []
        self.calls = 0
        self.fail = fail

    def handle(self, parsed: list[dict]) -> None:
        self.calls += 1
        numbers = [p["ticket_number"] for p in parsed]
        if (error := self.fail(numbers)) is not None:
            raise error
        self.batches.append(numbers)

    @property
    def handled(self) -> list[str]:
        return [n for batch in self.batches for n in batch]

    def handler(self) -> BatchHandler:
        return BatchHandler(task_name=TASK, parse=lambda p: parse(TicketStatusSchema, p), handle=self.handle)


@contextmanager
def consuming(recorder: Recorder, *, size: int = 10, heartbeat: float | None = None):
    """A BatchConsumer of QUEUE running in a thread, as the worker runs it; stopped on exit."""
    consumer = BatchConsumer(
        Connection(settings.CELERY_BROKER_URL, heartbeat=heartbeat),
        {settings.TTS_QUEUE_PREFIX + QUEUE: recorder.handler()},
        size=size,
        wait=0.05,
        max_backoff=1.0,
    )
    thread = threading.Thread(target=consumer.run_until_stopped, daemon=True)
    thread.start()
    try:
        yield consumer
    finally:
        consumer.should_stop = True
        thread.join(timeout=30)
        assert not thread.is_alive(), "the consumer did not stop"


def numbers(count: int, first: int = 1) -> list[str]:
    return [f"TX-20250101-{n:04d}" for n in range(first, first + count)]


def dead_ids(broker) -> list[str]:
    return [m.headers["id"] for m in broker.drain(DLQ)]


# --- the happy path ---------------------------------------------------------------------


def test_valid_messages_are_handled_once_in_a_few_batches_and_acked(broker):
    # given 25 messages waiting
    expected = numbers(25)
    publish_numbers(*expected)
    recorder = Recorder()

    # when a consumer taking 10 at a time runs until they are handled
    with consuming(recorder, size=10) as consumer:
        wait_for(lambda: len(recorder.handled) >= 25)

    # then each was handled once, in batches of at most 10, each batch committed and acked
    assert sorted(recorder.handled) == expected
    assert all(len(batch) <= 10 for batch in recorder.batches)
    assert len(recorder.batches) <= 4
    assert consumer.batches == len(recorder.batches)
    assert depth(broker, QUEUE) == 0
    assert depth(broker, DLQ) == 0


# --- bad messages -----------------------------------------------------------------------

BAD = {
    "malformed JSON body": (dict(body=b"{this is not json"), "body is not [args, kwargs, embed]"),
    "body not [args, kwargs, embed]": (dict(body=b'{"args": []}'), "body is not [args, kwargs, embed]"),
    "no task header": (dict(payload=status("TX-20250101-0999"), task=None), "not a Celery task message"),
    "another task's name": (
        dict(payload=status("TX-20250101-0999"), task="tickets.tasks.receive_ticket"),
        "not tickets.tasks.receive_ticket",
    ),
    "schema-invalid payload": (
        dict(payload={**status("TX-20250101-0999"), "status": "done"}),
        'status: "done" is not a valid choice',
    ),
    "pickle content type": (
        dict(
            body=pickle.dumps(protocol2(status("TX-20250101-0999"))),
            content_type="application/x-python-serialize",
        ),
        "only application/json is accepted",
    ),
}


@pytest.mark.parametrize(("message", "reason"), BAD.values(), ids=BAD.keys())
def test_a_bad_message_is_dead_lettered_once_with_its_reason_and_the_rest_handled(
    broker, caplog, message, reason
):
    # given a bad message between good ones
    good = numbers(6)
    publish_numbers(*good[:3])
    bad_id = publish(**message)
    publish_numbers(*good[3:])
    recorder = Recorder()

    # when
    with caplog.at_level(logging.ERROR, logger="tts.batching"), consuming(recorder):
        wait_for(lambda: len(recorder.handled) >= 6 and depth(broker, DLQ) >= 1)

    # then the good ones were handled once and acked, the bad one dead-lettered once
    assert sorted(recorder.handled) == good
    assert depth(broker, QUEUE) == 0
    assert dead_ids(broker) == [bad_id]
    [logged] = [r for r in caplog.records if r.getMessage() == "dead-lettering message"]
    assert logged.task_id == bad_id
    assert reason in logged.reason


def test_a_message_whose_handling_always_fails_is_dead_lettered_and_its_batch_mates_handled_once(
    broker, caplog
):
    # given a batch with one message the handler always fails on
    poison = "TX-20250101-0666"
    good = numbers(6)
    publish_numbers(*good[:3])
    poison_id = publish(status(poison))
    publish_numbers(*good[3:])
    recorder = Recorder(fail=lambda batch: ValueError("cannot work this one") if poison in batch else None)

    # when
    with caplog.at_level(logging.ERROR, logger="tts.batching"), consuming(recorder):
        wait_for(lambda: len(recorder.handled) >= 6 and depth(broker, DLQ) >= 1)

    # then
    assert sorted(recorder.handled) == good
    assert poison not in recorder.handled
    assert dead_ids(broker) == [poison_id]
    assert depth(broker, QUEUE) == 0
    [logged] = [r for r in caplog.records if r.getMessage() == "dead-lettering message"]
    assert (logged.task_id, logged.reason) == (poison_id, "ValueError: cannot work this one")


# --- outages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "outage",
    [
        OperationalError("server closed the connection"),
        InterfaceError("connection already closed"),
        ConnectionError(),
    ],
    ids=["OperationalError", "InterfaceError", "ConnectionError"],
)
def test_an_outage_is_waited_out_and_the_batch_retried_whole(broker, outage):
    # given the database (or a peer) is down the first time the handler runs
    expected = numbers(5)
    publish_numbers(*expected)
    recorder = Recorder(fail=lambda batch: outage if recorder.calls == 1 else None)

    # when
    with consuming(recorder):
        wait_for(lambda: len(recorder.handled) >= 5)

    # then the batch was retried after the outage: nothing lost, nothing twice, nothing dead
    assert sorted(recorder.handled) == expected
    assert recorder.calls == 1 + len(recorder.batches)
    assert depth(broker, QUEUE) == 0
    assert depth(broker, DLQ) == 0


def test_an_outage_longer_than_the_heartbeat_keeps_the_deliveries(broker):
    # given a 2 s heartbeat and a database down for 8 s from the first batch on
    expected = numbers(5)
    publish_numbers(*expected)
    down_until: list[float] = []

    def database_down(batch):
        down_until or down_until.append(time.monotonic() + 8)
        return OperationalError("database down") if time.monotonic() < down_until[0] else None

    recorder = Recorder(fail=database_down)

    # when
    with consuming(recorder, heartbeat=2):
        wait_for(lambda: len(recorder.handled) >= 5, timeout=20)
        time.sleep(2)  # a redelivery would be handled meanwhile

    # then each message was handled once, after the outage, and acked
    assert sorted(recorder.handled) == expected
    assert depth(broker, QUEUE) == 0


def test_messages_unacked_when_the_consumer_stops_are_redelivered(broker):
    # given a consumer stopped while the database is down, its batch unacked
    expected = numbers(5)
    publish_numbers(*expected)
    down = Recorder(fail=lambda batch: OperationalError("database down"))
    with consuming(down):
        wait_for(lambda: down.calls >= 1)

    # then the messages are back on the queue, none dead-lettered or lost
    assert down.handled == []
    assert depth(broker, QUEUE) == 5
    assert depth(broker, DLQ) == 0

    # and the next consumer handles each of them once
    recorder = Recorder()
    with consuming(recorder):
        wait_for(lambda: len(recorder.handled) >= 5)
    assert sorted(recorder.handled) == expected
    assert depth(broker, QUEUE) == 0


# --- in the Celery worker ----------------------------------------------------------------

worker_recorder = Recorder()
WORKER_HANDLER = worker_recorder.handler()


def test_a_worker_of_an_app_with_a_batched_queue_consumes_it_in_batch_threads(broker, settings):
    # given an app whose QUEUE is batched with WORKER_HANDLER, and messages waiting
    settings.BATCH_SIZE, settings.BATCH_CONSUMERS = 10, 2
    app = make_celery("workflow", batched={QUEUE: f"{__name__}.WORKER_HANDLER"})
    app.conf.control_exchange = settings.TTS_QUEUE_PREFIX + "celery"
    app.conf.event_exchange = settings.TTS_QUEUE_PREFIX + "celeryev"
    worker_recorder.batches.clear()
    expected = numbers(30)
    publish_numbers(*expected)

    # when its worker runs (and is shut down warm)
    with start_worker(
        app,
        perform_ping_check=False,
        queues=[settings.TTS_QUEUE_PREFIX + maintenance_queue("workflow")],
        shutdown_timeout=15,
        use_eventloop=False,
    ) as worker:
        wait_for(lambda: len(worker_recorder.handled) >= 30)
        app.control.shutdown(destination=[worker.hostname])

    # then the batch threads handled every message once, in batches, and acked them
    assert sorted(worker_recorder.handled) == expected
    assert all(len(batch) <= 10 for batch in worker_recorder.batches)
    assert len(worker_recorder.batches) < 30
    assert depth(broker, QUEUE) == 0
    assert depth(broker, DLQ) == 0

"""The Celery factory's reliability defaults: topology with dead-letter queues, TTSTask
dead-lettering bad payloads, the Consumer dead-lettering undecodable bodies."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.exceptions import Reject
from django.conf import settings
from kombu import Connection, Producer

from tests.celery_app import app as kernel_app
from tts_common import topology
from tts_common.celery import Consumer, TransientError, TTSTask
from tts_common.messages import MessageInvalid, TicketStatusSchema, parse

PREFIX = "pfx."
QUEUE = topology.TICKET_STATUS
STATUS = {
    "schema_version": 1,
    "event_id": str(uuid.uuid4()),
    "ticket_number": "TX-20250101-0001",
    "status": "open",
    "changed_at": "2025-01-01T10:00:00Z",
}
applied: list[str] = []
flaky_calls: list[int] = []


@kernel_app.task(name="kernel_tests.apply_status")
def apply_status(payload):
    data = parse(TicketStatusSchema, payload)
    applied.append(data["ticket_number"])
    return data["ticket_number"]


@kernel_app.task(name="kernel_tests.flaky")
def flaky():
    flaky_calls.append(1)
    raise TransientError("peer service down")


def by_name(queues):
    return {q.name: q for q in queues}


def wait_for(fetch, timeout: float = 10.0):
    """Poll ``fetch`` until it returns something truthy (RabbitMQ works asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        found = fetch()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


# --- topology ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", topology.MESSAGE_QUEUES + [topology.maintenance_queue(s) for s in topology.SERVICES]
)
def test_every_queue_dead_letters_into_its_own_dlq(name):
    # when
    queues = by_name(topology.declared_queues(PREFIX))

    # then the queue names the dead-letter exchange and its own .dlq as routing key
    queue = queues[PREFIX + name]
    assert queue.durable
    assert queue.queue_arguments == {
        "x-dead-letter-exchange": PREFIX + topology.DLX,
        "x-dead-letter-routing-key": PREFIX + name + ".dlq",
    }
    # and that .dlq exists, bound to the dead-letter exchange under that key, without a DLX of its own
    dlq = queues[PREFIX + name + ".dlq"]
    assert dlq.durable
    assert dlq.exchange.name == PREFIX + topology.DLX
    assert dlq.routing_key == PREFIX + name + ".dlq"
    assert not dlq.queue_arguments


def test_topology_is_only_message_and_maintenance_queues_and_their_dlqs():
    names = set(by_name(topology.declared_queues()))

    main = set(topology.MESSAGE_QUEUES) | {topology.maintenance_queue(s) for s in topology.SERVICES}
    assert names == main | {topology.dead_letter_queue(n) for n in main}


def test_every_routed_task_goes_to_a_declared_queue():
    declared = set(topology.MESSAGE_QUEUES) | {topology.maintenance_queue(s) for s in topology.SERVICES}
    for task_name, queue in topology.TASK_QUEUES.items():
        assert topology.queue_for_task(task_name) == queue
        assert queue in declared
    with pytest.raises(LookupError):
        topology.queue_for_task("nobody.listens")


# --- the app the factory builds ---------------------------------------------------------


def test_factory_applies_the_reliability_defaults_with_the_queue_prefix():
    conf = kernel_app.conf
    prefix = settings.TTS_QUEUE_PREFIX

    assert issubclass(kernel_app.Task, TTSTask)
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.broker_channel_error_retry is True
    assert conf.task_acks_on_failure_or_timeout is False
    assert conf.worker_prefetch_multiplier == 1
    assert conf.accept_content == ["json"] and conf.task_serializer == "json"
    assert conf.worker_consumer == "tts_common.celery:Consumer"
    assert conf.task_create_missing_queues is False
    assert conf.task_default_queue == prefix + "tts.kernel.maintenance"
    assert conf.task_routes["tickets.tasks.update_ticket_status"] == {"queue": prefix + QUEUE}
    assert conf.broker_transport_options["confirm_publish"] is True
    assert {q.name for q in conf.task_queues} == {q.name for q in topology.declared_queues(prefix)}


def test_factory_registers_the_services_outbox_sweep():
    assert topology.outbox_sweep_task("kernel") in kernel_app.tasks


# --- TTSTask ----------------------------------------------------------------------------


def test_task_with_a_valid_payload_runs():
    assert apply_status(STATUS) == "TX-20250101-0001"


def test_task_raising_message_invalid_is_rejected_without_requeue():
    # when called the way the worker calls it
    with pytest.raises(Reject) as raised:
        apply_status({**STATUS, "status": "done"})

    # then
    assert raised.value.requeue is False
    assert "status" in str(raised.value.reason)


def test_task_raising_message_invalid_is_rejected_when_applied():
    result = apply_status.apply(args=[{**STATUS, "event_id": "nope"}])

    assert result.state == "REJECTED"
    assert isinstance(result.result, Reject)
    assert result.result.requeue is False
    assert "event_id" in str(result.result.reason)


def test_message_invalid_is_not_retried_but_transient_errors_are():
    assert MessageInvalid not in TTSTask.autoretry_for

    flaky_calls.clear()
    result = flaky.apply()

    assert result.state == "FAILURE"
    assert isinstance(result.result, TransientError)
    assert len(flaky_calls) == 1 + TTSTask.max_retries


# --- Consumer ---------------------------------------------------------------------------


class RecordingMessage:
    """The one edge not exercised against RabbitMQ here: a message that records what happens to it."""

    content_type = "application/json"

    def __init__(self):
        self.rejected, self.acked = [], False

    def reject(self, requeue=False):
        self.rejected.append(requeue)

    def ack(self):
        self.acked = True


def test_consumer_rejects_an_undecodable_message_without_requeue():
    message = RecordingMessage()

    Consumer.on_decode_error(None, message, ValueError("Expecting value: line 1 column 1"))

    assert message.rejected == [False]
    assert message.acked is False


# --- against RabbitMQ -------------------------------------------------------------------


def publish_raw(body: bytes, queue: str, **properties) -> None:
    with Connection(kernel_app.conf.broker_url) as conn:
        Producer(conn.default_channel).publish(
            body, routing_key=settings.TTS_QUEUE_PREFIX + queue, exchange="", serializer=None, **properties
        )


def test_a_rejected_message_lands_in_its_dlq(broker):
    # given a message on a prefixed queue
    kernel_app.send_task("kernel_tests.apply_status", args=[STATUS], queue=settings.TTS_QUEUE_PREFIX + QUEUE)
    with kernel_app.connection_for_write() as conn:
        message = wait_for(lambda: broker.queue(QUEUE)(conn.default_channel).get(no_ack=False))
        task_id = message.headers["id"]

        # when it is rejected without requeue, as TTSTask and the Consumer do
        message.reject(requeue=False)

    # then RabbitMQ routes it to the queue's dead-letter queue
    dead = wait_for(lambda: broker.drain(QUEUE + ".dlq"))
    assert [m.headers["id"] for m in dead] == [task_id]
    assert broker.drain(QUEUE) == []


@pytest.fixture
def worker(broker):
    """A real worker (the factory's Consumer, solo pool) consuming this run's ticket-status queue."""
    applied.clear()
    with start_worker(
        kernel_app,
        perform_ping_check=False,
        queues=[settings.TTS_QUEUE_PREFIX + QUEUE],
        shutdown_timeout=15,
        # The solo pool in the event loop leaves frames it has already read until a timer
        # fires (up to 10 s); the blocking loop drains them at once. Production uses prefork.
        use_eventloop=False,
    ) as running:
        yield running
        # a remote shutdown wakes the worker's event loop at once (it would otherwise idle up to 10 s)
        kernel_app.control.shutdown(destination=[running.hostname])


def test_worker_dead_letters_a_bad_payload_and_runs_a_good_one(broker, worker):
    # when a bad and then a good message are delivered
    bad = kernel_app.send_task(
        "kernel_tests.apply_status",
        args=[{**STATUS, "priority": "x", "status": "done"}],
        queue=settings.TTS_QUEUE_PREFIX + QUEUE,
    )
    kernel_app.send_task(
        "kernel_tests.apply_status",
        args=[{**STATUS, "ticket_number": "TX-GOOD"}],
        queue=settings.TTS_QUEUE_PREFIX + QUEUE,
    )

    # then the good one ran and the bad one is in the dead-letter queue, not lost or requeued
    assert wait_for(lambda: applied) == ["TX-GOOD"]
    dead = wait_for(lambda: broker.drain(QUEUE + ".dlq"))
    assert [m.headers["id"] for m in dead] == [bad.id]
    assert broker.drain(QUEUE) == []


def test_worker_dead_letters_an_undecodable_body(broker, worker):
    # when a body that is not JSON arrives
    publish_raw(b"{this is not json", QUEUE, content_type="application/json", content_encoding="utf-8")

    # then it is rejected into the dead-letter queue instead of acknowledged away
    dead = wait_for(lambda: broker.drain(QUEUE + ".dlq"))
    assert [m.body for m in dead] == ["{this is not json"]
    assert applied == []

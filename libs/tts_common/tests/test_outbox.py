"""The transactional outbox on real PostgreSQL and real RabbitMQ (this run's prefixed queues)."""

import io
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from tests.kernel_testapp.models import OutboxMessage
from tts_common import topology
from tts_common.outbox import outbox_enqueue, outbox_publish, outbox_sweep

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "tickets.tasks.update_ticket_status"
QUEUE = topology.TICKET_STATUS


def pending_row(**fields) -> OutboxMessage:
    return OutboxMessage.objects.create(
        task_name=TASK, queue=QUEUE, payload=fields.pop("payload", {"n": 0}), **fields
    )


def task_ids(messages) -> list[str]:
    return [m.headers["id"] for m in messages]


def test_enqueue_publishes_after_commit_with_the_row_id_as_task_id(broker):
    # given
    payload = {"schema_version": 1, "ticket_number": "TX-1", "status": "open"}

    # when
    with transaction.atomic():
        row = outbox_enqueue(OutboxMessage, task_name=TASK, payload=payload)
        before_commit = broker.drain(QUEUE)

    # then nothing was on the queue before the commit, and the message is there after it
    assert before_commit == []
    row.refresh_from_db()
    assert row.published_at is not None
    assert row.attempts == 0
    assert row.queue == QUEUE  # the logical name: the prefix is the deployment's
    [message] = broker.drain(QUEUE)
    assert message.headers["id"] == str(row.id)
    assert message.headers["task"] == TASK
    assert message.delivery_info["routing_key"] == settings.TTS_QUEUE_PREFIX + QUEUE
    assert message.properties["delivery_mode"] == 2  # persistent
    args, kwargs, _embed = message.decode()
    assert args == [payload] and kwargs == {}


def test_enqueue_in_a_savepoint_waits_for_the_outer_commit(broker):
    with transaction.atomic():
        with transaction.atomic():
            row = outbox_enqueue(OutboxMessage, task_name=TASK, payload={"n": 1})
        assert broker.drain(QUEUE) == []
        assert OutboxMessage.objects.get(id=row.id).published_at is None

    assert task_ids(broker.drain(QUEUE)) == [str(row.id)]


def test_rolled_back_transaction_publishes_nothing_and_leaves_no_row(broker):
    # when
    with pytest.raises(RuntimeError), transaction.atomic():
        row = outbox_enqueue(OutboxMessage, task_name=TASK, payload={"n": 1})
        raise RuntimeError("the state change failed")

    # then
    assert not OutboxMessage.objects.filter(id=row.id).exists()
    assert broker.drain(QUEUE) == []


def test_enqueue_refuses_a_task_with_no_route(broker):
    with pytest.raises(LookupError, match="no queue is routed"), transaction.atomic():
        outbox_enqueue(OutboxMessage, task_name="nobody.listens", payload={})

    assert OutboxMessage.objects.count() == 0


def test_unreachable_broker_leaves_the_row_pending_until_a_later_publish(broker, broker_down):
    # given the broker cannot be reached when the transaction commits
    with transaction.atomic():
        row = outbox_enqueue(OutboxMessage, task_name=TASK, payload={"n": 1})

    # then the commit stands and the row waits, with why
    row.refresh_from_db()
    assert row.published_at is None
    assert row.attempts == 1
    assert "refused" in row.last_error.lower()

    # when the broker is back and the outbox publishes again
    broker_down.restore()
    published = outbox_publish(OutboxMessage)

    # then the row goes out, once
    row.refresh_from_db()
    assert published == 1
    assert row.published_at is not None
    assert row.attempts == 1
    assert task_ids(broker.drain(QUEUE)) == [str(row.id)]


def test_each_failed_attempt_is_counted(broker, broker_down):
    row = pending_row()

    assert outbox_publish(OutboxMessage) == 0
    assert outbox_publish(OutboxMessage) == 0

    row.refresh_from_db()
    assert (row.attempts, row.published_at) == (2, None)


def test_sweep_republishes_only_rows_older_than_the_threshold(broker):
    # given
    now = timezone.now()
    stale = pending_row(created_at=now - timedelta(seconds=45))
    recent = pending_row(created_at=now - timedelta(seconds=15))
    already_sent = pending_row(created_at=now - timedelta(minutes=5), published_at=now - timedelta(minutes=5))

    # when
    with override_settings(OUTBOX_SWEEP_AFTER_SECONDS=30):
        swept = outbox_sweep(OutboxMessage)

    # then
    assert swept == 1
    assert task_ids(broker.drain(QUEUE)) == [str(stale.id)]
    recent.refresh_from_db()
    assert recent.published_at is None
    already_sent.refresh_from_db()
    assert already_sent.published_at == now - timedelta(minutes=5)


def test_the_registered_sweep_task_sweeps_the_configured_outbox_model(broker, celery_app):
    stale = pending_row(
        created_at=timezone.now() - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS + 5)
    )
    sweep_task = celery_app.tasks[topology.outbox_sweep_task("kernel")]

    assert sweep_task() == 1
    assert task_ids(broker.drain(QUEUE)) == [str(stale.id)]


def test_publish_can_be_limited_to_given_ids_and_sends_oldest_first(broker):
    now = timezone.now()
    first = pending_row(created_at=now - timedelta(seconds=3))
    second = pending_row(created_at=now - timedelta(seconds=2))
    third = pending_row(created_at=now - timedelta(seconds=1))

    assert outbox_publish(OutboxMessage, ids=[third.id, first.id]) == 2

    assert task_ids(broker.drain(QUEUE)) == [str(first.id), str(third.id)]
    assert OutboxMessage.objects.get(id=second.id).published_at is None


def test_publish_honours_the_limit(broker):
    for _ in range(3):
        pending_row()

    assert outbox_publish(OutboxMessage, limit=2) == 2
    assert OutboxMessage.objects.filter(published_at__isnull=True).count() == 1


def test_outbox_publish_command_publishes_every_pending_row(broker):
    rows = [pending_row(), pending_row()]
    out = io.StringIO()

    call_command("outbox_publish", stdout=out)

    assert out.getvalue().strip() == "published 2 message(s)"
    assert sorted(task_ids(broker.drain(QUEUE))) == sorted(str(r.id) for r in rows)


def test_concurrent_publishers_never_publish_the_same_row_twice(broker):
    # given many pending rows, committed
    rows = [pending_row(payload={"n": n}) for n in range(80)]
    start = threading.Barrier(2)
    counts, errors = [], []

    def publisher():
        try:
            start.wait(timeout=5)
            counts.append(outbox_publish(OutboxMessage))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    # when two publishers run at once, each on its own database connection
    threads = [threading.Thread(target=publisher) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then every row went out exactly once
    assert errors == []
    assert sum(counts) == len(rows)
    published = task_ids(broker.drain(QUEUE))
    assert len(published) == len(set(published)) == len(rows)
    assert set(published) == {str(r.id) for r in rows}
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()

"""outbox_batch() and publishing on a confirm channel, on real PostgreSQL and RabbitMQ:
the rows of a batch are inserted with one statement when the block ends and published
together after the commit (or never, if it rolls back); many rows go out in one publish,
each confirmed, and an unreachable broker leaves every one of them pending, counted."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.kernel_testapp.models import OutboxMessage
from tts_common import topology
from tts_common.outbox import outbox_batch, outbox_enqueue, outbox_publish

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "tickets.tasks.update_ticket_status"
QUEUE = topology.TICKET_STATUS


def enqueue(n: int) -> OutboxMessage:
    return outbox_enqueue(OutboxMessage, task_name=TASK, payload={"n": n})


def outbox_inserts(queries) -> list[str]:
    table = OutboxMessage._meta.db_table
    return [q["sql"] for q in queries if q["sql"].startswith(f'INSERT INTO "{table}"')]


def task_ids(messages) -> list[str]:
    return [m.headers["id"] for m in messages]


def test_rows_of_a_batch_are_inserted_with_one_statement_when_the_block_ends(broker):
    # when five rows are enqueued in a batch
    with transaction.atomic():
        with CaptureQueriesContext(connection) as inside, outbox_batch(OutboxMessage):
            rows = [enqueue(n) for n in range(5)]
            stored_inside = OutboxMessage.objects.count()
        stored_before_commit = OutboxMessage.objects.count()
        on_queue_before_commit = broker.drain(QUEUE)

    # then none was written until the block ended, then all five in one INSERT
    assert stored_inside == 0
    assert len(outbox_inserts(inside.captured_queries)) == 1
    assert stored_before_commit == 5
    # and nothing went out before the commit, all of them (in order) after it
    assert on_queue_before_commit == []
    messages = broker.drain(QUEUE)
    assert task_ids(messages) == [str(row.id) for row in rows]
    assert [m.decode()[0][0] for m in messages] == [{"n": n} for n in range(5)]
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()


def test_a_nested_batch_leaves_its_rows_to_the_outer_one(broker):
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries, outbox_batch(OutboxMessage):
            enqueue(1)
            with outbox_batch(OutboxMessage):
                enqueue(2)
            assert OutboxMessage.objects.count() == 0

    assert len(outbox_inserts(queries.captured_queries)) == 1
    assert len(broker.drain(QUEUE)) == 2


def test_a_block_that_raises_inserts_and_publishes_nothing(broker):
    # when
    with pytest.raises(RuntimeError), transaction.atomic(), outbox_batch(OutboxMessage):
        enqueue(1)
        raise RuntimeError("the state change failed")

    # then
    assert not OutboxMessage.objects.exists()
    assert broker.drain(QUEUE) == []
    # and the next enqueue, outside any batch, is not collected by the failed one
    with transaction.atomic():
        row = enqueue(2)
    assert task_ids(broker.drain(QUEUE)) == [str(row.id)]


def test_a_transaction_rolled_back_after_the_block_publishes_nothing(broker):
    with pytest.raises(RuntimeError), transaction.atomic():
        with outbox_batch(OutboxMessage):
            enqueue(1)
            enqueue(2)
        raise RuntimeError("a later write of the same transaction failed")

    assert not OutboxMessage.objects.exists()
    assert broker.drain(QUEUE) == []


def test_many_rows_published_in_one_call_are_all_confirmed_and_marked(broker):
    # given 300 pending rows
    rows = OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name=TASK, queue=QUEUE, payload={"n": n}) for n in range(300)
    )

    # when one publish takes them all (twice in a row: the confirm channel is reused)
    assert outbox_publish(OutboxMessage, limit=200) == 200
    assert outbox_publish(OutboxMessage, limit=200) == 100

    # then each is on the queue once and marked published
    published = task_ids(broker.drain(QUEUE))
    assert sorted(published) == sorted(str(row.id) for row in rows)
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {0}


def test_an_unreachable_broker_leaves_a_whole_batch_pending_with_the_attempt_counted(broker, broker_down):
    # given the broker cannot be reached when a batch commits
    with transaction.atomic(), outbox_batch(OutboxMessage):
        rows = [enqueue(n) for n in range(5)]

    # then the rows stay, each pending with one attempt and why
    pending = OutboxMessage.objects.order_by("created_at")
    assert [(r.published_at, r.attempts) for r in pending] == [(None, 1)] * 5
    assert all("refused" in r.last_error.lower() for r in pending)

    # when the broker is back and the outbox publishes again
    broker_down.restore()
    assert outbox_publish(OutboxMessage) == 5

    # then every row goes out once
    assert sorted(task_ids(broker.drain(QUEUE))) == sorted(str(r.id) for r in rows)
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()

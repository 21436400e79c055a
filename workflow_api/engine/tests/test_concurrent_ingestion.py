"""Four workers ingesting at once, each on its own PostgreSQL connection, share the
round-robin rotation without ever taking the same slot: every ticket gets one task and
the work is spread evenly."""

import threading
from collections import Counter

import pytest
from django.db import connection
from roles.tests.factories import RoleFactory, RoleUserFactory
from tickets.models import WorkflowTicket
from tickets.tasks import receive_ticket
from tickets.tests.factories import TicketSnapshotPayloadFactory
from workflows.tests.factories import single_step_graph, workflow_published

from engine.models import Task, TaskItem

WORKERS = 4
PER_WORKER = 50


@pytest.mark.django_db(transaction=True)
def test_four_workers_ingesting_200_tickets_share_the_rotation_evenly():
    # given a workflow whose only step's role has five holders (and no coordinators: picking
    # an owner takes the coordinators' rotation lock, which would serialise the workers)
    dispatch = RoleFactory(id=30, name="Dispatch")
    holders = RoleUserFactory.create_batch(5, role=dispatch)
    nodes, edges = single_step_graph(dispatch.id)
    workflow_published(nodes=nodes, edges=edges)
    batches = [TicketSnapshotPayloadFactory.build_batch(PER_WORKER) for _ in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)
    errors = []

    def worker(payloads):
        try:
            barrier.wait(timeout=10)
            for payload in payloads:
                receive_ticket.apply(args=[payload], throw=True)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=worker, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then every ticket runs exactly one task
    assert errors == []
    assert not any(thread.is_alive() for thread in threads)
    total = WORKERS * PER_WORKER
    assert WorkflowTicket.objects.count() == total
    assert Task.objects.count() == total
    assert Task.objects.values("ticket").distinct().count() == total

    # and one item each, spread evenly over the five holders
    items = list(TaskItem.objects.filter(role_id=dispatch.id))
    assert len(items) == total
    assert {i.status for i in items} == {TaskItem.Status.ASSIGNED}
    per_user = Counter(i.assignee_id for i in items)
    assert set(per_user) == {h.user_id for h in holders}
    assert max(per_user.values()) - min(per_user.values()) <= 1

    # and no two items took the same turn of the rotation
    assert sorted(i.rotation_slot for i in items) == list(range(1, total + 1))

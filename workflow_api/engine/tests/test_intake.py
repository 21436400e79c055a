"""``tickets_ingest``: a batch of snapshots gives exactly what ``ticket_ingest`` one by one
gives (tasks, owners and first items in rotation order, SLA due times, history, audit and
outbox rows), a ticket seen before creates nothing new, and a batch costs a fixed number
of queries whatever its size.

The one-by-one result is taken inside a savepoint that is then rolled back (rotation
counters included), so both paths start from the same state and are compared field by field.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from audit.models import AuditLog
from calendars.models import Calendar
from calendars.services import OFFICE, calendars_ensure_defaults
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from roles.tests.factories import RoleFactory, RoleUserFactory
from tickets.models import OutboxMessage, WorkflowTicket
from tickets.tests.factories import TicketSnapshotPayloadFactory
from workflows.tests.factories import edge, node, workflow_published

from engine.intake import HANDLER
from engine.models import Task, TaskItem, UserAvailability
from engine.services import ticket_ingest
from engine.tests.builders import NOTIFY, STATUS, diagnose_approve_graph
from tts_common.messages import TicketSnapshotSchema, parse

pytestmark = pytest.mark.django_db
TARGETS = {"high": {"first_response_minutes": 60, "resolution_minutes": 400}}


@pytest.fixture
def sla_workflow(team):
    """The engine's Diagnose → Approve workflow, with SLA targets on the office calendar."""
    calendars_ensure_defaults()
    nodes, edges = diagnose_approve_graph(team)
    return workflow_published(
        name="IT support",
        nodes=nodes,
        edges=edges,
        sla_targets=TARGETS,
        calendar=Calendar.objects.get(name=OFFICE),
    )


def batch_ingest(payloads: list[dict]) -> None:
    """As the batch consumer does: parse each payload, hand them over in one call."""
    HANDLER.handle([HANDLER.parse(payload) for payload in payloads])


class _Undo(Exception):
    pass


def one_by_one(payloads: list[dict]) -> dict:
    """The outcome of ``ticket_ingest`` for each payload in turn, then rolled back."""
    try:
        with transaction.atomic():
            for payload in payloads:
                ticket_ingest(snapshot=parse(TicketSnapshotSchema, payload), raw=payload)
            result = outcome(payloads)
            raise _Undo
    except _Undo:
        return result


def minutes(start: datetime | None, end: datetime | None) -> int | None:
    return None if start is None or end is None else round((end - start).total_seconds() / 60)


def columns(obj, *names: str) -> dict:
    return {name: getattr(obj, name) for name in names}


def outcome(payloads: list[dict]) -> dict[str, dict]:
    """Everything ingesting wrote about each ticket, without ids that differ between runs."""
    result = {}
    for number in dict.fromkeys(p["ticket_number"] for p in payloads):
        ticket = WorkflowTicket.objects.get(ticket_number=number)
        task = Task.objects.filter(ticket=ticket).first()
        items = list(TaskItem.objects.filter(task=task).order_by("id")) if task else []
        notes = [
            row.payload
            for row in OutboxMessage.objects.filter(task_name=NOTIFY)
            if row.payload["title"].startswith(number)
        ]
        for note in notes:  # the task's id stands in for itself
            note["link_is_task"] = task is not None and note.pop("link").endswith(f"/tasks/{task.pk}")
            note["data"] = {
                **note["data"],
                "task_id": task is not None and note["data"].get("task_id") == task.pk,
            }
            del note["event_id"]
        statuses = [
            (row.payload["status"], row.payload["assignee"], row.payload["sla_due_at"] is not None)
            for row in OutboxMessage.objects.filter(task_name=STATUS, payload__ticket_number=number)
        ]
        result[number] = {
            "ticket": columns(ticket, "status", "unassigned_reason", "subject", "data"),
            "task": task
            and {
                **columns(task, "workflow_id", "version_id", "current_step_id", "path", "status"),
                **columns(task, "owner_id", "owner_name"),
                "first_response_in": minutes(task.created_at, task.first_response_due_at),
                "resolution_in": minutes(task.created_at, task.target_resolution_at),
                "warning_in": minutes(task.created_at, task.resolution_warn_at),
            },
            "items": [
                {
                    **columns(item, "step_name", "role_id", "status", "reason", "rotation_slot"),
                    **columns(item, "assignee_id", "assignee_name", "assignee_email"),
                    "budget": item.budget_minutes and round(item.budget_minutes),
                    "due_in": minutes(item.assigned_at, item.target_at),
                    "warning_in": minutes(item.assigned_at, item.warn_at),
                    "history": list(item.history.order_by("id").values_list("event", "note")),
                }
                for item in items
            ],
            "audit": list(
                AuditLog.objects.filter(object_type="task", object_id=str(task.pk)).values_list(
                    "action", "new"
                )
            )
            if task
            else [],
            "notifications": sorted(json.dumps(n, sort_keys=True) for n in notes),
            "statuses": sorted(statuses, key=json.dumps),
        }
    return result


def assert_batch_matches_one_by_one(payloads: list[dict]) -> dict:
    expected = one_by_one(payloads)
    batch_ingest(payloads)
    assert outcome(payloads) == expected
    return expected


# --- a batch of new tickets ------------------------------------------------------------


def test_a_batch_of_new_tickets_gives_what_ingesting_them_one_by_one_gives(sla_workflow, team, ingest):
    # given the rotations have moved on already
    ingest()
    ingest()
    payloads = TicketSnapshotPayloadFactory.build_batch(4, priority="high") + [
        TicketSnapshotPayloadFactory(priority="low") for _ in range(3)
    ]

    # when / then
    result = assert_batch_matches_one_by_one(payloads)

    # and that outcome is the rotation continued, with SLA due times where the priority has targets
    tasks = [result[p["ticket_number"]]["task"] for p in payloads]
    items = [result[p["ticket_number"]]["items"][0] for p in payloads]
    assert [t["owner_id"] for t in tasks] == ["100", "101", "100", "101", "100", "101", "100"]
    assert [i["assignee_id"] for i in items] == [202, 200, 201, 202, 200, 201, 202]
    assert [i["rotation_slot"] for i in items] == [3, 4, 5, 6, 7, 8, 9]
    assert [t["resolution_in"] is not None for t in tasks] == [True] * 4 + [False] * 3
    assert [i["due_in"] is not None for i in items] == [True] * 4 + [False] * 3
    assert {result[p["ticket_number"]]["ticket"]["status"] for p in payloads} == {"open"}


def test_a_batch_writes_one_task_item_and_two_outbox_rows_per_ticket_published_only_after_commit(
    workflow, team, django_capture_on_commit_callbacks
):
    payloads = TicketSnapshotPayloadFactory.build_batch(5)

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch_ingest(payloads)

    # then
    assert Task.objects.filter(version=workflow.current_version).count() == 5
    assert TaskItem.objects.filter(status=TaskItem.Status.ASSIGNED).count() == 5
    assert AuditLog.objects.filter(action="task.started").count() == 5
    assert OutboxMessage.objects.filter(task_name=NOTIFY, payload__type="assignment").count() == 5
    assert OutboxMessage.objects.filter(task_name=STATUS, payload__status="open").count() == 5
    assert set(WorkflowTicket.objects.values_list("status", flat=True)) == {"open"}
    # the rows are written, their publishing waits for the commit
    assert callbacks
    assert not OutboxMessage.objects.filter(published_at__isnull=False).exists()


# --- tickets seen before ---------------------------------------------------------------


def test_a_ticket_already_known_creates_nothing_new(workflow, team):
    # given a ticket ingested, and one parked for want of a workflow
    known = TicketSnapshotPayloadFactory()
    parked = TicketSnapshotPayloadFactory(department="Legal", category="Contracts")
    batch_ingest([known, parked])
    counts = (
        Task.objects.count(),
        TaskItem.objects.count(),
        OutboxMessage.objects.count(),
        AuditLog.objects.count(),
    )

    # when the broker delivers both again
    batch_ingest([known, parked])

    # then
    assert (
        Task.objects.count(),
        TaskItem.objects.count(),
        OutboxMessage.objects.count(),
        AuditLog.objects.count(),
    ) == counts
    assert counts[:2] == (1, 1)


def test_the_same_ticket_twice_in_one_batch_gives_one_task(workflow, team):
    payload = TicketSnapshotPayloadFactory()

    batch_ingest([payload, payload, {**payload, "subject": "Edited subject"}])

    assert Task.objects.count() == 1
    assert TaskItem.objects.count() == 1
    assert OutboxMessage.objects.filter(task_name=NOTIFY).count() == 1
    assert WorkflowTicket.objects.get().subject == "Edited subject"


def test_a_batch_with_a_known_ticket_gives_what_one_by_one_gives(workflow, team, ingest):
    known = TicketSnapshotPayloadFactory()
    ingest(**known)

    assert_batch_matches_one_by_one(
        [TicketSnapshotPayloadFactory(), {**known, "priority": "urgent"}, TicketSnapshotPayloadFactory()]
    )


# --- what the fast path hands to the one-ticket path ------------------------------------


@pytest.fixture
def mixed(workflow, team):
    """Besides ``workflow`` (IT): a least-loaded one (Ops) and one whose role nobody can take (Lab)."""
    lab = RoleFactory(id=40, name="Lab")
    RoleUserFactory(role=lab, user_id=400, is_active=False)
    RoleUserFactory(role=lab, user_id=401)
    UserAvailability.objects.create(user_id=401, is_available=False)
    ops = RoleFactory(id=41, name="Ops")
    RoleUserFactory.create_batch(3, role=ops)
    workflow_published(
        name="Ops",
        department="Ops",
        category="Ops",
        nodes=[node("s", "Handle", ops.id, is_start=True, assignment_mode="least_loaded")],
        edges=[edge("e", "s", None, "Done")],
    )
    workflow_published(
        name="Lab",
        department="Lab",
        category="Lab",
        nodes=[node("s", "Test", lab.id, is_start=True)],
        edges=[edge("e", "s", None, "Done")],
    )


def test_a_mixed_batch_gives_what_one_by_one_gives(mixed, team):
    # given tickets for each workflow (each workflow's together), and one nothing matches
    payloads = [
        TicketSnapshotPayloadFactory(),
        TicketSnapshotPayloadFactory(),
        TicketSnapshotPayloadFactory(department="Legal", category="Contracts"),
        TicketSnapshotPayloadFactory(department="Lab", category="Lab"),
        TicketSnapshotPayloadFactory(department="Lab", category="Lab"),
        TicketSnapshotPayloadFactory(department="Ops", category="Ops"),
        TicketSnapshotPayloadFactory(department="Ops", category="Ops"),
    ]

    # when / then
    result = assert_batch_matches_one_by_one(payloads)

    # and: the unmatched ticket is parked with the admin told once, Lab's tickets wait with
    # the admin told, Ops' go to the least loaded
    parked, lab, ops = result[payloads[2]["ticket_number"]], payloads[3:5], payloads[5:]
    assert parked["task"] is None and "No workflow matches" in parked["ticket"]["unassigned_reason"]
    assert [json.loads(n)["type"] for n in parked["notifications"]] == ["unassigned"]
    for p in lab:
        [item] = result[p["ticket_number"]]["items"]
        assert (item["status"], item["assignee_id"]) == ("waiting", None)
        assert [json.loads(n)["type"] for n in result[p["ticket_number"]]["notifications"]] == ["unassigned"]
    assert [result[p["ticket_number"]]["items"][0]["reason"] for p in ops] == ["least_loaded"] * 2


def test_a_batch_costs_the_same_few_queries_for_10_and_for_50_tickets(sla_workflow, team):
    batch_ingest(TicketSnapshotPayloadFactory.build_batch(3, priority="high"))  # warm caches
    counts = []
    for size in (10, 50):
        payloads = TicketSnapshotPayloadFactory.build_batch(size, priority="high")
        with CaptureQueriesContext(connection) as queries:
            batch_ingest(payloads)
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1] <= 25
    assert Task.objects.count() == 63

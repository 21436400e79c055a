"""Ticket intake in batches: TICKET_TASKS_PRODUCTION is consumed by tts_common.batching,
which hands this module up to BATCH_SIZE snapshots at a time.

A batch is one transaction of a few statements, whatever its size: the new tickets are
inserted together, matched once per (department, category, subcategory, priority), get
their owners and first assignees from one rotation step per role, and their tasks, items,
history, audit rows and outbox messages are inserted together. What the fast path does
not cover (a ticket seen before, a redelivery, a step in least-loaded mode, a role with
nobody available, no matching workflow) goes through ``ticket_ingest``, the one-ticket
path, in the same transaction; either way each ticket gets what ingesting it alone gives
it. One difference: a batch hands out rotation turns workflow by workflow, so when two
workflows share a role, which of their tickets gets which turn follows the batch's grouping
rather than the order of arrival (batches worked on side by side never promised an order).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from audit.models import AuditLog
from audit.services import audit_entry
from calendars.selectors import schedule_of
from django.db import connection, transaction
from django.utils import timezone
from roles.models import Role
from tickets.models import OutboxMessage, WorkflowTicket
from tickets.services import snapshot_fields, ticket_status_publish
from workflows.models import Workflow
from workflows.services import workflow_match

from engine import sla
from engine.assignment import eligible_users, round_robin_picks
from engine.models import Task, TaskItem, TaskItemHistory
from engine.services import COORDINATOR_ROLE, notify_assignee, task_start, ticket_ingest, ticket_park_new
from tts_common.batching import BatchHandler
from tts_common.messages import TicketSnapshotSchema, parse
from tts_common.outbox import outbox_batch

Message = tuple[dict[str, Any], dict[str, Any]]  # (validated snapshot, raw payload)


def _parse(payload: Any) -> Message:
    return parse(TicketSnapshotSchema, payload), payload


@transaction.atomic
def tickets_ingest(messages: list[Message]) -> None:
    """Ingest ``messages`` (in order) in one transaction."""
    with outbox_batch(OutboxMessage):
        fresh, again = _insert_new(messages)
        by_workflow: dict[Workflow, list[WorkflowTicket]] = defaultdict(list)
        matched: dict[tuple[str, ...], Workflow | None] = {}
        parked = []
        for ticket in fresh:
            key = (
                ticket.department.lower(),
                ticket.category.lower(),
                ticket.subcategory.lower(),
                ticket.priority,
            )
            if key not in matched:
                matched[key] = workflow_match(
                    department=ticket.department,
                    category=ticket.category,
                    subcategory=ticket.subcategory,
                    priority=ticket.priority,
                )
            if matched[key] is None:
                parked.append(ticket)
            else:
                by_workflow[matched[key]].append(ticket)
        for workflow, tickets in by_workflow.items():
            _start_tasks(workflow, tickets)
        for ticket in parked:
            ticket_park_new(ticket=ticket)
        for snapshot, raw in again:
            ticket_ingest(snapshot=snapshot, raw=raw)


def _insert_new(messages: list[Message]) -> tuple[list[WorkflowTicket], list[Message]]:
    """Insert the tickets never seen before in one statement; the rest (seen before, a
    second message for one ticket in this batch, or one a concurrent batch inserted first:
    ON CONFLICT waits for that batch and skips the row) go to the one-ticket path."""
    numbers = [snapshot["ticket_number"] for snapshot, _ in messages]
    seen = set(
        WorkflowTicket.objects.filter(ticket_number__in=numbers).values_list("ticket_number", flat=True)
    )
    candidates: dict[str, tuple[Message, WorkflowTicket]] = {}
    again = []
    now = timezone.now()
    for snapshot, raw in messages:
        number = snapshot["ticket_number"]
        if number in seen or number in candidates:
            again.append((snapshot, raw))
        else:
            ticket = WorkflowTicket(
                ticket_number=number,
                received_at=now,
                updated_at=now,
                **snapshot_fields(snapshot=snapshot, raw=raw),
            )
            candidates[number] = ((snapshot, raw), ticket)
    if not candidates:
        return [], again
    # INSERT ... ON CONFLICT DO NOTHING RETURNING (PostgreSQL, and SQLite in the embedded mode)
    columns = [f for f in WorkflowTicket._meta.concrete_fields if not f.primary_key]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sql = (
        f"INSERT INTO {WorkflowTicket._meta.db_table} ({', '.join(f.column for f in columns)}) "
        f"VALUES {', '.join([row] * len(candidates))} "
        "ON CONFLICT (ticket_number) DO NOTHING RETURNING id, ticket_number"
    )
    params = [
        f.get_db_prep_save(getattr(ticket, f.attname), connection)
        for _, ticket in candidates.values()
        for f in columns
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        inserted = {number: pk for pk, number in cursor.fetchall()}
    fresh = []
    for number, (message, ticket) in candidates.items():
        if number in inserted:
            ticket.id = inserted[number]
            ticket._state.adding = False
            fresh.append(ticket)
        else:
            again.append(message)
    return fresh, again


def _start_tasks(workflow: Workflow, tickets: list[WorkflowTicket]) -> None:
    """``task_start`` for many tickets on one workflow: the same rows, inserted together."""
    version = workflow.current_version
    start = version.start_step()
    if start.get("assignment_mode", "round_robin") != "round_robin" or not eligible_users(
        role_id=start["role_id"]
    ):
        for ticket in tickets:  # least-loaded, or nobody available: the one-ticket path decides
            task_start(ticket=ticket, workflow=workflow)
        return
    # owners first, then assignees: the rotation rows are locked in task_start's order
    coordinator = Role.objects.filter(system="tts", name=COORDINATOR_ROLE, is_deleted=False).first()
    owners = round_robin_picks(role_id=coordinator.id, count=len(tickets)) if coordinator else []
    assignees = round_robin_picks(role_id=start["role_id"], count=len(tickets))
    now = timezone.now()
    schedule = schedule_of(workflow.calendar)
    tasks = []
    for n, ticket in enumerate(tickets):
        owner = owners[n].user if owners else None
        task = Task(
            ticket=ticket,
            workflow=workflow,
            version=version,
            current_step_id=str(start["id"]),
            path=[str(start["id"])],
            owner_id=str(owner.user_id) if owner else "",
            owner_name=owner.name if owner else "",
        )
        sla.task_sla_start(task, now=now, schedule=schedule)
        tasks.append(task)
    Task.objects.bulk_create(tasks)
    items = []
    for task, pick in zip(tasks, assignees, strict=True):
        item = TaskItem(
            task=task,
            step_id=str(start["id"]),
            step_name=start["name"],
            role_id=start["role_id"],
            assignee_id=pick.user.user_id,
            assignee_name=pick.user.name,
            assignee_email=pick.user.email,
            status=TaskItem.Status.ASSIGNED,
            reason=pick.reason,
            rotation_slot=pick.slot,
            assigned_at=now,
            **TaskItem.sort_keys(task),
        )
        sla.item_sla_start(task, item, now=now, schedule=schedule)
        items.append(item)
    TaskItem.objects.bulk_create(items)
    TaskItemHistory.objects.bulk_create(
        TaskItemHistory(item=item, event="assigned", note=f"reason: {item.reason}") for item in items
    )
    WorkflowTicket.objects.filter(pk__in=[t.pk for t in tickets]).update(status="open")
    for task, item in zip(tasks, items, strict=True):
        notify_assignee(task, item)
        task.ticket.status = "open"
        ticket_status_publish(
            ticket=task.ticket,
            status="open",
            assignee={"id": str(item.assignee_id), "name": item.assignee_name},
            sla_due_at=task.target_resolution_at,
        )
    AuditLog.objects.bulk_create(
        audit_entry(
            actor=None,
            action="task.started",
            obj=task,
            new={"workflow": workflow.pk, "version": version.number},
        )
        for task in tasks
    )


HANDLER = BatchHandler(task_name="tickets.tasks.receive_ticket", parse=_parse, handle=tickets_ingest)

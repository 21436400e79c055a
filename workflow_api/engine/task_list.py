"""GET /api/v1/tasks/ in SQL written for it: the list agents open all day.

Built with the ORM and rendered by TaskSerializer, a page of my tasks cost about 7 ms of
Python per request (building and compiling the query and its count, model instances for
four tables, DRF's fields), against 0.4 ms for the same two statements and rows here
(docs/performance.md). The scopes are engine.selectors.task_list_for's; the filters,
search and ordering answer as the django-filter FilterSet, DRF's SearchFilter and
OrderingFilter that served this list until December 2026 did (the same values, the same
400s), and the rows are TaskSerializer's (engine/tests/test_task_list.py holds the two to
each other and to the ORM's order).

The SQL is plain enough for the embedded mode's SQLite too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from calendars.models import Calendar
from calendars.selectors import schedule_of, schedules_load
from django.db import connection
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied, ValidationError
from workflows.selectors import version_outlines

from engine.models import Task, TaskItem
from engine.sla import sla_reading
from tts_common.filters import priority_rank_sql
from tts_common.pagination import estimated_count
from tts_common.prepared import execute_prepared
from tts_common.rows import (
    api_datetime,
    invalid_choice,
    ordering_sql,
    refuse_null_characters,
    search_sql,
    utc,
)

SCOPES = ("mine", "involved", "all")
PRIORITIES = ("low", "medium", "high", "urgent")
RANK = priority_rank_sql("k.priority")
ORDERINGS = {
    "created_at": "t.created_at",
    "updated_at": "t.updated_at",
    "target_resolution_at": "t.target_resolution_at",
    "priority_rank": RANK,
}
# due first, the most urgent first among equals, then the oldest
DEFAULT_ORDERING = ("target_resolution_at", "-priority_rank", "created_at")
LAST = "t.id ASC"  # ties broken by the id: pages never overlap
DEFAULT_ORDER_BY = ordering_sql("", ORDERINGS, DEFAULT_ORDERING, LAST)
# The same order read off the user's held items, which carry their task's sort keys
# (TaskItem.sort_keys) in the index item_assignee_open: a page reads its own entries, not
# all of an agent's open tasks. DISTINCT: a user holding two items of one task lists it
# once (the two have the same keys, so they are neighbours in this order).
ITEM_KEYS = "task_due_at, task_rank, task_created_at, task_id"
ITEM_ORDER_BY = "{0}task_due_at ASC, {0}task_rank DESC, {0}task_created_at ASC, {0}task_id ASC"
HOLDING = (TaskItem.Status.ASSIGNED.value, TaskItem.Status.IN_PROGRESS.value)
# The user's items at current steps. The statuses are written into the SQL, not passed:
# a statement prepared once (tts_common.prepared) can then use the partial index
# item_assignee_open in the plan it keeps for every user (with them as parameters, that
# plan read every item, 30 ms a page).
HELD = "i.assignee_id = %s AND i.status IN ({})".format(", ".join(f"'{status}'" for status in HOLDING))

COLUMNS = (
    "t.id, t.workflow_id, t.version_id, t.current_step_id, t.status, t.outcome, t.owner_id,"
    " t.owner_name, t.created_at, t.updated_at, t.completed_at, t.first_response_at,"
    " t.first_response_due_at, t.target_resolution_at, t.resolution_target_minutes,"
    " k.ticket_number, k.subject, k.priority, k.department, k.category,"
    " w.name, c.id, c.updated_at, c.time_zone"
)
WITH_TICKETS = "engine_task t JOIN tickets_workflowticket k ON k.id = t.ticket_id"
# The page's rows, for the ids a first step picked (the whole rows of the page only).
PAGE_JOINS = (
    " JOIN tickets_workflowticket k ON k.id = t.ticket_id"
    " JOIN workflows_workflow w ON w.id = t.workflow_id"
    " LEFT JOIN calendars_calendar c ON c.id = w.calendar_id"
)


@dataclass(frozen=True)
class TaskQuery:
    """What a request asks of the list, checked: ``where`` and ``params`` select the
    tasks, ``order_by`` sorts them, ``reads_tickets`` says whether selecting needs the
    tickets' columns (counting my tasks does not), ``held_only`` that the tasks are
    those whose current step the user holds, nothing narrowing them further."""

    where: str
    params: tuple
    order_by: str
    reads_tickets: bool
    held_only: bool = False


def task_query(user, params) -> TaskQuery:
    """The list's query from its query parameters: a 400 for a value it cannot take, a
    403 for every task unless the user is an admin."""
    refuse_null_characters(params)
    scope = params.get("scope") or "mine"
    if scope not in SCOPES:
        raise ValidationError({"scope": ["Use mine, involved or all."]})
    if scope == "all" and not user.is_admin():
        raise PermissionDenied("Only admins may list every task.")
    uid = int(user.id) if str(user.id).isdigit() else -1
    where: list[str] = []
    values: list[Any] = []
    if scope == "mine":
        where.append(f"EXISTS (SELECT 1 FROM engine_taskitem i WHERE i.task_id = t.id AND {HELD})")
        values.append(uid)
    elif scope == "involved":
        where.append(
            "(EXISTS (SELECT 1 FROM engine_taskitem i WHERE i.task_id = t.id AND i.assignee_id = %s)"
            " OR t.owner_id = %s)"
        )
        values += [uid, str(uid)]

    errors: dict[str, list[str]] = {}
    reads_tickets = False
    for name, column, choices in (
        ("status", "t.status", Task.Status.values),
        ("priority", "k.priority", PRIORITIES),
        ("department", "k.department", None),
        ("workflow", "t.workflow_id", None),
    ):
        value = params.get(name)
        if not value:
            continue
        if choices is not None and value not in choices:
            errors[name] = invalid_choice(value)
            continue
        if name == "workflow":
            if not value.isdigit() or len(value) > 18:
                errors[name] = ["Enter a whole number (a workflow's id)."]
                continue
            value = int(value)
        where.append(f"{column} = %s")
        values.append(value)
        reads_tickets |= column.startswith("k.")
    if errors:
        raise ValidationError(errors)

    searched, terms = search_sql(params.get("search", ""), ("k.ticket_number", "k.subject"))
    where += searched
    values += terms
    reads_tickets |= bool(searched)

    return TaskQuery(
        where=" AND ".join(where) or "TRUE",
        params=tuple(values),
        order_by=ordering_sql(params.get("ordering", ""), ORDERINGS, DEFAULT_ORDERING, LAST),
        reads_tickets=reads_tickets,
        held_only=scope == "mine" and len(where) == 1,
    )


class TaskRows:
    """The tasks a query selects, counted and read a page at a time (for the kernel's
    paginator, tts_common.pagination.CountsItself)."""

    def __init__(self, query: TaskQuery):
        self.query = query

    def _from(self) -> str:
        return WITH_TICKETS if self.query.reads_tickets else "engine_task t"

    def count_upto(self, cap: int) -> int:
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {self._from()} WHERE {self.query.where} LIMIT %s) s"
        if self.query.held_only:  # the items alone: one task per held item, no task read
            sql = f"SELECT COUNT(*) FROM (SELECT DISTINCT i.task_id FROM engine_taskitem i WHERE {HELD} LIMIT %s) s"
        with connection.cursor() as cursor:
            execute_prepared(cursor, sql, [*self.query.params, cap + 1])
            return cursor.fetchone()[0]

    def estimated_count(self) -> int:
        return estimated_count(
            connection, f"SELECT 1 FROM {self._from()} WHERE {self.query.where}", self.query.params
        )

    def page_sql(self, page: slice) -> tuple[str, list]:
        """The page's ids, sorted on the sort keys alone, then the page's whole rows."""
        where, order_by = self.query.where, self.query.order_by
        if self.query.held_only and order_by == DEFAULT_ORDER_BY:  # the items' copy of the keys
            sql = (
                f"SELECT {COLUMNS} FROM (SELECT DISTINCT {ITEM_KEYS} FROM engine_taskitem i WHERE {HELD}"
                f" ORDER BY {ITEM_ORDER_BY.format('i.')} LIMIT %s OFFSET %s) p"
                f" JOIN engine_task t ON t.id = p.task_id{PAGE_JOINS} ORDER BY {ITEM_ORDER_BY.format('p.')}"
            )
        else:  # indexes task_sort_keys and ticket_priority_key hold the keys: no whole row is read
            sql = (
                f"SELECT {COLUMNS} FROM (SELECT t.id FROM {WITH_TICKETS} WHERE {where}"
                f" ORDER BY {order_by} LIMIT %s OFFSET %s) p"
                f" JOIN engine_task t ON t.id = p.id{PAGE_JOINS} ORDER BY {order_by}"
            )
        return sql, [*self.query.params, page.stop - page.start, page.start]

    def __getitem__(self, page: slice) -> list[tuple]:
        with connection.cursor() as cursor:  # planned once per connection: planning cost more than running
            execute_prepared(cursor, *self.page_sql(page))
            return cursor.fetchall()


def task_list_render(rows: list[tuple], *, now: datetime | None = None) -> list[dict[str, Any]]:
    """A page's rows as TaskSerializer renders tasks (its JSON, field for field)."""
    now = now or timezone.now()
    outlines = version_outlines({row[2] for row in rows})
    calendars: dict[int | None, Calendar | None] = {None: None}
    for row in rows:
        if row[21] not in calendars:
            calendars[row[21]] = Calendar(id=row[21], updated_at=utc(row[22]), time_zone=row[23])
    schedules_load(calendars.values())
    rendered = []
    for (
        pk,
        workflow_id,
        version_id,
        step_id,
        status,
        outcome,
        owner_id,
        owner_name,
        created_at,
        updated_at,
        completed_at,
        first_response_at,
        first_response_due_at,
        target_resolution_at,
        resolution_target_minutes,
        number,
        subject,
        priority,
        department,
        category,
        workflow_name,
        calendar_id,
        _calendar_saved,
        _time_zone,
    ) in rows:
        outline = outlines[version_id]
        due = utc(target_resolution_at)
        sla = sla_reading(
            due=due,
            budget=resolution_target_minutes,
            on_hold=status == Task.Status.ON_HOLD,
            schedule=None if due is None else schedule_of(calendars[calendar_id]),
            now=now,
        )
        rendered.append(
            {
                "id": pk,
                "ticket": {
                    "number": number,
                    "subject": subject,
                    "priority": priority,
                    "department": department,
                    "category": category,
                },
                "workflow": {"id": workflow_id, "name": workflow_name, "version": outline.number},
                "current_step": outline.steps.get(step_id) if step_id else None,
                "status": status,
                "outcome": outcome,
                "owner_id": owner_id,
                "owner_name": owner_name,
                "created_at": api_datetime(created_at),
                "updated_at": api_datetime(updated_at),
                "completed_at": api_datetime(completed_at),
                "first_response_at": api_datetime(first_response_at),
                "first_response_due_at": api_datetime(first_response_due_at),
                "target_resolution_at": api_datetime(due),
                "sla": {**sla, "due_at": api_datetime(sla["due_at"])},
            }
        )
    return rendered

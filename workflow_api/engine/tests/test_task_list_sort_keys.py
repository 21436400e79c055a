"""My tasks in their default order (due first, the most urgent first among equals, then the
oldest) are read off the held items, which carry their task's sort keys
(TaskItem.sort_keys): every open item keeps them equal to its task's through the task's
life, and the list gives the order the ORM gives from the tasks themselves."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone
from roles.models import RoleUser
from tickets.models import WorkflowTicket
from tickets.tests.factories import TicketSnapshotPayloadFactory
from workflows.tests.factories import workflow_published

from engine.intake import HANDLER
from engine.models import Task, TaskItem
from engine.services import task_priority_changed
from engine.task_list import TaskRows, task_query
from engine.tests.builders import action_id, diagnose_approve_graph
from tts_common.authentication import TokenUser
from tts_common.filters import priority_rank

pytestmark = pytest.mark.django_db

TASKS = "/api/v1/tasks/"
# low and medium have no target: their tasks have no due time, come after every task that
# has one, and among themselves the most urgent first
TARGETS = {"high": {"resolution_minutes": 480}, "urgent": {"resolution_minutes": 120}}


@pytest.fixture
def lived(team, ingest, admin_client, holder, monkeypatch):
    """Tasks that went through what moves their sort keys: started one by one and in a
    batch, a priority raised and one lowered, held and resumed an hour later, moved on to
    their next step."""
    nodes, edges = diagnose_approve_graph(team)
    workflow_published(name="Keyed", nodes=nodes, edges=edges, sla_targets=TARGETS)
    tickets = [ingest(priority=p) for p in ("low", "medium", "high", "urgent", "high", "low")]
    batch = [TicketSnapshotPayloadFactory(priority=p) for p in ("urgent", "medium", "low")]
    HANDLER.handle([HANDLER.parse(payload) for payload in batch])
    tickets += [WorkflowTicket.objects.get(ticket_number=p["ticket_number"]) for p in batch]
    tasks = [Task.objects.get(ticket=t) for t in tickets]

    for ticket, priority in ((tickets[0], "urgent"), (tickets[3], "medium")):
        ticket.priority = priority
        ticket.save()
        task_priority_changed(ticket=ticket)
    for task in tasks[4:6]:
        assert (
            admin_client.post(f"{TASKS}{task.pk}/hold/", {"reason": "parts"}, format="json").status_code
            == 200
        )
    later = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert admin_client.post(f"{TASKS}{tasks[4].pk}/resume/", {}, format="json").status_code == 200
    for task in tasks[6:8]:
        _, agent = holder(task)
        accepted = {"action_id": action_id(agent, task, "Accept"), "comment": "ok"}
        assert agent.post(f"{TASKS}{task.pk}/action/", accepted, format="json").status_code == 200
    return tasks


def test_every_open_item_carries_its_tasks_sort_keys(lived):
    items = TaskItem.objects.filter(status__in=TaskItem.OPEN).select_related("task__ticket")

    assert len(items) == len(lived)  # one open item each: nothing was missed
    for item in items:
        assert {k: getattr(item, k) for k in TaskItem.SORT_KEYS} == TaskItem.sort_keys(item.task), item
    # and the keys vary: due times with and without, every rank
    assert {item.task_due_at is None for item in items} == {True, False}
    assert {item.task_rank for item in items} == {1, 2, 3, 4}


@pytest.fixture
def mine(lived, team):
    """Every open item held by one agent, who holds two items of one task."""
    agent = team.agents[0]
    TaskItem.objects.filter(status__in=TaskItem.OPEN).update(assignee_id=agent.user_id, status="in_progress")
    twice = TaskItem.objects.filter(task=lived[2]).get()
    twice.pk = None
    twice.save()
    return agent


def orm_order(agent: RoleUser) -> list[int]:
    held = Task.objects.filter(
        items__assignee_id=agent.user_id, items__status__in=["assigned", "in_progress"]
    )
    by = [F("target_resolution_at").asc(), priority_rank("ticket__priority").desc(), "created_at", "id"]
    return list(held.distinct().order_by(*by).values_list("id", flat=True))


@pytest.mark.parametrize("page_size", [100, 3])
def test_my_tasks_come_in_the_orms_order_of_the_tasks_i_hold(mine, client_for, page_size):
    agent = client_for(mine)
    listed, page = [], 1
    while True:
        response = agent.get(TASKS, {"page_size": page_size, "page": page})
        if response.status_code == 404:
            break
        body = response.json()
        assert body["count"] == 9
        listed += [t["id"] for t in body["results"]]
        page += 1

    assert listed == orm_order(mine)
    assert len(listed) == 9  # the task held twice, once


def test_a_page_of_my_tasks_reads_its_own_entries_of_the_held_items_index(mine):
    assert connection.vendor == "postgresql"
    user = TokenUser(id=str(mine.user_id), email=mine.email, name=mine.name)
    sql, values = TaskRows(task_query(user, {})).page_sql(slice(0, 3))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # ends with the test's transaction
        cursor.execute(f"EXPLAIN {sql}", values)
        plan = "\n".join(line for (line,) in cursor.fetchall())

    # the page's entries come in order from the index: no sort of the agent's items
    assert "using item_assignee_open" in plan, plan
    assert "Sort Key: i." not in plan, plan


def test_an_operator_editing_a_due_time_or_a_priority_in_the_admin_reorders_my_tasks(lived, rf):
    # Django admin saves the model itself: its saves keep the items' copies too
    from types import SimpleNamespace

    from django.contrib import admin

    request = rf.post("/admin/")
    task = lived[1]
    task.target_resolution_at = timezone.now() + timedelta(days=9)
    admin.site.get_model_admin(Task).save_model(request, task, SimpleNamespace(changed_data=[]), True)
    ticket = lived[2].ticket
    ticket.priority = "urgent"
    admin.site.get_model_admin(WorkflowTicket).save_model(
        request, ticket, SimpleNamespace(changed_data=["priority"]), True
    )

    for item in TaskItem.objects.filter(task__in=[lived[1], lived[2]], status__in=TaskItem.OPEN):
        assert {k: getattr(item, k) for k in TaskItem.SORT_KEYS} == TaskItem.sort_keys(
            Task.objects.get(pk=item.task_id)
        )
    assert TaskItem.objects.get(task=lived[2], status__in=TaskItem.OPEN).task_rank == 4
    assert set(TaskItem.SORT_KEYS) <= set(admin.site.get_model_admin(TaskItem).readonly_fields)

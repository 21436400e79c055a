"""A ticket runs through a published workflow end to end."""

import pytest
from roles.models import Role, RoleUser
from tickets.models import OutboxMessage
from tickets.tasks import receive_ticket
from tickets.tests.factories import TicketSnapshotPayloadFactory
from workflows.models import Workflow
from workflows.services import workflow_graph_save, workflow_publish

from engine.models import Task, TaskItem
from tts_common.authentication import TokenUser

pytestmark = pytest.mark.django_db
ADMIN = TokenUser(id="1", email="admin@example.com", name="Admin", roles=["tts:Admin"])


@pytest.fixture
def roles():
    coordinator = Role.objects.create(id=10, system="tts", name="Ticket Coordinator", version=1)
    support = Role.objects.create(id=11, system="tts", name="IT Support", version=1)
    for user_id in (100, 101):
        RoleUser.objects.create(
            role=coordinator, user_id=user_id, email=f"c{user_id}@example.com", name=f"C{user_id}", version=1
        )
    for user_id in (200, 201, 202):
        RoleUser.objects.create(
            role=support, user_id=user_id, email=f"s{user_id}@example.com", name=f"S{user_id}", version=1
        )
    return coordinator, support


@pytest.fixture
def workflow(roles):
    coordinator, support = roles
    workflow = Workflow.objects.create(name="IT", department="IT", category="Hardware")
    workflow_graph_save(
        workflow=workflow,
        nodes=[
            {"id": "a", "name": "Triage", "role_id": coordinator.id, "is_start": True},
            {"id": "b", "name": "Resolve", "role_id": support.id},
        ],
        edges=[
            {"from": "a", "to": "b", "label": "Accept"},
            {"from": "b", "to": None, "label": "Resolve", "end_status": "resolved"},
        ],
        actor=ADMIN,
    )
    workflow_publish(workflow=workflow, actor=ADMIN)
    return workflow


def test_a_ticket_is_assigned_acted_on_twice_and_completed(workflow, client_as):
    # given a ticket that matches the workflow
    receive_ticket.apply(
        args=[TicketSnapshotPayloadFactory(department="IT", category="Hardware")], throw=True
    )
    task = Task.objects.get()
    first = task.items.get()
    assert first.status == TaskItem.Status.ASSIGNED and first.assignee_id in (100, 101)
    assert task.owner_id in ("100", "101")
    assert OutboxMessage.objects.filter(task_name="tickets.tasks.update_ticket_status").count() == 1

    # when the assignee accepts
    holder = client_as(user_id=str(first.assignee_id), roles=["tts:Ticket Coordinator"])
    actions = holder.get(f"/api/v1/tasks/{task.pk}/available-actions/").json()
    accept = next(a for a in actions if a["label"] == "Accept")
    moved = holder.post(
        f"/api/v1/tasks/{task.pk}/action/", {"action_id": accept["id"], "comment": "ok"}, format="json"
    )

    # then the next step goes to a support agent
    assert moved.status_code == 200, moved.content
    assert moved.json()["status"] == "transitioned"
    second = moved.json()["next_step"]["assigned_to"]
    assert second["id"] in (200, 201, 202)

    # and a second click of the first holder is a conflict
    again = holder.post(
        f"/api/v1/tasks/{task.pk}/action/", {"action_id": accept["id"], "comment": "ok"}, format="json"
    )
    assert again.status_code == 409

    # when the agent resolves
    agent = client_as(user_id=str(second["id"]), roles=["tts:IT Support"])
    resolve = next(
        a for a in agent.get(f"/api/v1/tasks/{task.pk}/available-actions/").json() if a["label"] == "Resolve"
    )
    done = agent.post(
        f"/api/v1/tasks/{task.pk}/action/", {"action_id": resolve["id"], "comment": "fixed"}, format="json"
    )

    # then the task is complete and ticket_service hears "resolved"
    assert done.json() == {"status": "completed", "outcome": "resolved", "next_step": None}
    task.refresh_from_db()
    assert task.status == "completed"
    statuses = [
        m.payload["status"]
        for m in OutboxMessage.objects.filter(task_name="tickets.tasks.update_ticket_status").order_by(
            "created_at"
        )
    ]
    assert statuses == ["open", "in_progress", "resolved"]

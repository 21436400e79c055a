"""Helpers the engine tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

from roles.models import Role, RoleUser
from tickets.models import OutboxMessage
from workflows.tests.factories import edge, node

from engine.models import Task

NOTIFY = "notifications.tasks.send_notification"
STATUS = "tickets.tasks.update_ticket_status"


@dataclass
class Team:
    admin_role: Role
    coordinator_role: Role
    support_role: Role
    supervisor_role: Role
    admin: RoleUser
    coordinators: list[RoleUser]
    agents: list[RoleUser]
    supervisors: list[RoleUser]


def diagnose_approve_graph(team: Team) -> tuple[list[dict], list[dict]]:
    nodes = [
        node(
            "d",
            "Diagnose",
            team.support_role.id,
            is_start=True,
            escalate_to_role_id=team.supervisor_role.id,
            instructions="Find out what is wrong.",
        ),
        node("a", "Approve", team.supervisor_role.id),
    ]
    edges = [
        edge("accept", "d", "a", "Accept"),
        edge("reject", "d", None, "Reject", end_status="rejected"),
        edge("approve", "a", None, "Approve", end_status="resolved"),
        edge("back", "a", "d", "Send back"),
    ]
    return nodes, edges


def action_id(client, task: Task, label: str) -> str:
    actions = client.get(f"/api/v1/tasks/{task.pk}/available-actions/").json()
    return next(a["id"] for a in actions if a["label"] == label)


def outbox(task_name: str) -> list[dict]:
    """Payloads of the outbox rows for ``task_name``, oldest first."""
    return [m.payload for m in OutboxMessage.objects.filter(task_name=task_name).order_by("created_at", "id")]

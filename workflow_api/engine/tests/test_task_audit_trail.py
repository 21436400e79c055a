"""Every change to a task leaves an audit row an admin can find by the task's id."""

import pytest

from engine.tests.builders import action_id

pytestmark = pytest.mark.django_db


def test_each_action_on_a_task_is_in_its_audit_trail(task, holder, admin_client, client_for, team):
    # given the holder starts, holds, resumes and transfers; the colleague escalates; a supervisor acts
    _, agent = holder(task)
    base = f"/api/v1/tasks/{task.pk}/"
    agent.post(f"{base}start/")
    agent.post(f"{base}hold/", {"reason": "parts"}, format="json")
    agent.post(f"{base}resume/", {}, format="json")
    agent.post(f"{base}transfer/", {"user_id": 201, "reason": "shift ends"}, format="json")
    client_for(team.agents[1]).post(f"{base}escalate/", {"reason": "needs approval"}, format="json")
    supervisor = client_for(team.supervisors[0])
    supervisor.post(
        f"{base}action/", {"action_id": action_id(supervisor, task, "Reject"), "comment": "no"}, format="json"
    )
    admin_client.post(f"{base}assign/", {"user_id": 202}, format="json")  # too late: refused, not audited

    # when
    response = admin_client.get("/api/v1/audit/", {"object_type": "task", "object_id": str(task.pk)})

    # then
    trail = [(e["action"], e["actor_id"]) for e in reversed(response.json()["results"])]
    assert trail == [
        ("task.started", ""),
        ("task.item_started", "200"),
        ("task.held", "200"),
        ("task.resumed", "200"),
        ("task.transferred", "200"),
        ("task.escalated", "201"),
        ("task.acted", "300"),
    ]


def test_an_agent_may_not_read_a_tasks_audit_trail(task, holder):
    _, agent = holder(task)

    assert agent.get("/api/v1/audit/", {"object_type": "task", "object_id": str(task.pk)}).status_code == 403

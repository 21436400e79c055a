"""POST /api/v1/tasks/{id}/escalate/ {"reason"}: the step goes to its ``escalate_to`` role."""

import pytest
from audit.models import AuditLog

from engine.models import TaskItem
from engine.tests.builders import NOTIFY, STATUS, action_id, outbox

pytestmark = pytest.mark.django_db


def escalate(client, task, reason="beyond me"):
    return client.post(f"/api/v1/tasks/{task.pk}/escalate/", {"reason": reason}, format="json")


def test_the_holder_escalates_to_the_steps_escalation_role(task, holder, team):
    # given Diagnose escalates to Supervisor
    item, client = holder(task)

    # when
    response = escalate(client, task)

    # then
    assert response.status_code == 200, response.content
    new = TaskItem.objects.get(pk=response.json()["id"])
    assert (new.role_id, new.assignee_id, new.reason) == (team.supervisor_role.id, 300, "escalation")
    assert new.step_id == item.step_id  # the same step, in other hands
    item.refresh_from_db()
    assert item.status == "escalated"
    assert item.history.get(event="escalated").note == "beyond me"


def test_an_escalation_is_announced_and_audited(task, holder, team):
    _, client = holder(task)

    escalate(client, task)

    assert (outbox(NOTIFY)[-1]["type"], outbox(NOTIFY)[-1]["recipient"]["user_id"]) == ("escalation", "300")
    assert (outbox(STATUS)[-1]["status"], outbox(STATUS)[-1]["assignee"]["id"]) == ("in_progress", "300")
    entry = AuditLog.objects.get(action="task.escalated")
    assert entry.new == {"role": team.supervisor_role.id, "reason": "beyond me"}


def test_the_escalated_step_is_acted_on_by_its_new_holder(task, holder, client_for, team):
    _, agent = holder(task)
    escalate(agent, task)
    supervisor = client_for(team.supervisors[0])

    response = supervisor.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(supervisor, task, "Reject"), "comment": "no"},
        format="json",
    )

    assert response.status_code == 200


def test_a_step_without_an_escalation_role_is_400(task, holder):
    # given the task at Approve, which names no escalation role
    _, agent = holder(task)
    agent.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(agent, task, "Accept"), "comment": "x"},
        format="json",
    )
    task.refresh_from_db()
    _, supervisor = holder(task)

    # when
    response = escalate(supervisor, task)

    # then
    assert response.status_code == 400
    assert "Approve" in response.json()["detail"]
    assert task.items.filter(status="escalated").count() == 0


def test_an_escalation_needs_a_reason(task, holder):
    _, client = holder(task)

    assert client.post(f"/api/v1/tasks/{task.pk}/escalate/", {}, format="json").status_code == 400
    assert task.items.count() == 1


def test_only_the_holder_or_an_admin_escalates(task, team, client_for, admin_client):
    owner = next(c for c in team.coordinators if str(c.user_id) == task.owner_id)

    assert escalate(client_for(owner), task).status_code == 403
    assert escalate(client_for(team.agents[1]), task).status_code == 404
    assert escalate(admin_client, task).status_code == 200

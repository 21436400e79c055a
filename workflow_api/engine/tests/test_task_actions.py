"""POST /api/v1/tasks/{id}/action/ {"action_id", "comment"}: the holder of the current step
(or an admin) performs one of its transitions; the engine moves the task, hands the next
step out, and announces it. Anything else is refused with the right status."""

import pytest
from audit.models import AuditLog
from tickets.models import WorkflowTicket

from engine.models import TaskItem
from engine.tests.builders import NOTIFY, STATUS, action_id, outbox
from tts_common.messages import NotificationSchema, TicketStatusSchema, parse

pytestmark = pytest.mark.django_db


def act(client, task, label=None, comment="done", **body):
    if label is not None:
        body["action_id"] = action_id(client, task, label)
    return client.post(f"/api/v1/tasks/{task.pk}/action/", {"comment": comment, **body}, format="json")


def test_the_holder_moves_the_task_to_the_next_step(task, holder, team):
    # given
    item, client = holder(task)

    # when
    response = act(client, task, "Accept", comment="it is the disk")

    # then the answer says where it went and to whom
    assert response.status_code == 200, response.content
    body = response.json()
    supervisor = team.supervisors[0]
    new = TaskItem.objects.get(task=task, step_name="Approve")
    assert body == {
        "status": "transitioned",
        "next_step": {
            "step_id": str(task.workflow.steps.get(name="Approve").pk),
            "name": "Approve",
            "item_id": new.pk,
            "assigned_to": {"id": supervisor.user_id, "name": supervisor.name, "email": supervisor.email},
        },
    }
    # and the task, the acted item and the new one agree
    task.refresh_from_db()
    assert task.current_step_id == body["next_step"]["step_id"]
    assert len(task.path) == 2
    assert task.first_response_at is not None
    item.refresh_from_db()
    assert (item.status, item.action_label, item.comment) == ("acted", "Accept", "it is the disk")
    assert item.acted_at is not None
    assert list(item.history.values_list("event", flat=True)) == ["assigned", "acted"]


def test_moving_on_is_announced_to_the_next_holder_and_to_ticket_service(task, holder, team):
    _, client = holder(task)

    act(client, task, "Accept")

    notification = parse(NotificationSchema, outbox(NOTIFY)[-1])
    assert (notification["type"], notification["recipient"]["user_id"]) == ("assignment", "300")
    status = parse(TicketStatusSchema, outbox(STATUS)[-1])
    assert status["status"] == "in_progress"
    assert status["assignee"] == {"id": "300", "name": team.supervisors[0].name}
    assert WorkflowTicket.objects.get().status == "in_progress"


def test_acting_is_audited(task, holder):
    _, client = holder(task)

    act(client, task, "Accept")

    entry = AuditLog.objects.get(action="task.acted")
    assert (entry.actor_id, entry.object_type, entry.object_id) == ("200", "task", str(task.pk))
    assert entry.old["status"] == "active"
    assert entry.new["action"] == "Accept"


def test_an_end_transition_completes_the_task_and_tells_the_owner(task, holder):
    # given
    _, client = holder(task)

    # when
    response = act(client, task, "Reject", comment="not ours")

    # then
    assert response.json() == {"status": "completed", "outcome": "rejected", "next_step": None}
    task.refresh_from_db()
    assert (task.status, task.outcome, task.current_step_id) == ("completed", "rejected", "")
    assert task.completed_at is not None
    assert outbox(STATUS)[-1]["status"] == "rejected"
    done = parse(NotificationSchema, outbox(NOTIFY)[-1])
    assert (done["type"], done["recipient"]["user_id"]) == ("task_completed", task.owner_id)


def test_a_step_can_send_the_task_back(task, holder):
    _, agent = holder(task)
    act(agent, task, "Accept")
    task.refresh_from_db()
    _, supervisor = holder(task)

    response = act(supervisor, task, "Send back", comment="check the cable too")

    assert response.json()["next_step"]["name"] == "Diagnose"
    task.refresh_from_db()
    assert [task.version.step(s)["name"] for s in task.path] == ["Diagnose", "Approve", "Diagnose"]
    assert task.items.filter(status__in=TaskItem.OPEN).count() == 1


def test_an_involved_non_holder_is_403(task, holder):
    # given 200 accepted, so the step is a supervisor's now
    _, agent = holder(task)
    act(agent, task, "Accept")
    task.refresh_from_db()
    _, supervisor = holder(task)
    approve = action_id(supervisor, task, "Approve")

    # when 200 tries the supervisor's action
    response = act(agent, task, action_id=approve)

    # then
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == "active"


def test_someone_not_involved_is_404(task, team, client_for, holder):
    _, client = holder(task)
    accept = action_id(client, task, "Accept")

    response = act(client_for(team.agents[2]), task, action_id=accept)

    assert response.status_code == 404
    assert task.items.get().status == "assigned"


def test_an_admin_may_act_for_the_holder(task, admin_client):
    response = act(admin_client, task, "Accept", comment="done for them")

    assert response.status_code == 200
    acted = task.items.get(status="acted")
    assert acted.assignee_id == 200
    assert acted.history.get(event="acted").actor_id == "1"


def test_an_unknown_action_is_400(task, holder):
    _, client = holder(task)

    response = act(client, task, action_id="no-such-action")

    assert response.status_code == 400
    assert "action_id" in response.json()


@pytest.mark.parametrize(
    "body", [{}, {"comment": ""}, {"comment": "   "}], ids=["no comment", "blank", "spaces"]
)
def test_an_action_needs_a_comment(task, holder, body):
    _, client = holder(task)
    body = {**body, "action_id": action_id(client, task, "Accept")}

    response = client.post(f"/api/v1/tasks/{task.pk}/action/", body, format="json")

    assert response.status_code == 400
    assert "comment" in response.json()
    task.refresh_from_db()
    assert len(task.path) == 1


def test_the_same_click_twice_is_409(task, holder):
    _, client = holder(task)
    accept = action_id(client, task, "Accept")
    act(client, task, action_id=accept)

    response = act(client, task, action_id=accept)

    assert response.status_code == 409
    assert TaskItem.objects.filter(task=task).count() == 2


def test_acting_on_a_completed_task_is_409(task, holder):
    _, client = holder(task)
    reject = action_id(client, task, "Reject")
    act(client, task, action_id=reject)

    assert act(client, task, action_id=reject).status_code == 409


def test_acting_on_a_task_on_hold_is_409_until_it_resumes(task, holder):
    # given
    _, client = holder(task)
    accept = action_id(client, task, "Accept")
    client.post(f"/api/v1/tasks/{task.pk}/hold/", {"reason": "waiting for the user"}, format="json")

    # when
    held = act(client, task, action_id=accept)
    client.post(f"/api/v1/tasks/{task.pk}/resume/", {}, format="json")
    resumed = act(client, task, action_id=accept)

    # then
    assert held.status_code == 409
    assert resumed.status_code == 200

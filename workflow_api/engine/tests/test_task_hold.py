"""POST .../hold/ {"reason"} pauses a task (no actions until POST .../resume/); ticket_service
hears on_hold, then in_progress."""

import pytest
from audit.models import AuditLog

from engine.models import Task, UserAvailability
from engine.tests.builders import STATUS, action_id, outbox
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db


def hold(client, task, reason="waiting for the user"):
    return client.post(f"/api/v1/tasks/{task.pk}/hold/", {"reason": reason}, format="json")


def resume(client, task, **body):
    return client.post(f"/api/v1/tasks/{task.pk}/resume/", body, format="json")


def test_the_holder_puts_a_task_on_hold(task, holder):
    item, client = holder(task)

    response = hold(client, task)

    assert response.status_code == 200
    assert response.json()["status"] == "on_hold"
    task.refresh_from_db()
    assert task.status == Task.Status.ON_HOLD
    assert outbox(STATUS)[-1]["status"] == "on_hold"
    assert outbox(STATUS)[-1]["assignee"]["id"] == "200"
    assert item.history.get(event="held").note == "waiting for the user"
    assert AuditLog.objects.get(action="task.held").new == {"reason": "waiting for the user"}


def test_resuming_makes_the_task_active_again(task, holder):
    item, client = holder(task)
    hold(client, task)

    response = resume(client, task, reason="the user answered")

    assert response.status_code == 200
    assert response.json()["status"] == "active"
    assert outbox(STATUS)[-1]["status"] == "in_progress"
    assert list(item.history.values_list("event", flat=True)) == ["assigned", "held", "resumed"]
    assert AuditLog.objects.filter(action="task.resumed").count() == 1


def test_holding_twice_is_409(task, holder):
    _, client = holder(task)
    hold(client, task)

    assert hold(client, task).status_code == 409


def test_resuming_a_task_not_on_hold_is_409(task, holder):
    _, client = holder(task)

    response = resume(client, task)

    assert response.status_code == 409
    assert_conforms("workflow", "POST /api/v1/tasks/{task_id}/resume/", response)


def test_a_completed_task_cannot_be_held(task, holder):
    _, client = holder(task)
    client.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(client, task, "Reject"), "comment": "x"},
        format="json",
    )

    assert hold(client, task).status_code == 409


def test_holding_needs_a_reason(task, holder):
    _, client = holder(task)

    assert client.post(f"/api/v1/tasks/{task.pk}/hold/", {}, format="json").status_code == 400
    task.refresh_from_db()
    assert task.status == "active"


def test_only_the_holder_or_an_admin_holds_and_resumes(task, team, client_for, admin_client):
    owner = client_for(next(c for c in team.coordinators if str(c.user_id) == task.owner_id))

    assert hold(owner, task).status_code == 403
    assert hold(admin_client, task).status_code == 200
    assert resume(owner, task).status_code == 403
    task.refresh_from_db()
    assert task.status == "on_hold"
    assert resume(admin_client, task).status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("transfer/", {"user_id": 201, "reason": "on leave"}),
        ("assign/", {"user_id": 201}),
        ("escalate/", {"reason": "too hard"}),
    ],
    ids=["transfer", "admin assignment", "escalation"],
)
def test_handing_a_held_task_to_someone_else_keeps_it_on_hold(task, admin_client, path, body):
    # given
    hold(admin_client, task)

    # when
    response = admin_client.post(f"/api/v1/tasks/{task.pk}/{path}", body, format="json")

    # then the task is still held, and ticket_service hears so
    assert response.status_code == 200, response.content
    task.refresh_from_db()
    assert task.status == "on_hold"
    assert outbox(STATUS)[-1]["status"] == "on_hold"
    assert outbox(STATUS)[-1]["assignee"]["id"] == ("300" if path == "escalate/" else "201")


def test_a_held_task_whose_step_waited_stays_on_hold_when_someone_takes_the_step(
    workflow, team, ingest, admin_client, client_for
):
    # given a held task whose step waits for IT Support
    for agent in team.agents:
        UserAvailability.objects.create(user_id=agent.user_id, is_available=False)
    task = Task.objects.get(ticket=ingest())
    hold(admin_client, task)

    # when an agent comes back and takes the step
    client_for(team.agents[1]).put("/api/v1/tasks/availability/", {"is_available": True}, format="json")

    # then
    assert task.items.get().assignee_id == 201
    assert outbox(STATUS)[-1]["status"] == "on_hold"

"""POST .../start/: the holder opens the step (assigned → in progress). POST .../assign/
{"user_id"}: an admin hands the current step, waiting or not, to a holder of its role."""

import pytest
from audit.models import AuditLog
from roles.models import RoleUser

from engine.models import Task, TaskItem
from engine.tests.builders import action_id

pytestmark = pytest.mark.django_db


def start(client, task):
    return client.post(f"/api/v1/tasks/{task.pk}/start/")


def assign(client, task, user_id):
    return client.post(f"/api/v1/tasks/{task.pk}/assign/", {"user_id": user_id}, format="json")


def test_the_holder_starts_working_on_the_step(task, holder):
    # given
    item, client = holder(task)

    # when
    response = start(client, task)

    # then
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    item.refresh_from_db()
    assert item.status == "in_progress"
    assert list(item.history.values_list("event", flat=True)) == ["assigned", "in_progress"]
    task.refresh_from_db()
    assert task.first_response_at is not None
    assert AuditLog.objects.filter(action="task.item_started", object_id=str(task.pk)).count() == 1


def test_a_started_step_is_still_mine_and_can_be_acted_on(task, holder):
    _, client = holder(task)
    start(client, task)

    assert client.get("/api/v1/tasks/").json()["count"] == 1
    response = client.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(client, task, "Accept"), "comment": "x"},
        format="json",
    )
    assert response.status_code == 200


def test_starting_twice_changes_nothing_more(task, holder):
    item, client = holder(task)
    start(client, task)

    assert start(client, task).status_code == 200
    assert item.history.filter(event="in_progress").count() == 1
    assert AuditLog.objects.filter(action="task.item_started").count() == 1


def test_an_admin_opening_the_step_does_not_start_it_for_the_holder(task, admin_client):
    response = start(admin_client, task)

    assert response.status_code == 200
    assert task.items.get().status == "assigned"


def test_only_the_holder_starts(task, team, client_for):
    owner = client_for(next(c for c in team.coordinators if str(c.user_id) == task.owner_id))

    assert start(owner, task).status_code == 403
    assert start(client_for(team.agents[1]), task).status_code == 404
    assert task.items.get().status == "assigned"


def test_an_admin_assigns_the_current_step_to_another_holder(task, admin_client):
    # when
    response = assign(admin_client, task, 202)

    # then
    assert response.status_code == 200, response.content
    assert (response.json()["assignee"]["id"], response.json()["reason"]) == (202, "admin")
    assert task.items.get(status="transferred").assignee_id == 200
    entry = AuditLog.objects.get(action="task.assigned_by_admin")
    assert (entry.actor_id, entry.new) == ("1", {"assignee": 202})


def test_an_admin_assigns_a_waiting_step(workflow, team, ingest, admin_client):
    # given nobody could take Diagnose, then 201 is granted IT Support again (no drain ran)
    RoleUser.objects.filter(role=team.support_role).update(is_active=False)
    task = Task.objects.get(ticket=ingest())
    RoleUser.objects.filter(pk=team.agents[1].pk).update(is_active=True)

    # when
    response = assign(admin_client, task, 201)

    # then
    assert response.status_code == 200
    assert task.items.get(status="cancelled").assignee_id is None
    assert task.items.get(status="assigned").assignee_id == 201


def test_an_admin_cannot_assign_to_someone_without_the_role(task, admin_client):
    response = assign(admin_client, task, 300)

    assert response.status_code == 400
    assert "user_id" in response.json()
    assert task.items.count() == 1


def test_assigning_on_a_completed_task_is_409(task, holder, admin_client):
    _, client = holder(task)
    client.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(client, task, "Reject"), "comment": "x"},
        format="json",
    )

    assert assign(admin_client, task, 201).status_code == 409


def test_an_agent_may_not_assign_even_their_own_step(task, holder):
    item, client = holder(task)

    response = assign(client, task, 201)

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == TaskItem.Status.ASSIGNED

"""GET /api/v1/tasks/{id}/ and .../available-actions/: who sees a task, and what they may do."""

import pytest

from engine.tests.builders import action_id

pytestmark = pytest.mark.django_db


def url(task, suffix="") -> str:
    return f"/api/v1/tasks/{task.pk}/{suffix}"


def test_the_holder_sees_the_items_their_history_and_the_path(task, holder):
    # given the task moved once
    _, client = holder(task)
    client.post(
        url(task, "action/"),
        {"action_id": action_id(client, task, "Accept"), "comment": "looks fine"},
        format="json",
    )

    # when
    response = client.get(url(task))

    # then
    assert response.status_code == 200
    body = response.json()
    assert [p["name"] for p in body["path"]] == ["Diagnose", "Approve"]
    assert [(i["step_name"], i["status"]) for i in body["items"]] == [
        ("Diagnose", "acted"),
        ("Approve", "assigned"),
    ]
    diagnose = body["items"][0]
    assert (diagnose["action_label"], diagnose["comment"]) == ("Accept", "looks fine")
    assert [h["event"] for h in diagnose["history"]] == ["assigned", "acted"]
    assert diagnose["assignee"]["id"] == 200
    assert body["current_step"]["name"] == "Approve"


def test_someone_not_involved_gets_404(task, team, client_for):
    outsider = client_for(team.agents[1])

    assert outsider.get(url(task)).status_code == 404
    assert outsider.get(url(task, "available-actions/")).status_code == 404


def test_an_unknown_task_is_404(team, admin_client):
    assert admin_client.get("/api/v1/tasks/999999/").status_code == 404


def test_the_owner_and_an_admin_see_the_task(task, team, client_for, admin_client):
    owner = next(c for c in team.coordinators if str(c.user_id) == task.owner_id)

    assert client_for(owner).get(url(task)).status_code == 200
    assert admin_client.get(url(task)).status_code == 200


def test_the_holder_gets_the_actions_of_the_current_step(task, holder):
    _, client = holder(task)

    actions = client.get(url(task, "available-actions/")).json()

    approve = task.workflow.steps.get(name="Approve")
    assert sorted((a["label"], a["to_step"], a["ends_with"]) for a in actions) == [
        ("Accept", {"id": str(approve.pk), "name": "Approve"}, None),
        ("Reject", None, "rejected"),
    ]


def test_an_involved_non_holder_gets_no_actions(task, holder, team, client_for):
    # given 200 accepted, so the step is a supervisor's now
    _, agent = holder(task)
    agent.post(
        url(task, "action/"), {"action_id": action_id(agent, task, "Accept"), "comment": "ok"}, format="json"
    )
    owner = next(c for c in team.coordinators if str(c.user_id) == task.owner_id)

    # then
    assert agent.get(url(task, "available-actions/")).json() == []
    assert client_for(owner).get(url(task, "available-actions/")).json() == []


def test_an_admin_gets_the_actions_without_holding_the_step(task, admin_client):
    labels = {a["label"] for a in admin_client.get(url(task, "available-actions/")).json()}

    assert labels == {"Accept", "Reject"}


def test_a_task_on_hold_or_completed_offers_no_actions(task, holder):
    _, client = holder(task)
    client.post(url(task, "hold/"), {"reason": "parts"}, format="json")

    assert client.get(url(task, "available-actions/")).json() == []

    client.post(url(task, "resume/"), {}, format="json")
    client.post(
        url(task, "action/"), {"action_id": action_id(client, task, "Reject"), "comment": "no"}, format="json"
    )

    assert client.get(url(task, "available-actions/")).json() == []

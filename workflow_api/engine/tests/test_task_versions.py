"""A running task keeps the version it started on: editing and republishing the workflow
changes what new tickets get, never the actions or next steps of tasks already running."""

import pytest

from engine.models import Task
from engine.tests.builders import action_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def republished(task, workflow, team, admin_client):
    """After ``task`` started on version 1, the admin removes Approve and Reject, renames
    Diagnose, routes Accept to a new Review step (coordinators), and publishes version 2."""
    diagnose = workflow.steps.get(name="Diagnose")
    graph = {
        "nodes": [
            {
                "id": str(diagnose.pk),
                "name": "Investigate",
                "role_id": team.support_role.id,
                "is_start": True,
            },
            {"id": "tmp-review", "name": "Review", "role_id": team.coordinator_role.id},
        ],
        "edges": [
            {"id": "e1", "from": str(diagnose.pk), "to": "tmp-review", "label": "Accept"},
            {"id": "e2", "from": "tmp-review", "to": None, "label": "Close", "end_status": "closed"},
        ],
    }
    assert (
        admin_client.put(f"/api/v1/workflows/{workflow.pk}/graph/", graph, format="json").status_code == 200
    )
    assert admin_client.post(f"/api/v1/workflows/{workflow.pk}/publish/").json()["number"] == 2
    assert not workflow.steps.filter(name="Approve").exists()
    return workflow


def test_the_running_task_still_offers_version_1s_actions(republished, task, holder):
    _, client = holder(task)

    actions = client.get(f"/api/v1/tasks/{task.pk}/available-actions/").json()

    assert sorted(a["label"] for a in actions) == ["Accept", "Reject"]
    accept = next(a for a in actions if a["label"] == "Accept")
    assert accept["to_step"]["name"] == "Approve"


def test_the_running_task_moves_along_version_1s_graph(republished, task, holder, team):
    # when the holder accepts
    _, client = holder(task)
    response = client.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(client, task, "Accept"), "comment": "ok"},
        format="json",
    )

    # then it reaches version 1's Approve, held by a supervisor, not version 2's Review
    assert response.status_code == 200, response.content
    next_step = response.json()["next_step"]
    assert next_step["name"] == "Approve"
    assert next_step["assigned_to"]["id"] in {s.user_id for s in team.supervisors}
    detail = client.get(f"/api/v1/tasks/{task.pk}/").json()
    assert detail["workflow"]["version"] == 1
    assert [p["name"] for p in detail["path"]] == ["Diagnose", "Approve"]


def test_a_transition_removed_in_version_2_still_works_for_version_1s_task(republished, task, holder):
    _, client = holder(task)

    response = client.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(client, task, "Reject"), "comment": "no"},
        format="json",
    )

    assert response.json() == {"status": "completed", "outcome": "rejected", "next_step": None}


def test_a_new_ticket_runs_on_version_2(republished, ingest, holder):
    # when
    task = Task.objects.get(ticket=ingest())

    # then
    assert task.version.number == 2
    _, client = holder(task)
    actions = client.get(f"/api/v1/tasks/{task.pk}/available-actions/").json()
    assert [(a["label"], a["to_step"]["name"]) for a in actions] == [("Accept", "Review")]
    assert client.get(f"/api/v1/tasks/{task.pk}/").json()["current_step"]["name"] == "Investigate"

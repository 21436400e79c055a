"""POST /api/v1/workflows/{id}/publish/ freezes the saved graph as the next version; editing
alone never creates one, and a published version never changes."""

import pytest
from audit.models import AuditLog
from roles.models import Role

from workflows.models import Workflow, WorkflowVersion
from workflows.tests.factories import edge, node

pytestmark = pytest.mark.django_db


def save(client, workflow, nodes, edges):
    response = client.put(
        f"/api/v1/workflows/{workflow.pk}/graph/", {"nodes": nodes, "edges": edges}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def publish(client, workflow):
    return client.post(f"/api/v1/workflows/{workflow.pk}/publish/")


@pytest.fixture
def saved(admin, draft, roles):
    """The draft with a one-step graph saved (not published)."""
    return save(
        admin,
        draft,
        [node("s", "Triage", roles.coordinator.id, is_start=True)],
        [edge("e", "s", None, "Close")],
    )


def test_the_first_publish_creates_version_1(admin, draft, saved):
    # when
    response = publish(admin, draft)

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == 1
    assert body["published_by_id"] == "1"
    assert [s["name"] for s in body["definition"]["steps"]] == ["Triage"]
    draft.refresh_from_db()
    assert draft.status == Workflow.Status.PUBLISHED
    assert draft.current_version.number == 1
    assert AuditLog.objects.filter(action="workflow.published", new={"version": 1}).exists()


def test_an_edit_then_publish_creates_version_2_and_keeps_version_1_as_it_was(admin, draft, roles, saved):
    # given version 1
    publish(admin, draft)
    step_id = saved["nodes"][0]["id"]

    # when the step is renamed and a second step added, then published
    save(
        admin,
        draft,
        [
            node(step_id, "Intake", roles.coordinator.id, is_start=True),
            node("tmp-1", "Resolve", roles.support.id),
        ],
        [edge("e1", step_id, "tmp-1", "Accept"), edge("e2", "tmp-1", None, "Done")],
    )
    response = publish(admin, draft)

    # then
    assert response.json()["number"] == 2
    versions = {v.number: v for v in draft.versions.all()}
    assert [s["name"] for s in versions[1].definition["steps"]] == ["Triage"]
    assert [t["label"] for t in versions[1].definition["transitions"]] == ["Close"]
    assert sorted(s["name"] for s in versions[2].definition["steps"]) == ["Intake", "Resolve"]
    draft.refresh_from_db()
    assert draft.current_version == versions[2]
    listed = admin.get(f"/api/v1/workflows/{draft.pk}/versions/").json()
    assert [v["number"] for v in listed] == [2, 1]


def test_editing_without_publishing_creates_no_version(admin, draft, roles, saved):
    # given version 1
    publish(admin, draft)

    # when the graph is edited twice and the workflow's fields once
    step_id = saved["nodes"][0]["id"]
    save(
        admin,
        draft,
        [node(step_id, "Renamed", roles.coordinator.id, is_start=True)],
        [edge("e", step_id, None, "Close")],
    )
    save(
        admin,
        draft,
        [node(step_id, "Again", roles.coordinator.id, is_start=True)],
        [edge("e", step_id, None, "End")],
    )
    admin.patch(f"/api/v1/workflows/{draft.pk}/", {"description": "edited"}, format="json")

    # then
    assert WorkflowVersion.objects.filter(workflow=draft).count() == 1
    draft.refresh_from_db()
    assert draft.current_version.number == 1
    assert draft.current_version.definition["steps"][0]["name"] == "Triage"


def test_the_version_freezes_the_sla_targets_of_its_time(admin, draft, saved):
    admin.patch(
        f"/api/v1/workflows/{draft.pk}/",
        {"sla_targets": {"high": {"first_response_minutes": 60, "resolution_minutes": 480}}},
        format="json",
    )
    publish(admin, draft)

    admin.patch(f"/api/v1/workflows/{draft.pk}/", {"sla_targets": {}}, format="json")

    assert draft.versions.get().definition["sla_targets"] == {
        "high": {"first_response_minutes": 60, "resolution_minutes": 480}
    }


def test_a_workflow_without_steps_cannot_be_published(admin, draft):
    response = publish(admin, draft)

    assert response.status_code == 400
    assert [p["code"] for p in response.json()["problems"]] == ["empty"]
    assert not draft.versions.exists()


def test_a_saved_graph_whose_role_was_deleted_since_cannot_be_published(admin, draft, saved, roles):
    # given the coordinator role is deleted in auth_service after the graph was saved
    Role.objects.filter(pk=roles.coordinator.pk).update(is_deleted=True)

    # when
    response = publish(admin, draft)

    # then
    assert response.status_code == 400
    assert [(p["code"], p["node"]) for p in response.json()["problems"]] == [
        ("role", saved["nodes"][0]["id"])
    ]
    draft.refresh_from_db()
    assert draft.status == Workflow.Status.DRAFT


def test_only_admins_publish(agent, draft, saved):
    response = agent.post(f"/api/v1/workflows/{draft.pk}/publish/")

    assert response.status_code == 403
    assert not draft.versions.exists()

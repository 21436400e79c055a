"""Saving a valid graph: temporary ids become steps, omitted steps go with their
transitions, GET answers the same shape, the save is all or nothing, archived workflows
are frozen."""

import pytest
from audit.models import AuditLog

from workflows.models import Step, Transition, Workflow
from workflows.services import workflow_graph_save
from workflows.tests.factories import ADMIN_ACTOR, edge, node

pytestmark = pytest.mark.django_db


def graph_url(workflow) -> str:
    return f"/api/v1/workflows/{workflow.pk}/graph/"


def three_steps(roles) -> dict:
    return {
        "nodes": [
            node("tmp-1", "Triage", roles.coordinator.id, is_start=True, x=10, y=20),
            node("tmp-2", "Resolve", roles.support.id, weight=3, escalate_to_role_id=roles.supervisor.id),
            node("tmp-3", "Review", roles.supervisor.id, assignment_mode="least_loaded"),
        ],
        "edges": [
            edge("tmp-e1", "tmp-1", "tmp-2", "Accept"),
            edge("tmp-e2", "tmp-2", "tmp-3", "Resolved"),
            edge("tmp-e3", "tmp-3", None, "Close", end_status="closed"),
            edge("tmp-e4", "tmp-1", None, "Reject", end_status="rejected"),
        ],
    }


def test_temporary_ids_become_steps_and_transitions(admin, draft, roles):
    # when
    response = admin.put(graph_url(draft), three_steps(roles), format="json")

    # then
    assert response.status_code == 200, response.content
    steps = {s.name: s for s in draft.steps.all()}
    assert set(steps) == {"Triage", "Resolve", "Review"}
    assert (steps["Triage"].is_start, steps["Triage"].x, steps["Triage"].y) == (True, 10, 20)
    assert (steps["Resolve"].weight, steps["Resolve"].escalate_to_role_id) == (3, roles.supervisor.id)
    assert steps["Review"].assignment_mode == "least_loaded"
    edges = {
        (t.from_step.name, t.to_step.name if t.to_step else None, t.label, t.end_status)
        for t in draft.transitions.select_related("from_step", "to_step")
    }
    assert edges == {
        ("Triage", "Resolve", "Accept", "resolved"),
        ("Resolve", "Review", "Resolved", "resolved"),
        ("Review", None, "Close", "closed"),
        ("Triage", None, "Reject", "rejected"),
    }
    # the answer names the real ids, never the temporary ones
    body = response.json()
    assert {n["id"] for n in body["nodes"]} == {str(s.pk) for s in steps.values()}


def test_get_answers_the_shape_put_returned(admin, agent, draft, roles):
    saved = admin.put(graph_url(draft), three_steps(roles), format="json").json()

    assert admin.get(graph_url(draft)).json() == saved
    assert agent.get(graph_url(draft)).json() == saved
    triage = next(n for n in saved["nodes"] if n["name"] == "Triage")
    assert triage["role_name"] == "Ticket Coordinator"
    assert set(triage) == {
        "id",
        "name",
        "role_id",
        "role_name",
        "instructions",
        "weight",
        "escalate_to_role_id",
        "assignment_mode",
        "is_start",
        "x",
        "y",
    }
    assert set(saved["edges"][0]) == {"id", "from", "to", "label", "end_status"}


def test_a_second_put_keeps_named_steps_and_deletes_omitted_ones_with_their_transitions(admin, draft, roles):
    # given a saved graph
    first = admin.put(graph_url(draft), three_steps(roles), format="json").json()
    ids = {n["name"]: n["id"] for n in first["nodes"]}

    # when the editor sends it back without Review, renaming Resolve
    response = admin.put(
        graph_url(draft),
        {
            "nodes": [
                node(ids["Triage"], "Triage", roles.coordinator.id, is_start=True),
                node(ids["Resolve"], "Fix it", roles.support.id),
            ],
            "edges": [
                edge("n1", ids["Triage"], ids["Resolve"], "Accept"),
                edge("n2", ids["Resolve"], None, "Done"),
            ],
        },
        format="json",
    )

    # then
    assert response.status_code == 200, response.content
    assert sorted(draft.steps.values_list("pk", "name")) == sorted(
        [(int(ids["Triage"]), "Triage"), (int(ids["Resolve"]), "Fix it")]
    )
    assert not Step.objects.filter(pk=ids["Review"]).exists()
    assert not Transition.objects.filter(from_step_id=ids["Review"]).exists()
    assert not Transition.objects.filter(to_step_id=ids["Review"]).exists()
    assert sorted(draft.transitions.values_list("label", flat=True)) == ["Accept", "Done"]


def test_a_refused_save_leaves_the_previous_graph_as_it_was(admin, draft, roles):
    # given
    before = admin.put(graph_url(draft), three_steps(roles), format="json").json()
    triage = next(n for n in before["nodes"] if n["name"] == "Triage")

    # when the next save renames a step but leaves it without a way out
    response = admin.put(
        graph_url(draft),
        {"nodes": [{**triage, "name": "Renamed"}], "edges": []},
        format="json",
    )

    # then
    assert response.status_code == 400
    assert admin.get(graph_url(draft)).json() == before


def test_a_save_failing_half_way_rolls_everything_back(draft, roles, monkeypatch):
    # given a saved graph
    workflow_graph_save(workflow=draft, actor=ADMIN_ACTOR, **three_steps(roles))
    before = sorted(draft.steps.values_list("pk", "name"))
    edges_before = sorted(draft.transitions.values_list("label", flat=True))
    audits = AuditLog.objects.count()

    # when the last write of the next save (its audit row) fails after steps were changed
    def broken_audit(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("workflows.services.audit_log", broken_audit)
    with pytest.raises(RuntimeError):
        workflow_graph_save(
            workflow=draft,
            actor=ADMIN_ACTOR,
            nodes=[node("new", "Only", roles.support.id, is_start=True)],
            edges=[edge("e", "new", None, "Done")],
        )

    # then
    assert sorted(draft.steps.values_list("pk", "name")) == before
    assert sorted(draft.transitions.values_list("label", flat=True)) == edges_before
    assert AuditLog.objects.count() == audits


def test_saving_the_graph_is_audited_with_the_old_and_new_graph(admin, draft, roles):
    admin.put(graph_url(draft), three_steps(roles), format="json")

    entry = AuditLog.objects.get(action="workflow.graph_saved")
    assert (entry.object_type, entry.object_id, entry.actor_id) == ("workflow", str(draft.pk), "1")
    assert entry.old == {"nodes": [], "edges": []}
    assert len(entry.new["nodes"]) == 3


def test_an_absurd_weight_is_400_not_a_database_error(admin, draft, roles):
    response = admin.put(
        graph_url(draft),
        {
            "nodes": [node("s", "Triage", roles.coordinator.id, is_start=True, weight=3_000_000_000)],
            "edges": [edge("e", "s", None, "Done")],
        },
        format="json",
    )

    assert response.status_code == 400
    assert not draft.steps.exists()


def test_an_agent_cannot_save_a_graph(agent, draft, roles):
    response = agent.put(graph_url(draft), three_steps(roles), format="json")

    assert response.status_code == 403
    assert not draft.steps.exists()


def test_an_archived_workflow_cannot_be_edited(admin, draft, roles):
    # given
    admin.put(graph_url(draft), three_steps(roles), format="json")
    assert admin.post(f"/api/v1/workflows/{draft.pk}/archive/").status_code == 200
    before = admin.get(graph_url(draft)).json()

    # when
    response = admin.put(
        graph_url(draft),
        {
            "nodes": [node("s", "Only", roles.support.id, is_start=True)],
            "edges": [edge("e", "s", None, "Go")],
        },
        format="json",
    )

    # then
    assert response.status_code == 400
    assert "archived" in response.json()["detail"]
    assert admin.get(graph_url(draft)).json() == before


def test_an_archived_workflow_cannot_be_published(admin, draft, roles):
    # given
    admin.put(graph_url(draft), three_steps(roles), format="json")
    admin.post(f"/api/v1/workflows/{draft.pk}/archive/")

    # when
    response = admin.post(f"/api/v1/workflows/{draft.pk}/publish/")

    # then
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Workflow.Status.ARCHIVED
    assert not draft.versions.exists()


def test_archiving_is_audited_and_gives_up_the_default(admin, roles):
    # given
    workflow = Workflow.objects.create(name="Fallback", department="IT", category="IT", is_default=True)

    # when
    response = admin.post(f"/api/v1/workflows/{workflow.pk}/archive/")

    # then
    assert response.json()["status"] == "archived"
    assert response.json()["is_default"] is False
    assert AuditLog.objects.filter(action="workflow.archived", object_id=str(workflow.pk)).exists()

"""Workflows, steps and transitions over REST: admins write (audited), agents read,
requesters and strangers are refused; bad input is a 400 naming the field."""

import pytest
from audit.models import AuditLog

from tts_common.fuzzing import assert_conforms
from workflows.models import Step, Transition, Workflow
from workflows.tests.factories import WorkflowFactory, single_step_graph, workflow_published

pytestmark = pytest.mark.django_db

WORKFLOWS = "/api/v1/workflows/"
STEPS = "/api/v1/steps/"
TRANSITIONS = "/api/v1/transitions/"


def new_workflow(**fields) -> dict:
    return {"name": "Printers", "department": "IT", "category": "Printing", **fields}


# ---------------------------------------------------------------- who may do what


def test_an_admin_creates_updates_and_deletes_a_workflow_each_audited(admin):
    # when
    created = admin.post(WORKFLOWS, new_workflow(), format="json")
    pk = created.json()["id"]
    updated = admin.patch(f"{WORKFLOWS}{pk}/", {"name": "Printers and scanners"}, format="json")
    deleted = admin.delete(f"{WORKFLOWS}{pk}/")

    # then
    assert (created.status_code, updated.status_code, deleted.status_code) == (201, 200, 204)
    assert created.json()["status"] == "draft" and created.json()["current_version"] is None
    assert not Workflow.objects.filter(pk=pk).exists()
    trail = list(AuditLog.objects.filter(object_type="workflow", object_id=str(pk)).order_by("id"))
    assert [e.action for e in trail] == ["workflow.created", "workflow.updated", "workflow.deleted"]
    assert trail[1].old["name"] == "Printers" and trail[1].new["name"] == "Printers and scanners"
    assert {e.actor_id for e in trail} == {"1"}


def test_an_agent_reads_workflows(agent, draft):
    assert agent.get(WORKFLOWS).json()["results"][0]["id"] == draft.pk
    assert agent.get(f"{WORKFLOWS}{draft.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", WORKFLOWS, new_workflow()),
        ("patch", "{workflow}", {"name": "Mine now"}),
        ("delete", "{workflow}", None),
        ("post", "{workflow}publish/", None),
        ("post", "{workflow}archive/", None),
        ("post", STEPS, {"name": "x"}),
    ],
    ids=["create", "update", "delete", "publish", "archive", "create step"],
)
def test_an_agent_may_not_write(agent, draft, method, path, body):
    response = getattr(agent, method)(path.format(workflow=f"{WORKFLOWS}{draft.pk}/"), body, format="json")

    assert response.status_code == 403
    draft.refresh_from_db()
    assert (draft.name, draft.status) == ("Draft", "draft")
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("path", [WORKFLOWS, STEPS, TRANSITIONS])
def test_a_requester_without_a_tts_role_may_not_even_read(requester, draft, path):
    assert requester.get(path).status_code == 403


def test_a_requester_may_not_read_a_graph(requester, draft):
    assert requester.get(f"{WORKFLOWS}{draft.pk}/graph/").status_code == 403


@pytest.mark.parametrize(
    "path", [WORKFLOWS, "{workflow}", "{workflow}graph/", "{workflow}versions/", STEPS, TRANSITIONS]
)
def test_without_a_token_it_is_401(api_client, draft, path):
    assert api_client.get(path.format(workflow=f"{WORKFLOWS}{draft.pk}/")).status_code == 401


def test_a_published_workflow_cannot_be_deleted(admin, roles):
    # given
    nodes, edges = single_step_graph(roles.support.id)
    workflow = workflow_published(nodes=nodes, edges=edges)

    # when
    response = admin.delete(f"{WORKFLOWS}{workflow.pk}/")

    # then
    assert response.status_code == 409
    assert_conforms("workflow", "DELETE /api/v1/workflows/{id}/", response)
    assert "archive" in response.json()["detail"]
    assert Workflow.objects.filter(pk=workflow.pk).exists()
    assert not AuditLog.objects.filter(action="workflow.deleted").exists()


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "targets",
    [
        {"asap": {"resolution_minutes": 60}},
        {"high": {"resolution_minutes": -5}},
        {"high": {"resolution_minutes": 0}},
        {"high": {"first_response_minutes": True}},
        {"high": {"resolution_minutes": "60"}},
        {"high": {"resolution_minutes": 1.5}},
        {"high": {"response_time": 60}},
        {"high": 60},
        ["high"],
    ],
    ids=[
        "unknown priority",
        "negative minutes",
        "zero minutes",
        "bool",
        "string",
        "fraction",
        "unknown key",
        "not an object per priority",
        "not an object",
    ],
)
def test_invalid_sla_targets_are_400(admin, targets):
    response = admin.post(WORKFLOWS, new_workflow(sla_targets=targets), format="json")

    assert response.status_code == 400
    assert "sla_targets" in response.json()
    assert not Workflow.objects.exists()


def test_valid_sla_targets_are_kept(admin):
    targets = {"urgent": {"first_response_minutes": 15, "resolution_minutes": 120}, "low": {}}

    response = admin.post(WORKFLOWS, new_workflow(sla_targets=targets), format="json")

    assert response.status_code == 201
    assert Workflow.objects.get().sla_targets == targets


def test_a_second_default_workflow_is_400_on_create_and_on_update(admin):
    # given
    WorkflowFactory(name="Fallback", is_default=True)
    other = WorkflowFactory(name="Other")

    # when
    created = admin.post(WORKFLOWS, new_workflow(is_default=True), format="json")
    updated = admin.patch(f"{WORKFLOWS}{other.pk}/", {"is_default": True}, format="json")

    # then
    assert created.status_code == 400 and "is_default" in created.json()
    assert updated.status_code == 400 and "is_default" in updated.json()
    assert list(Workflow.objects.filter(is_default=True).values_list("name", flat=True)) == ["Fallback"]


def test_the_default_workflow_may_be_saved_again_as_default(admin):
    fallback = WorkflowFactory(name="Fallback", is_default=True)

    response = admin.patch(
        f"{WORKFLOWS}{fallback.pk}/", {"is_default": True, "name": "Fallback 2"}, format="json"
    )

    assert response.status_code == 200


def test_status_and_version_cannot_be_written(admin, draft):
    admin.patch(f"{WORKFLOWS}{draft.pk}/", {"status": "published", "current_version": 9}, format="json")

    draft.refresh_from_db()
    assert draft.status == "draft" and draft.current_version is None


def test_an_unknown_priority_is_400(admin):
    response = admin.post(WORKFLOWS, new_workflow(priority="asap"), format="json")

    assert response.status_code == 400 and "priority" in response.json()


# ---------------------------------------------------------------- steps and transitions


@pytest.fixture
def two_steps(draft, roles):
    first = Step.objects.create(workflow=draft, name="Triage", role_id=roles.coordinator.id, is_start=True)
    second = Step.objects.create(workflow=draft, name="Resolve", role_id=roles.support.id)
    return first, second


def test_an_admin_creates_a_step_and_a_transition_audited(admin, draft, roles):
    # when
    step = admin.post(
        STEPS, {"workflow": draft.pk, "name": "Triage", "role_id": roles.coordinator.id}, format="json"
    )
    transition = admin.post(
        TRANSITIONS,
        {"workflow": draft.pk, "from_step": step.json()["id"], "to_step": None, "label": "Close"},
        format="json",
    )

    # then
    assert step.status_code == 201 and transition.status_code == 201, transition.content
    assert Transition.objects.get().to_step is None
    assert set(AuditLog.objects.values_list("action", flat=True)) == {"step.created", "transition.created"}


def test_an_agent_reads_steps_and_transitions_but_cannot_change_them(agent, two_steps):
    first, second = two_steps
    Transition.objects.create(workflow=first.workflow, from_step=first, to_step=second, label="Accept")

    assert agent.get(STEPS, {"workflow": first.workflow_id}).json()["count"] == 2
    assert agent.get(TRANSITIONS).json()["count"] == 1
    assert agent.patch(f"{STEPS}{first.pk}/", {"name": "Mine"}, format="json").status_code == 403
    assert agent.delete(f"{TRANSITIONS}{Transition.objects.get().pk}/").status_code == 403
    assert Step.objects.get(pk=first.pk).name == "Triage"


def test_a_step_weighing_nothing_is_400(admin, draft, roles):
    response = admin.post(
        STEPS, {"workflow": draft.pk, "name": "x", "role_id": roles.support.id, "weight": 0}, format="json"
    )

    assert response.status_code == 400 and "weight" in response.json()


def test_a_second_transition_with_the_same_label_on_a_step_is_400(admin, two_steps):
    # given
    first, second = two_steps
    Transition.objects.create(workflow=first.workflow, from_step=first, to_step=second, label="Accept")

    # when
    response = admin.post(
        TRANSITIONS,
        {"workflow": first.workflow_id, "from_step": first.pk, "to_step": None, "label": "accept"},
        format="json",
    )

    # then
    assert response.status_code == 400
    assert "label" in response.json()
    assert Transition.objects.count() == 1


def test_renaming_a_transition_into_a_clash_is_400_but_keeping_its_own_label_is_fine(admin, two_steps):
    first, second = two_steps
    Transition.objects.create(workflow=first.workflow, from_step=first, to_step=second, label="Accept")
    close = Transition.objects.create(workflow=first.workflow, from_step=first, to_step=None, label="Close")

    clash = admin.patch(f"{TRANSITIONS}{close.pk}/", {"label": "ACCEPT"}, format="json")
    same = admin.patch(f"{TRANSITIONS}{close.pk}/", {"label": "Close", "end_status": "closed"}, format="json")

    assert clash.status_code == 400
    assert same.status_code == 200


@pytest.mark.parametrize("field", ["from_step", "to_step"])
def test_a_transition_may_not_touch_a_step_of_another_workflow(admin, two_steps, roles, field):
    # given
    first, second = two_steps
    foreign = Step.objects.create(workflow=WorkflowFactory(), name="Elsewhere", role_id=roles.support.id)
    body = {
        "workflow": first.workflow_id,
        "from_step": first.pk,
        "to_step": second.pk,
        "label": "Go",
        field: foreign.pk,
    }

    # when
    response = admin.post(TRANSITIONS, body, format="json")

    # then
    assert response.status_code == 400
    assert field in response.json()
    assert not Transition.objects.exists()


def test_deleting_a_step_deletes_its_transitions_and_is_audited(admin, two_steps):
    first, second = two_steps
    Transition.objects.create(workflow=first.workflow, from_step=first, to_step=second, label="Accept")

    response = admin.delete(f"{STEPS}{second.pk}/")

    assert response.status_code == 204
    assert not Transition.objects.exists()
    assert AuditLog.objects.filter(action="step.deleted", object_id=str(second.pk)).exists()


def test_steps_of_an_archived_workflow_cannot_be_changed(admin, two_steps, roles):
    # given
    first, _ = two_steps
    Workflow.objects.filter(pk=first.workflow_id).update(status=Workflow.Status.ARCHIVED)

    # when
    created = admin.post(
        STEPS, {"workflow": first.workflow_id, "name": "Late", "role_id": roles.support.id}, format="json"
    )
    renamed = admin.patch(f"{STEPS}{first.pk}/", {"name": "Renamed"}, format="json")
    linked = admin.post(
        TRANSITIONS, {"workflow": first.workflow_id, "from_step": first.pk, "label": "Close"}, format="json"
    )
    deleted = admin.delete(f"{STEPS}{first.pk}/")

    # then
    assert [r.status_code for r in (created, renamed, linked, deleted)] == [400, 400, 400, 400]
    assert sorted(Step.objects.values_list("name", flat=True)) == ["Resolve", "Triage"]
    assert not Transition.objects.exists()


# ---------------------------------------------------------------- answers as the schema documents them


def test_a_new_workflow_has_no_version_yet_as_documented(admin):
    response = admin.post(WORKFLOWS, new_workflow(), format="json")

    assert response.status_code == 201 and response.json()["current_version"] is None
    assert_conforms("workflow", "POST /api/v1/workflows/", response)


def test_the_versions_are_one_array_as_documented(admin, roles):
    nodes, edges = single_step_graph(roles.support.id)
    workflow = workflow_published(nodes=nodes, edges=edges)

    response = admin.get(f"{WORKFLOWS}{workflow.pk}/versions/")

    assert [v["number"] for v in response.json()] == [1]
    assert_conforms("workflow", "GET /api/v1/workflows/{id}/versions/", response)


def test_a_nul_byte_in_search_is_a_400_under_detail(admin):
    response = admin.get(WORKFLOWS, {"search": "printer\x00"})

    assert response.status_code == 400
    assert response.json() == {"detail": ["Null characters are not allowed."]}
    assert_conforms("workflow", "GET /api/v1/workflows/", response)

"""PUT /api/v1/workflows/{id}/graph/ refuses a graph that cannot run with 400, listing every
problem with the step (node) or transition (edge) at fault, and saves nothing."""

import pytest

from workflows.models import Step, Transition
from workflows.tests.factories import edge, node

pytestmark = pytest.mark.django_db


def put_graph(client, workflow, nodes, edges):
    return client.put(
        f"/api/v1/workflows/{workflow.pk}/graph/", {"nodes": nodes, "edges": edges}, format="json"
    )


def problems_of(response) -> set[tuple[str, str | None]]:
    assert response.status_code == 400, response.content
    return {(p["code"], p.get("node") or p.get("edge")) for p in response.json()["problems"]}


def test_a_graph_without_a_start_is_refused(admin, draft, roles):
    response = put_graph(
        admin, draft, [node("a", "Triage", roles.coordinator.id)], [edge("e1", "a", None, "Close")]
    )

    assert problems_of(response) == {("start", None)}
    assert response.json()["detail"] == "The workflow graph is not valid."


def test_two_starts_are_refused_naming_both(admin, draft, roles):
    nodes = [
        node("a", "Triage", roles.coordinator.id, is_start=True),
        node("b", "Intake", roles.support.id, is_start=True),
    ]
    edges = [edge("e1", "a", None, "Close"), edge("e2", "b", None, "Close")]

    response = put_graph(admin, draft, nodes, edges)

    assert problems_of(response) == {("start", None)}
    assert sorted(response.json()["problems"][0]["nodes"]) == ["a", "b"]


def test_a_step_the_start_never_leads_to_is_unreachable(admin, draft, roles):
    nodes = [node("s", "Triage", roles.coordinator.id, is_start=True), node("u", "Orphan", roles.support.id)]
    edges = [edge("e1", "s", None, "Close"), edge("e2", "u", None, "Close")]

    assert problems_of(put_graph(admin, draft, nodes, edges)) == {("unreachable", "u")}


def test_a_step_with_no_way_out_is_a_dead_end(admin, draft, roles):
    nodes = [node("s", "Triage", roles.coordinator.id, is_start=True), node("x", "Stuck", roles.support.id)]
    edges = [edge("e1", "s", None, "Close"), edge("e2", "s", "x", "Escalate")]

    assert problems_of(put_graph(admin, draft, nodes, edges)) == {("dead_end", "x")}


def test_steps_of_a_cycle_without_an_exit_can_never_end(admin, draft, roles):
    # given the start can finish, but once in the loop a ticket circles for ever
    nodes = [
        node("s", "Triage", roles.coordinator.id, is_start=True),
        node("c1", "Ping", roles.support.id),
        node("c2", "Pong", roles.supervisor.id),
    ]
    edges = [
        edge("e1", "s", None, "Close"),
        edge("e2", "s", "c1", "Start loop"),
        edge("e3", "c1", "c2", "Next"),
        edge("e4", "c2", "c1", "Back"),
    ]

    # then
    assert problems_of(put_graph(admin, draft, nodes, edges)) == {("no_end", "c1"), ("no_end", "c2")}


def test_a_step_without_a_role_is_refused(admin, draft):
    response = put_graph(
        admin, draft, [node("s", "Triage", None, is_start=True)], [edge("e1", "s", None, "Close")]
    )

    assert problems_of(response) == {("role", "s")}


@pytest.mark.parametrize("role_id", [999, 13], ids=["unknown role", "role deleted in auth_service"])
def test_a_step_naming_a_role_the_replica_lacks_is_refused(admin, draft, roles, role_id):
    response = put_graph(
        admin, draft, [node("s", "Triage", role_id, is_start=True)], [edge("e1", "s", None, "Close")]
    )

    assert problems_of(response) == {("role", "s")}
    assert "unknown role" in response.json()["problems"][0]["message"]


def test_escalating_to_an_unknown_role_is_refused(admin, draft, roles):
    nodes = [node("s", "Triage", roles.coordinator.id, is_start=True, escalate_to_role_id=999)]

    response = put_graph(admin, draft, nodes, [edge("e1", "s", None, "Close")])

    assert problems_of(response) == {("escalate_to", "s")}


def test_two_transitions_of_one_step_may_not_share_a_label_whatever_the_case(admin, draft, roles):
    nodes = [node("s", "Triage", roles.coordinator.id, is_start=True), node("r", "Resolve", roles.support.id)]
    edges = [
        edge("e1", "s", "r", "Accept"),
        edge("e2", "s", None, " ACCEPT "),
        edge("e3", "r", None, "Accept"),  # the same label on another step is fine
    ]

    assert problems_of(put_graph(admin, draft, nodes, edges)) == {("label", "e2")}


def test_a_transition_to_or_from_a_missing_step_is_dangling(admin, draft, roles):
    nodes = [node("s", "Triage", roles.coordinator.id, is_start=True)]
    edges = [
        edge("e1", "s", None, "Close"),
        edge("e2", "s", "ghost", "Haunt"),
        edge("e3", "ghost", None, "Vanish"),
    ]

    assert problems_of(put_graph(admin, draft, nodes, edges)) == {("dangling", "e2"), ("dangling", "e3")}


def test_a_step_weighing_nothing_is_refused_as_a_problem_of_that_step(admin, draft, roles):
    nodes = [node("s", "Triage", roles.coordinator.id, is_start=True, weight=0)]

    response = put_graph(admin, draft, nodes, [edge("e1", "s", None, "Close")])

    assert problems_of(response) == {("weight", "s")}


def test_an_empty_graph_is_refused(admin, draft):
    assert problems_of(put_graph(admin, draft, [], [])) == {("empty", None)}


def test_every_problem_is_listed_at_once(admin, draft, roles):
    # given a graph wrong in five ways
    nodes = [
        node("s", "Triage", None, is_start=True, weight=0),
        node("x", "Stuck", roles.deleted.id),
    ]
    edges = [edge("e1", "s", None, "Close"), edge("e2", "s", "nowhere", "Lost")]

    # when
    response = put_graph(admin, draft, nodes, edges)

    # then
    assert problems_of(response) == {
        ("role", "s"),
        ("weight", "s"),
        ("role", "x"),
        ("dead_end", "x"),
        ("unreachable", "x"),
        ("dangling", "e2"),
    }


def test_a_refused_graph_saves_nothing(admin, draft, roles):
    put_graph(admin, draft, [node("s", "Triage", None, is_start=True)], [edge("e1", "s", None, "Close")])

    assert not Step.objects.exists()
    assert not Transition.objects.exists()


def test_a_malformed_body_is_400_naming_the_field(admin, draft, roles):
    # given an edge without a from step: the body itself is malformed
    response = put_graph(
        admin, draft, [node("s", "Triage", roles.coordinator.id, is_start=True)], [{"to": None, "label": "x"}]
    )

    assert response.status_code == 400
    assert "edges" in response.json()

"""GET /api/v1/reports/sla/: compliance per workflow and priority (tasks, resolution
target) and per team and agent (items, step target), over the data set of builders.py.

met / breached / no_target: finished in the period; open_breached / at_risk: open now.
"""

import pytest

from reporting.tests.builders import PERIOD
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db

SLA = "/api/v1/reports/sla/"


def rows(client, **params) -> list[dict]:
    response = client.get(SLA, {**PERIOD, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def row(key, label, met=0, breached=0, met_percent=None, no_target=0, open_breached=0, at_risk=0) -> dict:
    return {
        "key": key,
        "label": label,
        "met": met,
        "breached": breached,
        "met_percent": met_percent,
        "no_target": no_target,
        "open_breached": open_breached,
        "at_risk": at_risk,
    }


def test_by_workflow(dataset, workflow, access_workflow, coordinator):
    # when
    results = rows(coordinator)  # workflow is the default grouping
    # (keys are workflow ids here, priority names elsewhere: the schema allows both)
    assert_conforms("workflow", "GET /api/v1/reports/sla/", coordinator.get(SLA, PERIOD))

    # then
    assert results == [
        # T3 rejected without a target; T9 warned and not yet due; T8 finished in February
        row(access_workflow.pk, "Access requests", no_target=1, at_risk=1),
        # T1 met, T2 breached, T4 late; T6 past its target; T5's warning is due;
        # T7 is on hold without a target
        row(workflow.pk, "IT support", met=1, breached=2, met_percent=33.3, open_breached=1, at_risk=1),
    ]


def test_by_priority_most_urgent_first(dataset, coordinator):
    assert rows(coordinator, group_by="priority") == [
        row("urgent", "urgent", open_breached=1, at_risk=1),  # T6, T5
        row("high", "high", met=1, breached=1, met_percent=50.0),  # T1, T2
        row("medium", "medium", breached=1, met_percent=0.0),  # T4; T7 open on track
        row("low", "low", no_target=1, at_risk=1),  # T3, T9
    ]


def test_by_team_counts_the_items_against_their_step_targets(dataset, team, coordinator):
    assert rows(coordinator, group_by="team") == [
        # i1, i4 acted in time; i3 transferred and i7 escalated before their targets;
        # i6 had no target; i10 breached and still open; i9's step warning fired
        row(
            team.support_role.id,
            "IT Support",
            met=4,
            met_percent=100.0,
            no_target=1,
            open_breached=1,
            at_risk=1,
        ),
        # i2 in time; i5 breached; i8 acted after its target
        row(team.supervisor_role.id, "Supervisor", met=1, breached=2, met_percent=33.3),
    ]


def test_by_agent(dataset, team, coordinator):
    assert rows(coordinator, group_by="agent") == [
        row(200, "User 200", met=3, met_percent=100.0, at_risk=1),  # i1, i3, i7; i9
        row(201, "User 201", met=1, met_percent=100.0, no_target=1, open_breached=1),  # i4; i6; i10
        row(300, "User 300", met=1, breached=2, met_percent=33.3),  # i2; i5, i8
    ]


def test_a_role_the_replica_does_not_know_is_labelled_by_its_id(dataset, team, coordinator):
    # given the supervisor role was never synced (or deleted from the replica)
    role_id = team.supervisor_role.id
    team.supervisor_role.delete()

    # then
    labels = [r["label"] for r in rows(coordinator, group_by="team")]
    assert labels == ["IT Support", f"role {role_id}"]


def test_the_answer_names_the_grouping(dataset, coordinator):
    body = coordinator.get(SLA, {**PERIOD, "group_by": "agent"}).json()

    assert body["group_by"] == "agent"
    assert body["since"] == "2025-03-01T00:00:00Z"

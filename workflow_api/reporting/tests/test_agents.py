"""GET /api/v1/reports/agents/: per agent, over the data set of builders.py."""

import pytest

from reporting.tests.builders import PERIOD

pytestmark = pytest.mark.django_db

AGENTS = "/api/v1/reports/agents/"


def test_it_reports_each_agents_items_busiest_first(dataset, coordinator):
    # when
    response = coordinator.get(AGENTS, PERIOD)

    # then
    assert response.status_code == 200, response.content
    assert response.json()["results"] == [
        {
            "agent_id": 300,
            "name": "User 300",
            "items_handled": 3,  # i2, i5, i8
            "avg_minutes_per_item": (180 + 450 + 1380) / 3,  # i5 counts from its assignment
            "reassignments": 0,
            "escalations": 0,
            "open_items": 0,
        },
        {
            "agent_id": 201,
            "name": "User 201",
            "items_handled": 2,  # i4, i6
            "avg_minutes_per_item": (45 + 60) / 2,
            "reassignments": 0,
            "escalations": 0,
            "open_items": 1,  # i10
        },
        {
            "agent_id": 200,
            "name": "User 200",
            "items_handled": 1,  # i1; i12 was acted on in February
            "avg_minutes_per_item": 60.0,
            "reassignments": 1,  # i3
            "escalations": 1,  # i7
            "open_items": 2,  # i9, i13
        },
    ]


def test_hand_overs_count_when_they_happen(dataset, coordinator):
    # given a period that holds T2's transfer (11th 09:45) but not T4's escalation (13th)
    response = coordinator.get(AGENTS, {"since": "2025-03-11T09:00:00Z", "until": "2025-03-12"})

    # then
    agent_200 = next(r for r in response.json()["results"] if r["agent_id"] == 200)
    assert (agent_200["items_handled"], agent_200["reassignments"], agent_200["escalations"]) == (0, 1, 0)


def test_an_sla_escalation_counts_as_an_escalation(dataset, team, access_workflow, coordinator):
    # given agent 201's item breached and the sweep escalated it to the supervisors
    from engine.models import TaskItem

    from reporting.tests.builders import at, item_make, task_make

    task = task_make(access_workflow, status="active", created_at=at(5, 9))
    item_make(
        task,
        step="Handle",
        role_id=team.support_role.id,
        holder=team.agents[1],
        status=TaskItem.Status.ESCALATED,
        created_at=at(5, 9),
        handed_on_at=at(5, 11),
        target_at=at(5, 11),
        breached_at=at(5, 11),
    )

    # when
    results = coordinator.get(AGENTS, PERIOD).json()["results"]

    # then
    assert next(r for r in results if r["agent_id"] == 201)["escalations"] == 1

"""The reports read what the engine really writes: tickets ingested, steps transferred
and acted on through the API, and warnings fired by the SLA sweep."""

from datetime import timedelta

import pytest
from calendars.models import Calendar
from calendars.services import ALWAYS, calendars_ensure_defaults
from django.utils import timezone
from engine.models import Task
from engine.sweeps import sla_sweep
from engine.tests.builders import action_id, diagnose_approve_graph
from workflows.tests.factories import workflow_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def sla_workflow(team):
    """Diagnose (weight 9) → Approve (weight 1); high priority: resolution in 400 minutes,
    so Diagnose gets 360 of them. Around the clock."""
    nodes, edges = diagnose_approve_graph(team)
    nodes[0]["weight"] = 9
    calendars_ensure_defaults()
    return workflow_published(
        name="IT with SLA",
        nodes=nodes,
        edges=edges,
        sla_targets={"high": {"first_response_minutes": 60, "resolution_minutes": 400}},
        calendar=Calendar.objects.get(name=ALWAYS),
    )


def act(client, task, label):
    response = client.post(
        f"/api/v1/tasks/{task.pk}/action/",
        {"action_id": action_id(client, task, label), "comment": "ok"},
        format="json",
    )
    assert response.status_code == 200, response.content


def test_a_ticket_run_through_the_engine_shows_in_every_report(sla_workflow, ingest, holder, coordinator):
    # given a ticket transferred at Diagnose, then accepted and approved
    done = Task.objects.get(ticket=ingest(priority="high"))
    first_item, first = holder(done)
    response = first.post(
        f"/api/v1/tasks/{done.pk}/transfer/", {"user_id": 201, "reason": "busy"}, format="json"
    )
    assert response.status_code == 200, response.content
    _, second = holder(done)
    act(second, done, "Accept")
    done.refresh_from_db()
    approve_item, supervisor = holder(done)
    act(supervisor, done, "Approve")
    # and a second ticket whose resolution and step warnings the sweep has fired
    warned = Task.objects.get(ticket=ingest(priority="high"))
    fired = sla_sweep(now=timezone.now() + timedelta(minutes=310))
    assert (fired["resolution_warning"], fired["step_warning"]) == (1, 1)
    warned_item, _ = holder(warned)

    # when
    summary = coordinator.get("/api/v1/reports/summary/").json()
    agents = coordinator.get("/api/v1/reports/agents/").json()["results"]
    by_workflow = coordinator.get("/api/v1/reports/sla/").json()["results"]
    by_agent = coordinator.get("/api/v1/reports/sla/", {"group_by": "agent"}).json()["results"]
    steps = coordinator.get("/api/v1/reports/steps/").json()["results"]

    # then
    assert (summary["open_tasks"], summary["created"], summary["resolved"]) == (1, 2, 1)
    assert (summary["sla_met"], summary["sla_breached"]) == (1, 0)
    assert summary["first_response_minutes_avg"] is not None
    per_agent = {r["agent_id"]: r for r in agents}
    assert per_agent[first_item.assignee_id]["reassignments"] == 1
    assert per_agent[201]["items_handled"] == 1
    assert per_agent[approve_item.assignee_id]["items_handled"] == 1
    assert [(r["label"], r["met"], r["breached"], r["at_risk"]) for r in by_workflow] == [
        ("IT with SLA", 1, 0, 1)
    ]
    at_risk = {r["key"]: r["at_risk"] for r in by_agent}
    assert at_risk[warned_item.assignee_id] == 1
    assert [(r["step"], r["items"], r["open_items"]) for r in steps] == [
        ("Approve", 1, 0),
        ("Diagnose", 3, 1),
    ]

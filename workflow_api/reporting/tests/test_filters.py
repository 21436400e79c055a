"""Every report narrows by period, workflow, department, role and agent; bad values are
a 400 naming the parameter."""

from datetime import timedelta

import pytest
from django.utils import timezone
from engine.models import Task

from reporting.tests.builders import PERIOD, task_make

pytestmark = pytest.mark.django_db

REPORTS = ["summary", "sla", "agents", "steps", "volume"]


def summary(client, **params) -> dict:
    response = client.get("/api/v1/reports/summary/", {**PERIOD, **params})
    assert response.status_code == 200, response.content
    return response.json()


def counts(body: dict) -> tuple[int, int, int, int]:
    return body["open_tasks"], body["created"], body["resolved"], body["rejected"]


def test_a_date_until_includes_that_whole_day(dataset, coordinator):
    body = summary(coordinator, since="2025-03-11", until="2025-03-11")

    assert body["until"] == "2025-03-12T00:00:00Z"
    assert counts(body)[1:] == (1, 1, 0)  # T2 created and resolved on the 11th


def test_datetimes_bound_the_period_exactly(dataset, coordinator):
    # when: from noon on the 10th to midnight at the end of the 11th
    body = summary(coordinator, since="2025-03-10T12:00:00Z", until="2025-03-12T00:00:00Z")

    # then T1 was created before noon but completed at 13:00; T2 falls inside
    assert counts(body)[1:] == (1, 2, 0)


def test_a_datetime_with_an_offset_is_converted(dataset, coordinator):
    # 13:30+02:00 is 11:30 UTC, after T2's creation at 09:00
    body = summary(coordinator, since="2025-03-11T13:30:00+02:00", until="2025-03-11")

    assert body["since"] == "2025-03-11T11:30:00Z"
    assert counts(body)[1:] == (0, 1, 0)


def test_the_period_defaults_to_the_last_30_days(team, workflow, coordinator):
    # given one task created five days ago and one forty days ago
    now = timezone.now()
    task_make(workflow, status=Task.Status.ACTIVE, created_at=now - timedelta(days=5))
    task_make(workflow, status=Task.Status.ACTIVE, created_at=now - timedelta(days=40))

    # when
    body = coordinator.get("/api/v1/reports/summary/").json()

    # then
    assert body["created"] == 1
    assert body["open_tasks"] == 2


def test_it_narrows_to_a_workflow(dataset, access_workflow, coordinator):
    assert counts(summary(coordinator, workflow=access_workflow.pk)) == (1, 2, 0, 1)  # T9; T3, T9; T3


def test_it_narrows_to_a_department(dataset, coordinator):
    assert counts(summary(coordinator, department="HR")) == (1, 2, 0, 1)  # the access requests


def test_it_narrows_to_the_tasks_a_role_worked_on(dataset, team, coordinator):
    # T1, T2, T4 had a supervisor's item
    assert counts(summary(coordinator, role=team.supervisor_role.id)) == (0, 3, 3, 0)


def test_it_narrows_to_the_tasks_an_agent_worked_on(dataset, coordinator):
    # agent 201 worked on T2 (resolved), T3 (rejected) and T6 (open)
    assert counts(summary(coordinator, agent=201)) == (1, 3, 1, 1)


def test_item_reports_narrow_to_the_items_of_a_role_or_an_agent(dataset, team, coordinator):
    agents = coordinator.get("/api/v1/reports/agents/", {**PERIOD, "role": team.supervisor_role.id}).json()
    steps = coordinator.get("/api/v1/reports/steps/", {**PERIOD, "agent": 201}).json()

    assert [r["agent_id"] for r in agents["results"]] == [300]
    assert [(r["step"], r["items"]) for r in steps["results"]] == [
        ("Handle", 1),
        ("Diagnose", 2),
    ]  # i6; i4, i10


def test_sla_and_volume_narrow_too(dataset, workflow, coordinator):
    sla = coordinator.get("/api/v1/reports/sla/", {**PERIOD, "department": "HR"}).json()
    volume = coordinator.get(
        "/api/v1/reports/volume/", {**PERIOD, "interval": "week", "workflow": workflow.pk}
    ).json()

    assert [r["label"] for r in sla["results"]] == ["Access requests"]
    assert [r["created"] for r in volume["results"]] == [0, 0, 4 - 1, 2, 0, 0]  # T3, T9 are access requests


def test_a_compact_iso_date_is_a_date_too(dataset, coordinator):
    assert summary(coordinator, since="20250311", until="20250311")["until"] == "2025-03-12T00:00:00Z"


def test_a_blank_department_means_any(dataset, coordinator):
    assert summary(coordinator, department="")["created"] == 7


def test_an_unknown_workflow_gives_an_empty_report(dataset, coordinator):
    assert counts(summary(coordinator, workflow=999999)) == (0, 0, 0, 0)


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"since": "yesterday"}, "since"),
        ({"since": "2025-02-30"}, "since"),
        ({"until": "2025-13-01"}, "until"),
        ({"until": "2025-03-01T25:00:00Z"}, "until"),
        ({"until": "2025-03-01T10:00:00+25:00"}, "until"),
        ({"since": "0001-01-01"}, "since"),
        ({"until": "9999-12-31"}, "until"),
        ({"since": "2025-03-10", "until": "2025-03-01"}, "until"),
        ({"since": "2000-01-01", "until": "2025-01-01"}, "since"),
        ({"workflow": "abc"}, "workflow"),
        ({"workflow": "0"}, "workflow"),
        ({"role": "-1"}, "role"),
        ({"agent": "99999999999999999999"}, "agent"),
        ({"department": "IT\x00"}, "department"),
        ({"department": "x" * 101}, "department"),
        ({"format": "xml"}, "format"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(report, params, named, coordinator):
    response = coordinator.get(f"/api/v1/reports/{report}/", params)

    assert response.status_code == 400, response.content
    assert named in response.json()


@pytest.mark.parametrize(
    ("report", "params"), [("sla", {"group_by": "month"}), ("volume", {"interval": "month"})]
)
def test_a_bad_grouping_is_a_400_naming_it(report, params, coordinator):
    response = coordinator.get(f"/api/v1/reports/{report}/", params)

    assert response.status_code == 400
    assert list(response.json()) == list(params)


def test_errors_are_json_even_when_csv_was_asked_for(coordinator):
    response = coordinator.get("/api/v1/reports/agents/", {"format": "csv", "since": "soon"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "since" in response.json()

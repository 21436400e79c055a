"""``?format=csv``: a header row, then the report's rows, as an attachment."""

import csv
import io

import pytest

from reporting.tests.builders import PERIOD

pytestmark = pytest.mark.django_db


def table(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_summary_is_one_row_under_its_header(dataset, coordinator):
    # when
    response = coordinator.get("/api/v1/reports/summary/", {**PERIOD, "format": "csv"})

    # then
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="summary-20250301-20250401.csv"'
    header, row = table(response)
    assert header == [
        "since",
        "until",
        "open_tasks",
        "created",
        "resolved",
        "rejected",
        "resolution_minutes_avg",
        "resolution_minutes_median",
        "first_response_minutes_avg",
        "first_response_minutes_median",
        "sla_met",
        "sla_breached",
        "sla_met_percent",
    ]
    assert row == [
        "2025-03-01T00:00:00Z",
        "2025-04-01T00:00:00Z",
        "4",
        "7",
        "3",
        "1",
        "740.0",
        "540.0",
        "50.0",
        "45.0",
        "1",
        "2",
        "33.3",
    ]


def test_agents_have_a_row_each(dataset, coordinator):
    rows = table(coordinator.get("/api/v1/reports/agents/", {**PERIOD, "format": "csv"}))

    assert rows == [
        [
            "agent_id",
            "name",
            "items_handled",
            "avg_minutes_per_item",
            "reassignments",
            "escalations",
            "open_items",
        ],
        ["300", "User 300", "3", "670.0", "0", "0", "0"],
        ["201", "User 201", "2", "52.5", "0", "0", "1"],
        ["200", "User 200", "1", "60.0", "1", "1", "2"],
    ]


def test_an_empty_report_still_has_its_header(coordinator, db):
    rows = table(coordinator.get("/api/v1/reports/steps/", {**PERIOD, "format": "csv"}))

    assert rows == [
        [
            "workflow_id",
            "workflow",
            "step",
            "items",
            "open_items",
            "avg_minutes_in_step",
            "waited",
            "avg_minutes_waiting",
            "breaches",
        ]
    ]


def test_missing_values_are_empty_cells(dataset, coordinator):
    rows = table(coordinator.get("/api/v1/reports/sla/", {**PERIOD, "format": "csv", "group_by": "workflow"}))

    assert rows[0] == [
        "key",
        "label",
        "met",
        "breached",
        "met_percent",
        "no_target",
        "open_breached",
        "at_risk",
    ]
    assert rows[1][1:] == ["Access requests", "0", "0", "", "1", "0", "1"]


def test_sla_and_volume_export_too(dataset, coordinator):
    sla = table(coordinator.get("/api/v1/reports/sla/", {**PERIOD, "format": "csv", "group_by": "priority"}))
    volume = table(
        coordinator.get("/api/v1/reports/volume/", {**PERIOD, "format": "csv", "interval": "week"})
    )

    assert [r[0] for r in sla] == ["key", "urgent", "high", "medium", "low"]
    assert volume[0] == ["start", "created", "completed", "sla_met", "sla_breached", "sla_met_percent"]
    assert volume[3] == ["2025-03-10", "4", "4", "1", "2", "33.3"]


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_quoted(dataset, workflow, coordinator):
    # given an admin named a workflow like a formula
    workflow.name = '=HYPERLINK("http://evil.example")'
    workflow.save()

    # when
    rows = table(coordinator.get("/api/v1/reports/steps/", {**PERIOD, "format": "csv"}))

    # then
    assert rows[2][1] == '\'=HYPERLINK("http://evil.example")'


def test_format_json_is_the_default_spelled_out(dataset, coordinator):
    response = coordinator.get("/api/v1/reports/summary/", {**PERIOD, "format": "json"})

    assert response["Content-Type"] == "application/json"
    assert response.json()["created"] == 7

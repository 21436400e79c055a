"""GET /api/v1/reports/summary/: the KPI tiles over the data set of builders.py (March 2025)."""

import pytest

from reporting.tests.builders import PERIOD

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/reports/summary/"


def test_it_counts_open_created_resolved_and_rejected_tasks(dataset, coordinator):
    # when
    response = coordinator.get(SUMMARY, PERIOD)

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["since"] == "2025-03-01T00:00:00Z"
    assert body["until"] == "2025-04-01T00:00:00Z"
    assert body["open_tasks"] == 4  # T5, T6, T9 active; T7 on hold (created in February)
    assert body["created"] == 7  # T1-T6 and T9; T7 and T8 are February's
    assert body["resolved"] == 3  # T1, T2 resolved; T4 closed
    assert body["rejected"] == 1  # T3


def test_resolution_time_is_wall_clock_less_time_on_hold(dataset, coordinator):
    body = coordinator.get(SUMMARY, PERIOD).json()

    # T1 240 min; T2 600 min less 60 on hold; T4 1440 min. T3 was rejected: not resolved.
    assert body["resolution_minutes_avg"] == (240 + 540 + 1440) / 3
    assert body["resolution_minutes_median"] == 540


def test_first_response_time_averages_the_tasks_first_answered_in_the_period(dataset, coordinator):
    body = coordinator.get(SUMMARY, PERIOD).json()

    # T1 30, T2 90, T3 60, T4 20 minutes; the open tasks have had no response.
    assert body["first_response_minutes_avg"] == (30 + 90 + 60 + 20) / 4
    assert body["first_response_minutes_median"] == (30 + 60) / 2


def test_sla_met_is_the_share_of_completed_tasks_with_a_target_completed_in_time(dataset, coordinator):
    body = coordinator.get(SUMMARY, PERIOD).json()

    # T1 met; T2 breached (marked); T4 completed after its target (never marked); T3 no target
    assert (body["sla_met"], body["sla_breached"]) == (1, 2)
    assert body["sla_met_percent"] == 33.3


def test_an_empty_period_has_zero_counts_and_no_averages(dataset, coordinator):
    body = coordinator.get(SUMMARY, {"since": "2024-01-01", "until": "2024-01-31"}).json()

    assert body["open_tasks"] == 4  # open tasks are a picture of now
    assert (body["created"], body["resolved"], body["rejected"]) == (0, 0, 0)
    assert body["resolution_minutes_avg"] is None
    assert body["resolution_minutes_median"] is None
    assert body["first_response_minutes_avg"] is None
    assert body["sla_met_percent"] is None

"""GET /api/v1/reports/volume/: tasks created and completed per day or week."""

import pytest

from reporting.tests.builders import PERIOD

pytestmark = pytest.mark.django_db

VOLUME = "/api/v1/reports/volume/"


def test_per_day_lists_every_day_of_the_period(dataset, coordinator):
    # when
    response = coordinator.get(VOLUME, PERIOD)  # day is the default interval

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["interval"] == "day"
    results = body["results"]
    assert [r["start"] for r in results] == [f"2025-03-{d:02d}" for d in range(1, 32)]
    busy = {
        r["start"][-2:]: (r["created"], r["completed"]) for r in results if r["created"] or r["completed"]
    }
    assert busy == {
        "10": (1, 1),  # T1
        "11": (1, 1),  # T2
        "12": (1, 1),  # T3
        "13": (1, 0),  # T4 created
        "14": (0, 1),  # T4 completed
        "20": (1, 0),  # T5
        "21": (1, 0),  # T6
        "25": (1, 0),  # T9
    }


def test_per_week_buckets_start_on_monday(dataset, coordinator):
    # when
    results = coordinator.get(VOLUME, {**PERIOD, "interval": "week"}).json()["results"]

    # then 1 March 2025 is a Saturday: its week began on 24 February
    assert [{k: r[k] for k in ("start", "created", "completed")} for r in results] == [
        {"start": "2025-02-24", "created": 0, "completed": 0},  # T7, T8 are outside the period
        {"start": "2025-03-03", "created": 0, "completed": 0},
        {"start": "2025-03-10", "created": 4, "completed": 4},  # T1-T4
        {"start": "2025-03-17", "created": 2, "completed": 0},  # T5, T6
        {"start": "2025-03-24", "created": 1, "completed": 0},  # T9
        {"start": "2025-03-31", "created": 0, "completed": 0},
    ]


def test_each_bucket_tells_the_sla_compliance_of_what_was_completed_in_it(dataset, coordinator):
    # when
    results = {r["start"]: r for r in coordinator.get(VOLUME, PERIOD).json()["results"]}

    # then T1 met, T2 breached (marked), T3 had no target, T4 completed after its target
    sla = {day[-2:]: (r["sla_met"], r["sla_breached"], r["sla_met_percent"]) for day, r in results.items()}
    assert sla["10"] == (1, 0, 100.0)
    assert sla["11"] == (0, 1, 0.0)
    assert sla["12"] == (0, 0, None)
    assert sla["14"] == (0, 1, 0.0)
    assert sla["20"] == (0, 0, None)  # created only

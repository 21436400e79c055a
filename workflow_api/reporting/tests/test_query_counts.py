"""Each report is a constant number of queries: the same for the data set and for ten
times as much."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.tests.builders import PERIOD, dataset_build

pytestmark = pytest.mark.django_db

CALLS = [
    ("summary", {}),
    ("sla", {"group_by": "workflow"}),
    ("sla", {"group_by": "priority"}),
    ("sla", {"group_by": "team"}),
    ("sla", {"group_by": "agent"}),
    ("agents", {}),
    ("steps", {}),
    ("volume", {"interval": "day"}),
    ("volume", {"interval": "week", "format": "csv"}),
]


def queries(client) -> dict[str, int]:
    counted = {}
    for name, params in CALLS:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/v1/reports/{name}/", {**PERIOD, **params, "role": 11})
        assert response.status_code == 200, response.content
        counted[f"{name} {params}"] = len(captured)
    return counted


def test_the_query_count_does_not_grow_with_the_data(team, workflow, access_workflow, coordinator):
    # given the data set once
    dataset_build(team, workflow, access_workflow)
    once = queries(coordinator)

    # when it grows tenfold
    for _ in range(9):
        dataset_build(team, workflow, access_workflow)
    tenfold = queries(coordinator)

    # then
    assert tenfold == once
    assert max(once.values()) <= 2
    assert coordinator.get("/api/v1/reports/summary/", PERIOD).json()["created"] == 70

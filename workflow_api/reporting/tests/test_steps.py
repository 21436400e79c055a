"""GET /api/v1/reports/steps/: per workflow step, over the items of builders.py's data set
that entered the step in March."""

import pytest

from reporting.tests.builders import PERIOD

pytestmark = pytest.mark.django_db

STEPS = "/api/v1/reports/steps/"


def test_it_reports_each_step_of_each_workflow(dataset, workflow, access_workflow, coordinator):
    # when
    response = coordinator.get(STEPS, PERIOD)

    # then
    assert response.status_code == 200, response.content
    assert response.json()["results"] == [
        {
            "workflow_id": access_workflow.pk,
            "workflow": "Access requests",
            "step": "Handle",
            "items": 2,  # i6, i13; i12 entered in February
            "open_items": 1,  # i13
            "avg_minutes_in_step": 60.0,  # i6
            "waited": 1,  # i13, assigned an hour after it was created
            "avg_minutes_waiting": 60.0,
            "breaches": 0,
        },
        {
            "workflow_id": workflow.pk,
            "workflow": "IT support",
            "step": "Approve",
            "items": 2,  # i2, i5
            "open_items": 0,
            "avg_minutes_in_step": (180 + 450) / 2,
            "waited": 1,  # i5
            "avg_minutes_waiting": 60.0,
            "breaches": 1,  # i5
        },
        {
            "workflow_id": workflow.pk,
            "workflow": "IT support",
            "step": "Diagnose",
            "items": 7,  # i1, i3, i4, i7, i8, i9, i10; i11 entered in February
            "open_items": 2,  # i9, i10
            "avg_minutes_in_step": (60 + 45 + 1380) / 3,  # i1, i4, i8
            "waited": 0,
            "avg_minutes_waiting": None,
            "breaches": 2,  # i10 marked; i8 acted after its target
        },
    ]

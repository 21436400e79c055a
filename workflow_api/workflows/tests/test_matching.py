"""``workflow_match``: exact (department + category + subcategory + priority) → without
priority → department + category → the default → none; case-insensitive; only published
workflows take part."""

import pytest

from workflows.models import Workflow
from workflows.services import workflow_match
from workflows.tests.factories import WorkflowFactory, single_step_graph, workflow_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def ladder(roles):
    """One published workflow at each level of the matching ladder."""
    graph = dict(zip(("nodes", "edges"), single_step_graph(roles.support.id), strict=True))
    return {
        "exact": workflow_published(
            name="exact", department="IT", category="Hardware", subcategory="Laptop", priority="high", **graph
        ),
        "any priority": workflow_published(
            name="any priority", department="IT", category="Hardware", subcategory="Laptop", **graph
        ),
        "category": workflow_published(name="category", department="IT", category="Hardware", **graph),
        "default": workflow_published(
            name="default", department="Facilities", category="General", is_default=True, **graph
        ),
    }


def match(department="IT", category="Hardware", subcategory="Laptop", priority="high"):
    found = workflow_match(
        department=department, category=category, subcategory=subcategory, priority=priority
    )
    return found.name if found else None


def test_the_exact_workflow_wins(ladder):
    assert match() == "exact"


def test_without_a_priority_match_the_subcategory_workflow_wins(ladder):
    assert match(priority="low") == "any priority"


def test_without_a_subcategory_match_the_category_workflow_wins(ladder):
    assert match(subcategory="Mouse") == "category"


def test_without_any_match_the_default_workflow_wins(ladder):
    assert match(department="HR", category="Payroll") == "default"


def test_without_a_default_nothing_matches(ladder):
    Workflow.objects.filter(is_default=True).update(is_default=False)

    assert match(department="HR", category="Payroll") is None


def test_matching_ignores_case(ladder):
    assert match(department="it", category="HARDWARE", subcategory="lAPTOP") == "exact"
    assert match(department="iT", category="hardware", subcategory="MOUSE") == "category"


@pytest.mark.parametrize("level", ["exact", "any priority", "category"])
def test_each_level_beats_the_ones_below_it(ladder, level):
    # given only this level and the ones below it are live
    order = ["exact", "any priority", "category"]
    for higher in order[: order.index(level)]:
        Workflow.objects.filter(pk=ladder[higher].pk).update(status=Workflow.Status.ARCHIVED)

    # then
    assert match() == level


def test_an_archived_workflow_never_matches(ladder, admin):
    admin.post(f"/api/v1/workflows/{ladder['exact'].pk}/archive/")

    assert match() == "any priority"


def test_a_draft_never_matches_even_when_exact(roles):
    # given a draft that fits exactly and a published category workflow
    WorkflowFactory(name="draft", department="IT", category="Hardware", subcategory="Laptop", priority="high")
    nodes, edges = single_step_graph(roles.support.id)
    workflow_published(name="category", department="IT", category="Hardware", nodes=nodes, edges=edges)

    assert match() == "category"


def test_a_draft_default_is_not_the_default(roles):
    WorkflowFactory(name="draft default", department="X", category="Y", is_default=True)

    assert match() is None

"""manage.py seed_history: demo history the dashboards can show, replaced on a second run."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from engine.models import Task, TaskItem
from tickets.models import WorkflowTicket

pytestmark = pytest.mark.django_db


def test_it_writes_weeks_of_work_on_the_published_workflows(team, workflow, access_workflow, admin):
    # given the IT workflow has targets, so some work meets them and some does not
    workflow.sla_targets = {
        p: {"first_response_minutes": 60, "resolution_minutes": 240}
        for p in ("low", "medium", "high", "urgent")
    }
    workflow.save()
    workflow.current_version.definition["sla_targets"] = workflow.sla_targets
    workflow.current_version.save()

    # when
    call_command("seed_history", days=20, per_day=10, seed=1)

    # then every task walked its graph from the start with holders of the steps' roles
    tasks = Task.objects.filter(ticket__ticket_number__startswith="DEMO-")
    assert tasks.count() == 200
    assert {t.workflow_id for t in tasks} == {workflow.pk, access_workflow.pk}
    oldest = min(t.created_at for t in tasks)
    assert timezone.now() - oldest > timezone.timedelta(days=15), "spread over the period"
    for task in tasks.prefetch_related("items"):
        items = sorted(task.items.all(), key=lambda i: i.created_at)
        assert [i.step_id for i in items] == task.path
        assert all(i.created_at >= task.created_at for i in items)
        if task.status == Task.Status.COMPLETED:
            assert task.outcome and task.completed_at > task.created_at
            assert all(i.status == TaskItem.Status.ACTED for i in items)
            assert task.ticket.status == task.outcome
    completed = tasks.filter(status=Task.Status.COMPLETED)
    assert completed.count() > 150
    assert tasks.filter(status=Task.Status.ACTIVE).exists(), "some work is still open"

    # and the reports see it
    body = admin.get("/api/v1/reports/summary/").json()
    assert body["created"] >= 150 and body["resolved"] > 0
    assert body["sla_met"] > 0 and body["sla_breached"] > 0
    assert admin.get("/api/v1/reports/agents/").json()["results"]


def test_running_it_again_replaces_the_demo_history(team, workflow):
    call_command("seed_history", days=5, per_day=4)
    first = set(Task.objects.values_list("pk", flat=True))

    call_command("seed_history", days=5, per_day=4)

    assert Task.objects.count() == 20
    assert not first & set(Task.objects.values_list("pk", flat=True))
    assert WorkflowTicket.objects.filter(ticket_number__startswith="DEMO-").count() == 20


def test_it_refuses_without_a_published_workflow_or_with_silly_sizes(team):
    with pytest.raises(CommandError, match="No published workflow"):
        call_command("seed_history")
    with pytest.raises(CommandError, match="--days"):
        call_command("seed_history", days=0)

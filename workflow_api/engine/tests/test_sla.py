"""SLA clocks on business calendars: targets, step shares along the path, pauses,
priority changes, and the sweep firing warnings and breaches exactly once."""

import threading
from datetime import timedelta

import pytest
from calendars.models import Calendar
from calendars.services import ALWAYS, calendars_ensure_defaults
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from workflows.tests.factories import edge, node, workflow_published

from engine import sla, sweeps
from engine.models import SlaEvent, Task, TaskItem
from engine.sweeps import sla_sweep, sla_sweep_due
from engine.tests.builders import NOTIFY, STATUS, outbox

pytestmark = pytest.mark.django_db
TARGETS = {"high": {"first_response_minutes": 60, "resolution_minutes": 400}}


@pytest.fixture
def sla_workflow(team):
    """Diagnose (weight 1, escalates to Supervisor) → Fix (weight 3) → end; 24×7 calendar."""
    nodes = [
        node(
            "d",
            "Diagnose",
            team.support_role.id,
            is_start=True,
            weight=1,
            escalate_to_role_id=team.supervisor_role.id,
        ),
        node("f", "Fix", team.support_role.id, weight=3),
    ]
    edges = [edge("go", "d", "f", "Diagnosed"), edge("done", "f", None, "Fixed")]
    calendars_ensure_defaults()  # a transactional test before this one may have flushed them
    return workflow_published(
        name="SLA",
        nodes=nodes,
        edges=edges,
        sla_targets=TARGETS,
        calendar=Calendar.objects.get(name=ALWAYS),
        is_default=True,
    )


def _task(ingest, priority="high") -> Task:
    return Task.objects.get(ticket=ingest(priority=priority))


def test_targets_follow_the_priority_and_the_calendar(sla_workflow, ingest):
    task = _task(ingest)

    assert task.target_resolution_at == task.created_at + timedelta(minutes=400)
    assert task.first_response_due_at == task.created_at + timedelta(minutes=60)
    assert task.resolution_warn_at == task.created_at + timedelta(minutes=300)
    payload = outbox(STATUS)[-1]
    assert payload["sla_due_at"] is not None, "status messages carry the current due time"


def test_a_priority_without_a_target_tracks_nothing(sla_workflow, ingest):
    task = _task(ingest, priority="low")
    item = task.items.get()

    assert (task.target_resolution_at, task.first_response_due_at, item.target_at) == (None, None, None)
    assert sla.sla_state(task, item)["state"] == "none"


def test_a_step_gets_its_weight_share_of_the_path_to_the_end(sla_workflow, ingest):
    # given Diagnose (1) then Fix (3) on the way to the end: Diagnose gets a quarter
    task = _task(ingest)
    first = task.items.get()

    assert first.budget_minutes == pytest.approx(100, abs=0.1)
    assert first.target_at == pytest.approx(
        first.created_at + timedelta(minutes=100), abs=timedelta(seconds=1)
    )


def test_a_step_on_a_shorter_remaining_path_gets_all_that_is_left(sla_workflow, ingest, holder):
    task = _task(ingest)
    item, client = holder(task)
    go = next(a["id"] for a in client.get(f"/api/v1/tasks/{task.pk}/available-actions/").json())

    client.post(f"/api/v1/tasks/{task.pk}/action/", {"action_id": go, "comment": "diagnosed"}, format="json")

    fix = task.items.get(step_id=str(sla_workflow.current_version.definition["steps"][1]["id"]))
    assert fix.budget_minutes == pytest.approx(400, abs=1)  # the only step left takes the rest


def test_hold_pauses_the_clock_and_resume_moves_due_times_by_the_time_held(sla_workflow, ingest):
    # given
    task = _task(ingest)
    item = task.items.get()
    due, item_due = task.target_resolution_at, item.target_at
    start = timezone.now()

    # when held for 90 minutes
    sla.task_sla_pause(task, now=start)
    task.status = Task.Status.ON_HOLD
    assert sla.sla_state(task, item)["state"] == "paused"
    task.status = Task.Status.ACTIVE
    sla.task_sla_resume(task, [item], now=start + timedelta(minutes=90))

    # then
    assert task.target_resolution_at == due + timedelta(minutes=90)
    assert item.target_at == item_due + timedelta(minutes=90)
    assert task.paused_minutes == pytest.approx(90)


def test_a_priority_change_keeps_the_elapsed_time(sla_workflow, team, ingest):
    # given a low ticket (no target) that becomes high after a while
    from engine.services import task_priority_changed

    task = _task(ingest, priority="low")
    Task.objects.filter(pk=task.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    ticket = task.ticket
    ticket.priority = "high"
    ticket.save()

    # when
    task_priority_changed(ticket=ticket)

    # then the 400-minute target counts from the start: 370 minutes are left
    task.refresh_from_db()
    left = (task.target_resolution_at - timezone.now()).total_seconds() / 60
    assert left == pytest.approx(370, abs=1)


def test_the_sweep_warns_and_breaches_once_and_escalates_once(sla_workflow, ingest):
    # given a task whose first step is long overdue
    task = _task(ingest)
    item = task.items.get()
    later = timezone.now() + timedelta(minutes=200)

    # when the sweep runs three times
    first = sla_sweep(now=later)
    second = sla_sweep(now=later)
    third = sla_sweep(now=later)

    # then the step's warning and breach fired once, and it escalated once; the escalated
    # item (already late by then) may breach in its turn, but is never escalated again
    assert first["step_warning"] == 1 and first["step_breach"] == 1 and first["escalation"] == 1
    assert "escalation" not in second
    assert third == {}
    item.refresh_from_db()
    assert item.status == TaskItem.Status.ESCALATED
    escalated = task.items.get(status=TaskItem.Status.ASSIGNED)
    assert (
        escalated.reason == "sla_breach"
        and escalated.role_id == item.task.version.step(item.step_id)["escalate_to_role_id"]
    )
    assert SlaEvent.objects.filter(item=item).count() == 2
    assert {p["type"] for p in outbox(NOTIFY)} >= {"sla_warning", "sla_breach", "escalation"}


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_fire_nothing_twice(sla_workflow, ingest):
    tasks = [_task(ingest) for _ in range(6)]
    later = timezone.now() + timedelta(minutes=1000)
    results, errors = [], []

    def sweep():
        try:
            results.append(sla_sweep(now=later))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    for task in tasks:
        first_item = task.items.order_by("id").first()
        assert SlaEvent.objects.filter(item=first_item, kind="breach").count() == 1
        assert SlaEvent.objects.filter(task=task, item=None, target="resolution", kind="breach").count() == 1
        assert task.items.filter(reason="sla_breach").count() == 1


def test_a_run_sweeps_batch_after_batch_until_nothing_is_due(sla_workflow, ingest, monkeypatch):
    # given five overdue tasks, and batches of two
    monkeypatch.setattr(sweeps, "BATCH", 2)
    for _ in range(5):
        _task(ingest)
    later = timezone.now() + timedelta(minutes=1000)

    # when one batch runs, then a whole run
    one = sla_sweep(now=later)
    run = sla_sweep_due(now=later)

    # then the batch breached two tasks and the run the other three
    assert (one["resolution_breach"], run["resolution_breach"]) == (2, 3)
    assert SlaEvent.objects.filter(target="resolution", kind="breach").count() == 5
    assert sla_sweep_due(now=later) == {}


def test_a_run_stops_at_its_time_budget(sla_workflow, ingest, monkeypatch):
    monkeypatch.setattr(sweeps, "BATCH", 2)
    for _ in range(5):
        _task(ingest)
    later = timezone.now() + timedelta(minutes=1000)

    assert sla_sweep_due(now=later, budget=0)["resolution_breach"] == 2
    assert sla_sweep_due(now=later)["resolution_breach"] == 3


def test_the_task_beat_sends_sweeps_the_whole_burst(sla_workflow, ingest, monkeypatch):
    from engine.tasks import sla_sweep as beat_task

    # given five tasks whose resolution warnings are already due, and batches of two
    monkeypatch.setattr(sweeps, "BATCH", 2)
    tasks = [_task(ingest) for _ in range(5)]
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(
        resolution_warn_at=timezone.now() - timedelta(minutes=1)
    )

    # when beat's task runs once
    beat_task.apply()

    # then every warning fired
    assert SlaEvent.objects.filter(target="resolution", kind="warning").count() == 5
    assert not Task.objects.filter(resolution_warn_at__isnull=False, pk__in=[t.pk for t in tasks]).exists()


def test_a_batch_costs_the_same_queries_for_two_due_tasks_or_eight(sla_workflow, ingest):
    def sweep_due(count: int) -> int:
        tasks = [_task(ingest) for _ in range(count)]
        Task.objects.filter(pk__in=[t.pk for t in tasks]).update(
            resolution_warn_at=timezone.now() - timedelta(minutes=1)
        )
        TaskItem.objects.filter(task__in=tasks).update(warn_at=timezone.now() - timedelta(minutes=1))
        with CaptureQueriesContext(connection) as queries:
            fired = sla_sweep()
        assert (fired["resolution_warning"], fired["step_warning"]) == (count, count)
        return len(queries)

    assert sweep_due(2) == sweep_due(8)


def test_a_burst_of_warnings_to_one_person_becomes_one_digest(sla_workflow, team, ingest):
    # given many tasks owned by the same coordinator
    from roles.models import RoleUser

    for coordinator in team.coordinators[1:]:
        RoleUser.objects.filter(pk=coordinator.pk).update(is_active=False)
    tasks = [_task(ingest) for _ in range(6)]
    assert {t.owner_id for t in tasks} == {str(team.coordinators[0].user_id)}

    # when their resolution warnings fall due together
    sla_sweep(now=timezone.now() + timedelta(minutes=310))

    # then the owner gets one digest, not six warnings
    owner = [p for p in outbox(NOTIFY) if p["recipient"]["user_id"] == str(team.coordinators[0].user_id)]
    assert [p["type"] for p in owner if p["type"] in ("digest", "sla_warning")] == ["digest"]
    assert owner[-1]["data"]["count"] >= 6


def test_task_items_expose_due_time_remaining_and_state(sla_workflow, ingest, holder):
    task = _task(ingest)
    item, client = holder(task)

    detail = client.get(f"/api/v1/tasks/{task.pk}/").json()

    sla_of_item = detail["items"][0]["sla"]
    assert sla_of_item["state"] == "on_track"
    assert 99 <= sla_of_item["remaining_minutes"] <= 100
    assert detail["sla"]["state"] == "on_track"

"""Tasks and items with chosen timestamps, written straight to the tables (the engine's
services would stamp them with the current time), and the data set the report tests
share.

The data set, all of March 2025 unless said otherwise (times UTC; "now" is the real
time the test runs, for the live SLA figures). IT = the "IT support" workflow
(Diagnose by IT Support → Approve by Supervisor), AR = "Access requests" (one step,
Handle, by IT Support). Agents: A = 200, B = 201 (IT Support), S = 300 (Supervisor).

T1  IT high   IT dept  created 10th 09:00, first response 09:30, completed 13:00 resolved,
                       target 17:00 → met.                                   240 min
      i1  Diagnose A  09:00 → acted 10:00 (target 12:00)                     60 min
      i2  Approve  S  10:00 → acted 13:00 (target 17:00)                     180 min
T2  IT high   IT dept  created 11th 09:00, first response 10:30, completed 19:00 resolved,
                       60 min on hold, target 17:00 breached at 17:00.       600 - 60 = 540 min
      i3  Diagnose A  09:00, transferred 09:45 (target 11:00)
      i4  Diagnose B  09:45 → acted 10:30 (target 11:00)                     45 min
      i5  Approve  S  created 10:30, waited, assigned 11:30 → acted 19:00 (target 17:00,
                      breached 17:00)                                        450 min, waited 60
T3  AR low    HR dept  created 12th 09:00, first response 10:00, completed 10:00 rejected,
                       no target.
      i6  Handle   B  09:00 → acted 10:00 (no target)                        60 min
T4  IT medium IT dept  created 13th 09:00, first response 09:20, completed 14th 09:00 closed,
                       target 13th 17:00 never marked breached → late.       1440 min
      i7  Diagnose A  09:00, escalated 10:00 (target 12:00)
      i8  Diagnose S  (escalation role) 10:00 → acted 14th 09:00 (target 13th 17:00) late; 1380 min
T5  IT urgent IT dept  created 20th, active, target now + 1 h, warning due now - 1 h → at risk.
      i9  Diagnose A  assigned, target now + 1 h, step warning fired → at risk
T6  IT urgent IT dept  created 21st, active, target now - 1 h, breached → open breached.
      i10 Diagnose B  in progress, target now - 2 h, breached → open breached
T7  IT medium IT dept  created 20 Feb, on hold, no target.
      i11 Diagnose -  waiting since 20 Feb
T8  AR low    HR dept  created 1 Feb, completed 2 Feb resolved (outside the period).
      i12 Handle   A  acted 2 Feb
T9  AR low    HR dept  created 25th 09:00, active, target now + 2 h, resolution warning
                       fired (so ``resolution_warn_at`` is cleared) → at risk.
      i13 Handle   A  created 09:00, waited, assigned 10:00; target now + 2 h, warning
                      due now + 1 h → on track
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from django.utils import timezone
from engine.models import SlaEvent, Task, TaskItem, TaskItemHistory
from roles.models import RoleUser
from tickets.tests.factories import WorkflowTicketFactory
from workflows.models import Workflow

PERIOD = {"since": "2025-03-01", "until": "2025-03-31"}  # until a date: the whole 31st
_SAME = object()


def at(day: int, hour: int, minute: int = 0, *, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=UTC)


def task_make(
    workflow: Workflow,
    *,
    created_at: datetime,
    priority: str = "medium",
    department: str = "IT",
    status: str = Task.Status.COMPLETED,
    **fields,
) -> Task:
    ticket = WorkflowTicketFactory(priority=priority, department=department)
    task = Task.objects.create(
        ticket=ticket, workflow=workflow, version=workflow.current_version, status=status, **fields
    )
    Task.objects.filter(pk=task.pk).update(created_at=created_at)
    return task


def item_make(
    task: Task,
    *,
    step: str,
    role_id: int,
    created_at: datetime,
    holder: RoleUser | None = None,
    status: str = TaskItem.Status.ACTED,
    assigned_at=_SAME,
    handed_on_at: datetime | None = None,
    **fields,
) -> TaskItem:
    """An item; ``assigned_at`` defaults to ``created_at`` when it has a holder.
    ``handed_on_at``: when it was transferred or escalated (an entry in its history)."""
    if assigned_at is _SAME:
        assigned_at = created_at if holder else None
    item = TaskItem.objects.create(
        task=task,
        step_id=step[0].lower(),
        step_name=step,
        role_id=role_id,
        assignee_id=holder.user_id if holder else None,
        assignee_name=holder.name if holder else "",
        assignee_email=holder.email if holder else "",
        status=status,
        assigned_at=assigned_at,
        **fields,
    )
    TaskItem.objects.filter(pk=item.pk).update(created_at=created_at)
    if handed_on_at is not None:
        entry = TaskItemHistory.objects.create(item=item, event=status)
        TaskItemHistory.objects.filter(pk=entry.pk).update(at=handed_on_at)
    return item


def dataset_build(team, it: Workflow, access: Workflow) -> SimpleNamespace:
    """The data set of the module docstring."""
    now = timezone.now()
    hour = timedelta(hours=1)
    a, b = team.agents[0], team.agents[1]
    s = team.supervisors[0]
    support, supervisor = team.support_role.id, team.supervisor_role.id
    active = Task.Status.ACTIVE

    t1 = task_make(
        it,
        priority="high",
        created_at=at(10, 9),
        first_response_at=at(10, 9, 30),
        completed_at=at(10, 13),
        outcome="resolved",
        resolution_target_minutes=480,
        target_resolution_at=at(10, 17),
    )
    item_make(
        t1,
        step="Diagnose",
        role_id=support,
        holder=a,
        created_at=at(10, 9),
        acted_at=at(10, 10),
        target_at=at(10, 12),
    )
    item_make(
        t1,
        step="Approve",
        role_id=supervisor,
        holder=s,
        created_at=at(10, 10),
        acted_at=at(10, 13),
        target_at=at(10, 17),
    )

    t2 = task_make(
        it,
        priority="high",
        created_at=at(11, 9),
        first_response_at=at(11, 10, 30),
        completed_at=at(11, 19),
        outcome="resolved",
        paused_minutes=60,
        resolution_target_minutes=480,
        target_resolution_at=at(11, 17),
        resolution_breached_at=at(11, 17),
    )
    item_make(
        t2,
        step="Diagnose",
        role_id=support,
        holder=a,
        status=TaskItem.Status.TRANSFERRED,
        created_at=at(11, 9),
        handed_on_at=at(11, 9, 45),
        target_at=at(11, 11),
    )
    item_make(
        t2,
        step="Diagnose",
        role_id=support,
        holder=b,
        created_at=at(11, 9, 45),
        acted_at=at(11, 10, 30),
        target_at=at(11, 11),
    )
    item_make(
        t2,
        step="Approve",
        role_id=supervisor,
        holder=s,
        created_at=at(11, 10, 30),
        assigned_at=at(11, 11, 30),
        acted_at=at(11, 19),
        target_at=at(11, 17),
        breached_at=at(11, 17),
    )

    t3 = task_make(
        access,
        priority="low",
        department="HR",
        created_at=at(12, 9),
        first_response_at=at(12, 10),
        completed_at=at(12, 10),
        outcome="rejected",
    )
    item_make(t3, step="Handle", role_id=support, holder=b, created_at=at(12, 9), acted_at=at(12, 10))

    t4 = task_make(
        it,
        created_at=at(13, 9),
        first_response_at=at(13, 9, 20),
        completed_at=at(14, 9),
        outcome="closed",
        resolution_target_minutes=480,
        target_resolution_at=at(13, 17),
    )
    item_make(
        t4,
        step="Diagnose",
        role_id=support,
        holder=a,
        status=TaskItem.Status.ESCALATED,
        created_at=at(13, 9),
        handed_on_at=at(13, 10),
        target_at=at(13, 12),
    )
    item_make(
        t4,
        step="Diagnose",
        role_id=supervisor,
        holder=s,
        created_at=at(13, 10),
        acted_at=at(14, 9),
        target_at=at(13, 17),
    )

    t5 = task_make(
        it,
        priority="urgent",
        status=active,
        created_at=at(20, 9),
        resolution_target_minutes=240,
        target_resolution_at=now + hour,
        resolution_warn_at=now - hour,
    )
    i9 = item_make(
        t5,
        step="Diagnose",
        role_id=support,
        holder=a,
        status=TaskItem.Status.ASSIGNED,
        created_at=at(20, 9),
        target_at=now + hour,
    )
    SlaEvent.objects.create(
        task=t5, item=i9, target=SlaEvent.Target.STEP, kind=SlaEvent.Kind.WARNING, due_at=now + hour
    )

    t6 = task_make(
        it,
        priority="urgent",
        status=active,
        created_at=at(21, 9),
        resolution_target_minutes=240,
        target_resolution_at=now - hour,
        resolution_breached_at=now - hour,
    )
    item_make(
        t6,
        step="Diagnose",
        role_id=support,
        holder=b,
        status=TaskItem.Status.IN_PROGRESS,
        created_at=at(21, 9),
        target_at=now - 2 * hour,
        breached_at=now - 2 * hour,
    )

    t7 = task_make(it, status=Task.Status.ON_HOLD, created_at=at(20, 9, month=2))
    item_make(
        t7, step="Diagnose", role_id=support, status=TaskItem.Status.WAITING, created_at=at(20, 9, month=2)
    )

    t8 = task_make(
        access,
        priority="low",
        department="HR",
        created_at=at(1, 9, month=2),
        completed_at=at(2, 9, month=2),
        outcome="resolved",
    )
    item_make(
        t8, step="Handle", role_id=support, holder=a, created_at=at(1, 9, month=2), acted_at=at(2, 9, month=2)
    )

    t9 = task_make(
        access,
        priority="low",
        department="HR",
        status=active,
        created_at=at(25, 9),
        resolution_target_minutes=240,
        target_resolution_at=now + 2 * hour,
    )
    SlaEvent.objects.create(
        task=t9, target=SlaEvent.Target.RESOLUTION, kind=SlaEvent.Kind.WARNING, due_at=now
    )
    item_make(
        t9,
        step="Handle",
        role_id=support,
        holder=a,
        status=TaskItem.Status.ASSIGNED,
        created_at=at(25, 9),
        assigned_at=at(25, 10),
        target_at=now + 2 * hour,
        warn_at=now + hour,
    )
    return SimpleNamespace(tasks=[t1, t2, t3, t4, t5, t6, t7, t8, t9])

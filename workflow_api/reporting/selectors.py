"""Reports, computed by PostgreSQL: each is one or two aggregate queries, however many
tasks there are, and returns plain dicts ready to serialize or write as CSV.

Every report narrows by :class:`~reporting.filters.ReportFilters`: the workflow and the
ticket's department always; the role and the agent select the items of that role or
person in item reports, and the tasks that had such an item in task reports.

Durations are wall-clock minutes. The SLA clocks run in business time on each workflow's
calendar (``calendars.business_time``), but that arithmetic lives in Python and an
aggregate over tasks on many calendars cannot call it, so the averages and medians here
are what a clock on the wall shows. SLA outcomes, by contrast, are exact: they compare
instants the engine already computed in business time (``target_resolution_at``,
``resolution_warn_at``, ``target_at``, ``warn_at``).

When something counts towards the period:

- a task is *created* at ``created_at``, *completed* at ``completed_at`` and *first
  responded to* at ``first_response_at``;
- an item *leaves* its holder when they act on it (``acted_at``) or when it is transferred,
  reassigned or escalated (the time of that event in the item's history, since the item
  keeps no such timestamp of its own);
- a step's figures are those of the items that *entered* it (``created_at``) in the period.

Open tasks, open breaches and risks are a picture of now: the period does not narrow them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DateField,
    Exists,
    F,
    FloatField,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncDate, TruncWeek
from django.utils import timezone
from engine.models import SlaEvent, Task, TaskItem, TaskItemHistory
from roles.models import Role

from reporting.filters import ReportFilters
from tts_common.messages import PRIORITIES

OPEN_TASK = (Task.Status.ACTIVE, Task.Status.ON_HOLD)
RESOLVED_OUTCOMES = ("resolved", "closed")
HELD = (TaskItem.Status.ASSIGNED, TaskItem.Status.IN_PROGRESS)
# The history events that end an item without an action of its holder.
HANDED_ON_EVENTS = ("transferred", "reassigned", "escalated")

SUMMARY_COLUMNS = (
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
)
SLA_COLUMNS = ("key", "label", "met", "breached", "met_percent", "no_target", "open_breached", "at_risk")
AGENT_COLUMNS = (
    "agent_id",
    "name",
    "items_handled",
    "avg_minutes_per_item",
    "reassignments",
    "escalations",
    "open_items",
)
STEP_COLUMNS = (
    "workflow_id",
    "workflow",
    "step",
    "items",
    "open_items",
    "avg_minutes_in_step",
    "waited",
    "avg_minutes_waiting",
    "breaches",
)
VOLUME_COLUMNS = ("start", "created", "completed", "sla_met", "sla_breached", "sla_met_percent")


class Minutes(Func):
    """Wall-clock minutes from ``start`` to ``end`` (a float; NULL if either is NULL)."""

    template = "CAST(EXTRACT(EPOCH FROM (%(expressions)s)) / 60 AS double precision)"
    arg_joiner = " - "
    output_field = FloatField()

    def __init__(self, end: str, start: str):
        super().__init__(F(end), F(start))


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median, interpolated between the two
    middle values of an even count."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _within(field: str, filters: ReportFilters) -> Q:
    return Q(**{f"{field}__gte": filters.since, f"{field}__lt": filters.until})


def _tasks(filters: ReportFilters) -> QuerySet[Task]:
    tasks = Task.objects.order_by()
    if filters.workflow_id is not None:
        tasks = tasks.filter(workflow_id=filters.workflow_id)
    if filters.department is not None:
        tasks = tasks.filter(ticket__department=filters.department)
    if filters.role_id is not None:
        tasks = tasks.filter(Exists(TaskItem.objects.filter(task=OuterRef("pk"), role_id=filters.role_id)))
    if filters.agent_id is not None:
        tasks = tasks.filter(
            Exists(TaskItem.objects.filter(task=OuterRef("pk"), assignee_id=filters.agent_id))
        )
    return tasks


def _items(filters: ReportFilters) -> QuerySet[TaskItem]:
    """The items in scope, annotated with ``left_at``: when the item left its holder."""
    handed_on = (
        TaskItemHistory.objects.filter(item=OuterRef("pk"), event__in=HANDED_ON_EVENTS)
        .order_by("-at")
        .values("at")[:1]
    )
    # COALESCE evaluates the subquery only for items nobody acted on.
    items = TaskItem.objects.order_by().annotate(left_at=Coalesce("acted_at", Subquery(handed_on)))
    if filters.workflow_id is not None:
        items = items.filter(task__workflow_id=filters.workflow_id)
    if filters.department is not None:
        items = items.filter(task__ticket__department=filters.department)
    if filters.role_id is not None:
        items = items.filter(role_id=filters.role_id)
    if filters.agent_id is not None:
        items = items.filter(assignee_id=filters.agent_id)
    return items


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# ---------------------------------------------------------------- summary


def report_summary(*, filters: ReportFilters) -> dict[str, Any]:
    """KPI tiles, in one query.

    - ``open_tasks``: active or on hold now.
    - ``created``: tasks created in the period.
    - ``resolved`` / ``rejected``: tasks completed in the period with outcome resolved or
      closed / rejected.
    - ``resolution_minutes_*``: over the resolved (or closed) tasks of the period,
      ``completed_at - created_at`` in wall-clock minutes minus ``paused_minutes``. The
      engine keeps time on hold in *business* minutes of the workflow's calendar; on a
      round-the-clock calendar (the default) that is the wall-clock hold, on a
      working-hours calendar it is less, so the figure then leans high. Business-time
      durations per calendar are out of reach of an SQL aggregate (see the module).
    - ``first_response_minutes_*``: over tasks first responded to in the period,
      ``first_response_at - created_at`` in wall-clock minutes.
    - ``sla_met`` / ``sla_breached`` / ``sla_met_percent``: tasks completed in the period
      (any outcome) that had a resolution target, met when completed by the target with no
      breach recorded; the percentage is met over both, null when there are none.
    """
    completed = Q(status=Task.Status.COMPLETED) & _within("completed_at", filters)
    resolved = completed & Q(outcome__in=RESOLVED_OUTCOMES)
    targeted = completed & Q(target_resolution_at__isnull=False)
    responded = _within("first_response_at", filters)
    resolution = Minutes("completed_at", "created_at") - F("paused_minutes")
    first_response = Minutes("first_response_at", "created_at")
    row = _tasks(filters).aggregate(
        open_tasks=Count("pk", filter=Q(status__in=OPEN_TASK)),
        created=Count("pk", filter=_within("created_at", filters)),
        resolved=Count("pk", filter=resolved),
        rejected=Count("pk", filter=completed & Q(outcome="rejected")),
        resolution_minutes_avg=Avg(resolution, filter=resolved),
        resolution_minutes_median=Median(resolution, filter=resolved),
        first_response_minutes_avg=Avg(first_response, filter=responded),
        first_response_minutes_median=Median(first_response, filter=responded),
        sla_met=Count("pk", filter=targeted & _task_on_time()),
        sla_breached=Count("pk", filter=targeted & _task_late()),
    )
    for key in (
        "resolution_minutes_avg",
        "resolution_minutes_median",
        "first_response_minutes_avg",
        "first_response_minutes_median",
    ):
        row[key] = _minutes(row[key])
    row["sla_met_percent"] = _percent(row["sla_met"], row["sla_met"] + row["sla_breached"])
    return {"since": filters.since, "until": filters.until, **row}


# ---------------------------------------------------------------- SLA compliance


def _task_on_time() -> Q:
    return Q(resolution_breached_at__isnull=True, completed_at__lte=F("target_resolution_at"))


def _task_late() -> Q:
    # The sweep may not have marked a task that was completed just after its target.
    return Q(resolution_breached_at__isnull=False) | Q(completed_at__gt=F("target_resolution_at"))


def _task_sla_counts(filters: ReportFilters, now: datetime) -> dict[str, Aggregate]:
    completed = Q(status=Task.Status.COMPLETED) & _within("completed_at", filters)
    targeted = completed & Q(target_resolution_at__isnull=False)
    warned = SlaEvent.objects.filter(
        task=OuterRef("pk"), item__isnull=True, target=SlaEvent.Target.RESOLUTION, kind=SlaEvent.Kind.WARNING
    )
    active = Task.Status.ACTIVE
    return {
        "met": Count("pk", filter=targeted & _task_on_time()),
        "breached": Count("pk", filter=targeted & _task_late()),
        "no_target": Count("pk", filter=completed & Q(target_resolution_at__isnull=True)),
        "open_breached": Count(
            "pk",
            filter=Q(status__in=OPEN_TASK)
            & (Q(resolution_breached_at__isnull=False) | Q(status=active, target_resolution_at__lte=now)),
        ),
        "at_risk": Count(
            "pk",
            filter=Q(status=active, resolution_breached_at__isnull=True, target_resolution_at__gt=now)
            & (Q(resolution_warn_at__lte=now) | Q(resolution_warn_at__isnull=True) & Exists(warned)),
        ),
    }


def _item_late() -> Q:
    """Marked breached by the sweep, or left its holder after the target."""
    return Q(breached_at__isnull=False) | Q(left_at__gt=F("target_at"))


def _item_sla_counts(filters: ReportFilters, now: datetime) -> dict[str, Aggregate]:
    left = ~Q(status__in=TaskItem.OPEN) & _within("left_at", filters)
    targeted = left & Q(target_at__isnull=False)
    warned = SlaEvent.objects.filter(
        item=OuterRef("pk"), target=SlaEvent.Target.STEP, kind=SlaEvent.Kind.WARNING
    )
    open_ = Q(status__in=TaskItem.OPEN, task__status__in=OPEN_TASK)
    active = Task.Status.ACTIVE
    return {
        "met": Count("pk", filter=targeted & Q(breached_at__isnull=True, left_at__lte=F("target_at"))),
        "breached": Count("pk", filter=targeted & _item_late()),
        "no_target": Count("pk", filter=left & Q(target_at__isnull=True)),
        "open_breached": Count(
            "pk",
            filter=open_ & (Q(breached_at__isnull=False) | Q(task__status=active, target_at__lte=now)),
        ),
        "at_risk": Count(
            "pk",
            filter=open_
            & Q(task__status=active, breached_at__isnull=True, target_at__gt=now)
            & (Q(warn_at__lte=now) | Q(warn_at__isnull=True) & Exists(warned)),
        ),
    }


def report_sla(*, filters: ReportFilters, group_by: str, now: datetime | None = None) -> list[dict[str, Any]]:
    """SLA compliance per workflow, priority, team (the items' role) or agent (the items'
    holder), in one query. Each row has ``key`` (workflow id, priority, role id, user id)
    and ``label`` (its name).

    By workflow and priority the unit is the task and its resolution target; by team and
    agent it is the item and its step target (the share of the resolution time the step
    got), since a person answers for their step, not for the whole ticket.

    - ``met``: completed (tasks) or left (items) in the period by the target, with no
      breach recorded; ``breached``: the same but late or marked breached;
      ``no_target``: the same without a target; ``met_percent``: met over met + breached.
      An item handed on by transfer or escalation counts as met if it left in time.
    - ``open_breached``: open now and past the target (recorded by the SLA sweep, or due
      already on an active task the sweep has not reached yet).
    - ``at_risk``: open and active now, not yet breached, and in the SLA warning zone: the
      warning instant (``resolution_warn_at`` / ``warn_at``, the last
      ``1 - SLA_WARN_FRACTION`` = 25% of the budget in business time) has passed, or the
      sweep has fired the warning (it clears that instant when it does).
    """
    now = now or timezone.now()
    if group_by in ("workflow", "priority"):
        tasks = _tasks(filters).filter(
            Q(status=Task.Status.COMPLETED) & _within("completed_at", filters) | Q(status__in=OPEN_TASK)
        )
        counts = _task_sla_counts(filters, now)
        if group_by == "workflow":
            groups = tasks.values(key=F("workflow_id"), label=F("workflow__name"))
        else:
            groups = tasks.values(key=F("ticket__priority"), label=F("ticket__priority"))
    else:
        items = _items(filters).filter(
            ~Q(status__in=TaskItem.OPEN) & _within("left_at", filters)
            | Q(status__in=TaskItem.OPEN, task__status__in=OPEN_TASK)
        )
        counts = _item_sla_counts(filters, now)
        if group_by == "team":
            role_name = Role.objects.filter(pk=OuterRef("role_id")).order_by().values("name")[:1]
            groups = items.values(key=F("role_id"), label=Subquery(role_name))
        else:
            groups = items.filter(assignee_id__isnull=False).values(key=F("assignee_id"))
            counts["label"] = Max("assignee_name")
    rows = list(groups.annotate(**counts).order_by("key"))
    for row in rows:
        row["met_percent"] = _percent(row["met"], row["met"] + row["breached"])
        if row["label"] is None:  # a role the replica does not know (yet)
            row["label"] = f"role {row['key']}"
    if group_by == "priority":
        rows.sort(key=lambda r: -PRIORITIES.index(r["key"]) if r["key"] in PRIORITIES else 1)
    else:
        rows.sort(key=lambda r: (str(r["label"]).lower(), r["key"]))
    return [{column: row[column] for column in SLA_COLUMNS} for row in rows]


# ---------------------------------------------------------------- agents


def report_agents(*, filters: ReportFilters) -> list[dict[str, Any]]:
    """Per agent (the items' holder), in one query:

    - ``items_handled``: items they acted on in the period;
    - ``avg_minutes_per_item``: over those, ``acted_at - assigned_at`` in wall-clock minutes;
    - ``reassignments``: their items transferred away in the period (by themselves, an
      admin, or a delegation while they were away);
    - ``escalations``: their items escalated in the period, by hand or by the SLA sweep;
    - ``open_items``: the items they hold now.

    Busiest first.
    """
    handled = Q(status=TaskItem.Status.ACTED) & _within("acted_at", filters)
    left = _within("left_at", filters)
    rows = (
        _items(filters)
        .filter(assignee_id__isnull=False)
        .filter(left | Q(status__in=HELD))
        .values(agent_id=F("assignee_id"))
        .annotate(
            name=Max("assignee_name"),
            items_handled=Count("pk", filter=handled),
            avg_minutes_per_item=Avg(Minutes("acted_at", "assigned_at"), filter=handled),
            reassignments=Count("pk", filter=left & Q(status=TaskItem.Status.TRANSFERRED)),
            escalations=Count("pk", filter=left & Q(status=TaskItem.Status.ESCALATED)),
            open_items=Count("pk", filter=Q(status__in=HELD)),
        )
        .order_by("-items_handled", "agent_id")
    )
    return [
        {**row, "avg_minutes_per_item": _minutes(row["avg_minutes_per_item"])}
        for row in rows.values(*AGENT_COLUMNS)
    ]


# ---------------------------------------------------------------- steps


def report_steps(*, filters: ReportFilters) -> list[dict[str, Any]]:
    """Per workflow step (its name within the workflow, across versions), over the items
    that entered the step in the period, in one query. A transfer or an escalation opens
    a new item at the same step, so ``items`` counts hand-overs too.

    - ``open_items``: those still open;
    - ``avg_minutes_in_step``: over those acted on, ``acted_at - assigned_at``;
    - ``waited`` / ``avg_minutes_waiting``: those that waited in the role's queue (assigned
      after they were created; an item assigned on creation gets ``assigned_at`` no later
      than ``created_at``) and their average ``assigned_at - created_at``;
    - ``breaches``: those marked breached by the SLA sweep or that left after their target.

    Minutes are wall-clock. Ordered by workflow, then step.
    """
    acted = Q(status=TaskItem.Status.ACTED)
    waited = Q(assigned_at__gt=F("created_at"))
    rows = (
        _items(filters)
        .filter(_within("created_at", filters))
        .values(workflow_id=F("task__workflow_id"), workflow=F("task__workflow__name"), step=F("step_name"))
        .annotate(
            items=Count("pk"),
            open_items=Count("pk", filter=Q(status__in=TaskItem.OPEN)),
            avg_minutes_in_step=Avg(Minutes("acted_at", "assigned_at"), filter=acted),
            waited=Count("pk", filter=waited),
            avg_minutes_waiting=Avg(Minutes("assigned_at", "created_at"), filter=waited),
            breaches=Count("pk", filter=_item_late()),
        )
        .order_by("workflow", "workflow_id", "step")
    )
    return [
        {
            **row,
            "avg_minutes_in_step": _minutes(row["avg_minutes_in_step"]),
            "avg_minutes_waiting": _minutes(row["avg_minutes_waiting"]),
        }
        for row in rows.values(*STEP_COLUMNS)
    ]


# ---------------------------------------------------------------- volume


def _bucket(day: date, interval: str) -> date:
    return day if interval == "day" else day - timedelta(days=day.weekday())  # weeks start on Monday


def report_volume(*, filters: ReportFilters, interval: str) -> list[dict[str, Any]]:
    """Tasks created and completed per day or per ISO week (Monday) in the service's time
    zone, with the SLA compliance of those completed (as in the summary), in two queries;
    every bucket of the period is listed, empty ones with zeros."""
    if interval == "day":
        trunc = TruncDate
    else:

        def trunc(field: str):
            return TruncWeek(field, output_field=DateField())

    tasks = _tasks(filters)
    created = dict(
        tasks.filter(_within("created_at", filters))
        .values(bucket=trunc("created_at"))
        .annotate(n=Count("pk"))
        .values_list("bucket", "n")
    )
    targeted = Q(target_resolution_at__isnull=False)
    completed = {
        row["bucket"]: row
        for row in tasks.filter(_within("completed_at", filters), status=Task.Status.COMPLETED)
        .values(bucket=trunc("completed_at"))
        .annotate(
            n=Count("pk"),
            met=Count("pk", filter=targeted & _task_on_time()),
            late=Count("pk", filter=targeted & _task_late()),
        )
    }
    nothing = {"n": 0, "met": 0, "late": 0}
    zone = timezone.get_current_timezone()
    first = _bucket(timezone.localtime(filters.since, zone).date(), interval)
    last = _bucket(timezone.localtime(filters.until - timedelta(microseconds=1), zone).date(), interval)
    step = 1 if interval == "day" else 7
    starts = [first + timedelta(days=n) for n in range(0, (last - first).days + 1, step)]
    rows = []
    for start in starts:
        done = completed.get(start, nothing)
        rows.append(
            {
                "start": start,
                "created": created.get(start, 0),
                "completed": done["n"],
                "sla_met": done["met"],
                "sla_breached": done["late"],
                "sla_met_percent": _percent(done["met"], done["met"] + done["late"]),
            }
        )
    return rows

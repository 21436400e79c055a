"""SLA clocks in business time.

A task's first-response and resolution targets come from its version's SLA targets for
the ticket's priority, counted on the workflow's calendar. Time on hold is not counted.
Each step's target is its share of the resolution time still left when the step begins:
its weight over the weights of the steps on the shortest way from it to the end, so
each transition re-plans with the path the task actually took.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime
from typing import Any

from calendars.business_time import Schedule, business_add, business_minutes
from calendars.selectors import schedule_of
from django.conf import settings
from django.utils import timezone

from engine.models import Task, TaskItem

ON_TRACK, AT_RISK, BREACHED, PAUSED, NONE = "on_track", "at_risk", "breached", "paused", "none"


def warn_fraction() -> float:
    return getattr(settings, "SLA_WARN_FRACTION", 0.75)


def task_schedule(task: Task) -> Schedule:
    return schedule_of(task.workflow.calendar)


def _targets(task: Task) -> dict[str, Any]:
    return (task.version.definition.get("sla_targets") or {}).get(task.ticket.priority) or {}


def _elapsed(schedule: Schedule, since: datetime, paused: float, now: datetime) -> float:
    return max(0.0, business_minutes(schedule, since, now) - paused)


def path_share(version_definition: dict[str, Any], step_id: str) -> float:
    """The step's weight over the weights of the steps on the shortest way from it to the end."""
    steps = {s["id"]: s for s in version_definition["steps"]}
    outgoing: dict[str, list[str | None]] = {}
    for t in version_definition["transitions"]:
        outgoing.setdefault(t["from"], []).append(t["to"])
    # breadth-first search to the end, remembering the way
    previous: dict[str, str | None] = {step_id: None}
    queue, last = deque([step_id]), None
    while queue:
        current = queue.popleft()
        if None in outgoing.get(current, []):
            last = current
            break
        for target in outgoing.get(current, []):
            if target is not None and target not in previous:
                previous[target] = current
                queue.append(target)
    way = []
    while last is not None:
        way.append(last)
        last = previous[last]
    total = sum(int(steps[s].get("weight", 1)) for s in way) or 1
    return int(steps[step_id].get("weight", 1)) / total


def task_sla_start(task: Task, *, now: datetime | None = None, schedule: Schedule | None = None) -> None:
    """Set the task's targets when it starts (or when its priority changes: elapsed
    business time is kept, the new targets apply to what is left). ``schedule``: the
    workflow's calendar, when the caller has it already."""
    now = now or timezone.now()
    targets = _targets(task)
    schedule = schedule or task_schedule(task)
    elapsed = _elapsed(schedule, task.created_at or now, task.paused_minutes, now)
    task.first_response_target_minutes = targets.get("first_response_minutes")
    task.resolution_target_minutes = targets.get("resolution_minutes")
    task.first_response_due_at = (
        business_add(schedule, now, task.first_response_target_minutes - elapsed)
        if task.first_response_target_minutes and task.first_response_at is None
        else None
    )
    if task.resolution_target_minutes:
        left = task.resolution_target_minutes - elapsed
        task.target_resolution_at = business_add(schedule, now, left)
        task.resolution_warn_at = business_add(
            schedule, now, task.resolution_target_minutes * warn_fraction() - elapsed
        )
    else:
        task.target_resolution_at = task.resolution_warn_at = None


def item_sla_start(
    task: Task, item: TaskItem, *, now: datetime | None = None, schedule: Schedule | None = None
) -> None:
    """Give a new item its share of the resolution time left."""
    now = now or timezone.now()
    if not task.resolution_target_minutes or task.target_resolution_at is None:
        item.budget_minutes = item.target_at = item.warn_at = None
        return
    schedule = schedule or task_schedule(task)
    left = max(0.0, business_minutes(schedule, now, task.target_resolution_at))
    item.budget_minutes = left * path_share(task.version.definition, item.step_id)
    item.target_at = business_add(schedule, now, item.budget_minutes)
    item.warn_at = business_add(schedule, now, item.budget_minutes * warn_fraction())


def task_sla_pause(task: Task, *, now: datetime | None = None) -> None:
    task.paused_at = now or timezone.now()


def task_sla_resume(task: Task, items: list[TaskItem], *, now: datetime | None = None) -> None:
    """Continue the clocks: every open due time moves by the business time spent on hold."""
    now = now or timezone.now()
    if task.paused_at is None:
        return
    schedule = task_schedule(task)
    held = max(0.0, business_minutes(schedule, task.paused_at, now))
    task.paused_minutes += held
    task.paused_at = None
    for field in ("first_response_due_at", "target_resolution_at", "resolution_warn_at"):
        due = getattr(task, field)
        if due is not None:
            setattr(task, field, _shift(schedule, due, held))
    for item in items:
        item.paused_minutes += held
        for field in ("target_at", "warn_at"):
            due = getattr(item, field)
            if due is not None:
                setattr(item, field, _shift(schedule, due, held))


def _shift(schedule: Schedule, due: datetime, held: float) -> datetime:
    """A due time moved later by ``held`` business minutes."""
    return business_add(schedule, due, held)


def sla_state(task: Task, item: TaskItem | None = None, *, now: datetime | None = None) -> dict[str, Any]:
    """What users see: due time, business minutes remaining, and the state."""
    due = item.target_at if item is not None else task.target_resolution_at
    return sla_reading(
        due=due,
        budget=item.budget_minutes if item is not None else task.resolution_target_minutes,
        on_hold=task.status == Task.Status.ON_HOLD,
        schedule=None if due is None else task_schedule(task),
        now=now or timezone.now(),
    )


def sla_reading(
    *, due: datetime | None, budget: float | None, on_hold: bool, schedule: Schedule | None, now: datetime
) -> dict[str, Any]:
    """sla_state from the figures themselves (the task list reads them without a Task);
    ``schedule`` may be None only when nothing is due."""
    if due is None:
        return {"due_at": None, "remaining_minutes": None, "state": NONE}
    remaining = business_minutes(schedule, now, due)
    if on_hold:
        state, remaining = PAUSED, None
    elif remaining <= 0:
        state = BREACHED
    elif budget and remaining <= budget * (1 - warn_fraction()):
        state = AT_RISK
    else:
        state = ON_TRACK
    return {
        "due_at": due,
        "remaining_minutes": None if remaining is None else round(remaining, 1),
        "state": state,
    }

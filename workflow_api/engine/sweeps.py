"""The SLA sweep (Celery beat, every minute): warnings and breaches, each exactly once.

Each query reads only rows whose due time has come, through partial indexes on the due
times, in batches whose tasks are locked with SKIP LOCKED: one sweep at a time handles a
task, the events already recorded for it say what has fired, and the SlaEvent unique
constraints stay the backstop, so two sweeps at once never fire the same event twice. A
breached step escalates to the step's escalation role. Notifications of one batch are
grouped per person: more than DIGEST_AFTER become one digest.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from roles.models import RoleUser
from tickets.models import OutboxMessage

from engine.models import SlaEvent, Task, TaskItem
from tts_common.outbox import outbox_batch

logger = logging.getLogger(__name__)
BATCH = 500
BUDGET_SECONDS = 45.0  # of the minute between two runs
DIGEST_AFTER = 3


@dataclass
class Outbox:
    """Notifications gathered during one sweep, per recipient."""

    by_user: dict[tuple[int, str], list[dict]] = field(default_factory=lambda: defaultdict(list))

    def add(self, user_id: int | None, email: str, *, link: str = "", **notification) -> None:
        notification["link"] = link
        if user_id is not None:
            self.by_user[(user_id, email)].append(notification)

    def flush(self) -> int:
        from engine.services import notify

        sent = 0
        for (user_id, email), notes in self.by_user.items():
            if len(notes) > DIGEST_AFTER:
                body = "\n".join(f"- {n['title']}" for n in notes)
                notify(
                    user_id=user_id,
                    email=email,
                    type="digest",
                    title=f"{len(notes)} SLA alerts",
                    body=body,
                    data={"count": len(notes)},
                )
            else:
                for note in notes:
                    notify(user_id=user_id, email=email, **note)
            sent += 1
        return sent


@dataclass
class Batch:
    """One batch's work, written with a statement per kind when the batch ends. The tasks
    are locked, so the events already recorded for them (read once) say exactly what has
    fired; the unique constraints stay the final word."""

    now: datetime
    fired_before: set[tuple[int, int | None, str, str]]
    fired: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    notes: Outbox = field(default_factory=Outbox)
    events: list[SlaEvent] = field(default_factory=list)
    items_warned: list[int] = field(default_factory=list)
    items_breached: list[int] = field(default_factory=list)
    tasks_warned: list[int] = field(default_factory=list)
    tasks_breached: list[int] = field(default_factory=list)
    first_responses_breached: list[int] = field(default_factory=list)

    def fire(self, *, task: Task, item: TaskItem | None, target: str, kind: str, due) -> bool:
        """Record the event; False if it already fired (an earlier run)."""
        key = (task.pk, item.pk if item else None, target, kind)
        if key in self.fired_before:
            return False
        self.fired_before.add(key)
        self.events.append(SlaEvent(task=task, item=item, target=target, kind=kind, due_at=due))
        return True

    def write(self) -> None:
        SlaEvent.objects.bulk_create(self.events, ignore_conflicts=True)
        for model, ids, values in (
            (TaskItem, self.items_warned, {"warn_at": None}),
            (TaskItem, self.items_breached, {"breached_at": self.now}),
            (Task, self.tasks_warned, {"resolution_warn_at": None}),
            (Task, self.tasks_breached, {"resolution_breached_at": self.now}),
            (Task, self.first_responses_breached, {"first_response_breached_at": self.now}),
        ):
            if ids:
                model.objects.filter(pk__in=ids).update(**values)
        self.notes.flush()


def _owners(tasks: list[Task]) -> dict[str, RoleUser]:
    """Each task owner's (coordinator's) first role row, for their email: one query."""
    ids = {int(task.owner_id) for task in tasks if task.owner_id.isdigit()}
    owners: dict[str, RoleUser] = {}
    for row in RoleUser.objects.filter(user_id__in=ids).order_by("pk"):
        owners.setdefault(str(row.user_id), row)
    return owners


def _due_task_ids(now) -> list[int]:
    """Tasks with anything due, each condition read through its own partial index."""
    open_items = TaskItem.objects.filter(status__in=TaskItem.OPEN, task__status=Task.Status.ACTIVE)
    active = Task.objects.filter(status=Task.Status.ACTIVE)
    queries = [
        open_items.filter(warn_at__lte=now).order_by("warn_at").values_list("task_id", flat=True),
        open_items.filter(target_at__lte=now, breached_at__isnull=True)
        .order_by("target_at")
        .values_list("task_id", flat=True),
        active.filter(resolution_warn_at__lte=now)
        .order_by("resolution_warn_at")
        .values_list("pk", flat=True),
        active.filter(target_resolution_at__lte=now, resolution_breached_at__isnull=True)
        .order_by("target_resolution_at")
        .values_list("pk", flat=True),
        active.filter(
            first_response_at__isnull=True,
            first_response_breached_at__isnull=True,
            first_response_due_at__lte=now,
        )
        .order_by("first_response_due_at")
        .values_list("pk", flat=True),
    ]
    ids: set[int] = set()
    for query in queries:
        ids.update(query[:BATCH])
    return sorted(ids)[:BATCH]


def sla_sweep_due(*, now=None, budget: float = BUDGET_SECONDS) -> dict[str, int]:
    """What beat runs every minute: batch after batch, each in its own transaction, while
    the batches come full, so a burst (Monday 09:00 on an office calendar) is handled in
    one run instead of BATCH a minute. It stops when a batch is not full, when a batch
    could lock nothing (another sweep holds the tasks), or after ``budget`` seconds: the
    next run goes on from there."""
    started = time.monotonic()
    total: Counter[str] = Counter()
    while True:
        fired, due, swept = _sweep_batch(now or timezone.now())
        total.update(fired)
        if due < BATCH or not swept or time.monotonic() - started >= budget:
            return dict(total)


def sla_sweep(*, now=None) -> dict[str, int]:
    """One batch: up to BATCH tasks with anything due."""
    return _sweep_batch(now or timezone.now())[0]


def _sweep_batch(now) -> tuple[dict[str, int], int, int]:
    """The events fired, the tasks found due and the tasks swept. Tasks are locked first
    (in id order, skipping those another sweep holds), then their items: the same order
    as every task action."""
    from engine.services import sla_breach_escalate

    # the batch's messages (notifications, escalations' status messages) are inserted with
    # one statement and published together once it commits
    with transaction.atomic(), outbox_batch(OutboxMessage):
        ids = _due_task_ids(now)
        tasks = list(
            Task.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("ticket", "version")
            .filter(pk__in=ids, status=Task.Status.ACTIVE)
            .order_by("pk")
        )
        batch = Batch(
            now=now,
            fired_before=set(
                SlaEvent.objects.filter(task__in=tasks).values_list("task_id", "item_id", "target", "kind")
            ),
        )
        owners = _owners(tasks)
        due_items: dict[int, list[TaskItem]] = defaultdict(list)
        for item in (
            TaskItem.objects.filter(task__in=tasks, status__in=TaskItem.OPEN)
            .filter(Q(warn_at__lte=now) | Q(target_at__lte=now, breached_at__isnull=True))
            .order_by("pk")
        ):
            due_items[item.task_id].append(item)
        for task in tasks:
            _sweep_task(task, due_items[task.pk], batch, sla_breach_escalate, owners.get(task.owner_id))
        batch.write()
    if batch.fired:
        logger.info("sla sweep", extra=dict(batch.fired))
    return dict(batch.fired), len(ids), len(tasks)


def _sweep_task(task: Task, items: list[TaskItem], batch: Batch, escalate, owner: RoleUser | None) -> None:
    number, now, notes, fired = task.ticket.ticket_number, batch.now, batch.notes, batch.fired
    for item in items:
        if item.warn_at is None or item.warn_at > now:
            continue
        item.warn_at = None
        batch.items_warned.append(item.pk)
        if batch.fire(task=task, item=item, target="step", kind="warning", due=item.target_at or now):
            fired["step_warning"] += 1
            notes.add(
                item.assignee_id,
                item.assignee_email,
                type="sla_warning",
                title=f"{number}: {item.step_name} is due {item.target_at:%Y-%m-%d %H:%M} UTC",
                data={"task_id": task.pk},
            )
    for item in items:
        if item.target_at is None or item.target_at > now or item.breached_at is not None:
            continue
        item.breached_at = now
        batch.items_breached.append(item.pk)
        if not batch.fire(task=task, item=item, target="step", kind="breach", due=item.target_at):
            continue
        fired["step_breach"] += 1
        title = f"{number}: {item.step_name} breached its SLA"
        notes.add(
            item.assignee_id, item.assignee_email, type="sla_breach", title=title, data={"task_id": task.pk}
        )
        if owner is not None:
            notes.add(owner.user_id, owner.email, type="sla_breach", title=title, data={"task_id": task.pk})
        if item.reason != TaskItem.Reason.SLA_BREACH and escalate(item=item) is not None:
            fired["escalation"] += 1  # once per step: an escalated item is not escalated again
    if task.resolution_warn_at and task.resolution_warn_at <= now:
        batch.tasks_warned.append(task.pk)
        if batch.fire(
            task=task, item=None, target="resolution", kind="warning", due=task.target_resolution_at or now
        ):
            fired["resolution_warning"] += 1
            if owner is not None:
                notes.add(
                    owner.user_id,
                    owner.email,
                    type="sla_warning",
                    title=f"{number} is due {task.target_resolution_at:%Y-%m-%d %H:%M} UTC",
                    data={"task_id": task.pk},
                )
    if task.target_resolution_at and task.target_resolution_at <= now and task.resolution_breached_at is None:
        batch.tasks_breached.append(task.pk)
        if batch.fire(
            task=task, item=None, target="resolution", kind="breach", due=task.target_resolution_at
        ):
            fired["resolution_breach"] += 1
            if owner is not None:
                notes.add(
                    owner.user_id,
                    owner.email,
                    type="sla_breach",
                    title=f"{number} breached its resolution SLA",
                    data={"task_id": task.pk},
                )
    if (
        task.first_response_at is None
        and task.first_response_breached_at is None
        and task.first_response_due_at
        and task.first_response_due_at <= now
    ):
        batch.first_responses_breached.append(task.pk)
        if batch.fire(
            task=task, item=None, target="first_response", kind="breach", due=task.first_response_due_at
        ):
            fired["first_response_breach"] += 1

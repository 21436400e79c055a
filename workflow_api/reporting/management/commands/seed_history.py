"""Demo history for the dashboards: weeks of finished and open work on the published
workflows, so reports have something to show on a fresh install.

The rows are written straight to the tables with past timestamps (the engine stamps the
current time), walking each workflow's published graph with the holders of each step's
role. Their tickets are numbered ``DEMO-…`` and exist only here, not in ticket_service.
Running it again replaces the earlier demo history. SLA targets are counted in wall-clock
minutes (the demo workflows run around the clock).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from engine.models import Task, TaskItem
from roles.models import RoleUser
from tickets.models import WorkflowTicket
from workflows.models import Workflow

PREFIX = "DEMO-"
PRIORITIES = (("low", 3), ("medium", 5), ("high", 3), ("urgent", 1))


class Command(BaseCommand):
    help = "Write demo task history for the dashboards (replaces an earlier one; development only)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60, help="How far back the history goes.")
        parser.add_argument("--per-day", type=int, default=8, help="Tickets per day on average.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (same seed, same history).")

    def handle(self, *args, days: int, per_day: int, seed: int, **options):
        if not 1 <= days <= 3650 or not 1 <= per_day <= 1000:
            raise CommandError("--days must be 1..3650 and --per-day 1..1000.")
        workflows = list(
            Workflow.objects.filter(status=Workflow.Status.PUBLISHED, current_version__isnull=False)
            .select_related("current_version")
            .order_by("pk")
        )
        if not workflows:
            raise CommandError("No published workflow: run seed_workflows (or publish one) first.")
        holders = defaultdict(list)
        for person in RoleUser.objects.filter(is_active=True, user_is_active=True).order_by("user_id"):
            holders[person.role_id].append(person)
        with transaction.atomic():
            WorkflowTicket.objects.filter(ticket_number__startswith=PREFIX).delete()
            made = History(random.Random(seed), holders, timezone.now()).write(workflows, days, per_day)
        self.stdout.write(f"Demo history: {made} tasks over {days} days on {len(workflows)} workflows.")


class History:
    def __init__(self, rng: random.Random, holders: dict[int, list[RoleUser]], now: datetime):
        self.rng, self.holders, self.now = rng, holders, now

    def write(self, workflows: list[Workflow], days: int, per_day: int) -> int:
        tickets, tasks, items = [], [], []
        start = self.now - timedelta(days=days)
        count = days * per_day
        for n in range(count):
            workflow = workflows[n % len(workflows)] if n < len(workflows) else self.rng.choice(workflows)
            created = start + timedelta(minutes=self.rng.uniform(0, days * 24 * 60 - 30))
            priority = self.rng.choices([p for p, _ in PRIORITIES], [w for _, w in PRIORITIES])[0]
            ticket = WorkflowTicket(
                ticket_number=f"{PREFIX}{n + 1:06d}",
                subject=f"Demo request {n + 1} for {workflow.name}",
                category=workflow.category,
                subcategory=workflow.subcategory,
                department=workflow.department,
                priority=priority,
                status="open",
                requester_id="0",
                data={"source": "seed_history"},
            )
            task, steps = self._task(workflow, created, priority)
            ticket.status = task.outcome if task.completed_at else "in_progress"
            tickets.append(ticket)
            tasks.append(task)
            items.extend(steps)
        WorkflowTicket.objects.bulk_create(tickets)
        for task, ticket in zip(tasks, tickets, strict=True):
            task.ticket = ticket
        Task.objects.bulk_create(tasks)
        TaskItem.objects.bulk_create(items)
        # auto_now_add stamped "now" on insert; bulk_update writes the attributes as set
        for ticket, task in zip(tickets, tasks, strict=True):
            ticket.received_at = task.created_at = task.demo_created
        for item in items:
            item.created_at = item.demo_created
            for key, value in TaskItem.sort_keys(item.task).items():
                setattr(item, key, value)
        WorkflowTicket.objects.bulk_update(tickets, ["received_at"], batch_size=1000)
        Task.objects.bulk_update(tasks, ["created_at"], batch_size=1000)
        TaskItem.objects.bulk_update(items, ["created_at", *TaskItem.SORT_KEYS], batch_size=1000)
        return len(tasks)

    def _task(self, workflow: Workflow, created: datetime, priority: str):
        definition = workflow.current_version.definition
        steps = {str(s["id"]): s for s in definition["steps"]}
        ways = defaultdict(list)
        for edge in definition["transitions"]:
            ways[str(edge["from"])].append(edge)
        target = (definition.get("sla_targets") or {}).get(priority) or {}
        task = Task(
            workflow=workflow,
            version=workflow.current_version,
            status=Task.Status.ACTIVE,
            resolution_target_minutes=target.get("resolution_minutes"),
            first_response_target_minutes=target.get("first_response_minutes"),
        )
        task.demo_created = created
        if task.resolution_target_minutes:
            task.target_resolution_at = created + timedelta(minutes=task.resolution_target_minutes)
        if task.first_response_target_minutes:
            task.first_response_due_at = created + timedelta(minutes=task.first_response_target_minutes)
        # most tasks finish well in time, about one in seven runs late
        pace = self.rng.uniform(0.05, 0.3) if self.rng.random() < 0.85 else self.rng.uniform(0.8, 2.0)
        budget = task.resolution_target_minutes or 480
        weights = sum(s.get("weight") or 1 for s in steps.values())
        step = next(s for s in steps.values() if s.get("is_start"))
        clock, path, items = created, [], []
        while True:
            path.append(str(step["id"]))
            holder = self._holder(step["role_id"])
            share = (step.get("weight") or 1) / weights
            minutes = max(5.0, self.rng.expovariate(1 / (budget * pace * share)))
            item = TaskItem(
                task=task,
                step_id=str(step["id"]),
                step_name=step["name"],
                role_id=step["role_id"],
                assignee_id=holder.user_id if holder else None,
                assignee_name=holder.name if holder else "",
                assignee_email=holder.email if holder else "",
                status=TaskItem.Status.ASSIGNED if holder else TaskItem.Status.WAITING,
                reason=TaskItem.Reason.ROUND_ROBIN if holder else "",
                assigned_at=clock if holder else None,
            )
            item.demo_created = clock
            items.append(item)
            done = clock + timedelta(minutes=minutes)
            stalls = self.rng.random() < (0.3 if self.now - created < timedelta(days=3) else 0.01)
            if done > self.now or holder is None or stalls:  # still being worked on
                task.current_step_id = str(step["id"])
                break
            if task.first_response_at is None:
                task.first_response_at = clock + timedelta(minutes=min(minutes, self.rng.uniform(5, 90)))
            edge = self._choose(ways[str(step["id"])])
            item.status, item.acted_at, item.action_label = TaskItem.Status.ACTED, done, edge["label"]
            clock = done
            if edge["to"] is None:
                task.status, task.outcome, task.completed_at = Task.Status.COMPLETED, edge["end_status"], done
                break
            step = steps[str(edge["to"])]
        task.path = path
        late = task.target_resolution_at and (task.completed_at or self.now) > task.target_resolution_at
        if late:
            task.resolution_breached_at = task.target_resolution_at
        return task, items

    def _holder(self, role_id: int) -> RoleUser | None:
        people = self.holders.get(role_id)
        return self.rng.choice(people) if people else None

    def _choose(self, edges: list[dict]) -> dict:
        # mostly the first way out (the happy path), sometimes another
        return edges[0] if len(edges) == 1 or self.rng.random() < 0.8 else self.rng.choice(edges[1:])

"""Runtime: a Task runs one ticket through one WorkflowVersion; TaskItems hand each step
to a person. Step ids refer to the version's frozen definition, never to editable rows."""

from django.db import models
from tickets.models import WorkflowTicket
from workflows.models import Workflow, WorkflowVersion

from tts_common.filters import priority_rank_of


class Task(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active"
        ON_HOLD = "on_hold"
        COMPLETED = "completed"

    ticket = models.OneToOneField(WorkflowTicket, on_delete=models.CASCADE, related_name="task")
    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="tasks")
    version = models.ForeignKey(WorkflowVersion, on_delete=models.PROTECT, related_name="tasks")
    current_step_id = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    outcome = models.CharField(
        max_length=10, blank=True, help_text="resolved, rejected or closed once completed."
    )
    owner_id = models.CharField(max_length=64, blank=True, help_text="The ticket coordinator.")
    owner_name = models.CharField(max_length=255, blank=True)
    path = models.JSONField(default=list, help_text="Step ids in the order the task visited them.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # SLA, in business time on the workflow's calendar (engine/sla.py). Targets are
    # minutes; None means the workflow sets no target for the ticket's priority.
    first_response_at = models.DateTimeField(null=True, blank=True)
    first_response_target_minutes = models.PositiveIntegerField(null=True, blank=True)
    first_response_due_at = models.DateTimeField(null=True, blank=True)
    resolution_target_minutes = models.PositiveIntegerField(null=True, blank=True)
    target_resolution_at = models.DateTimeField(null=True, blank=True)
    resolution_warn_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_minutes = models.FloatField(default=0, help_text="Business minutes spent on hold.")
    resolution_breached_at = models.DateTimeField(null=True, blank=True)
    first_response_breached_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["workflow", "status"]),
            # my tasks sorts an agent's open tasks by these before it reads any whole row
            # (engine.task_list): with 400 open tasks each, half the page's time at 1,000,000
            models.Index(
                fields=["id"], include=["target_resolution_at", "created_at", "ticket"], name="task_sort_keys"
            ),
        ]

    def __str__(self) -> str:
        return f"task {self.pk} ({self.ticket_id})"


class TaskItem(models.Model):
    """One step of a task handed to one person (or waiting in the role's queue)."""

    class Status(models.TextChoices):
        WAITING = "waiting"
        ASSIGNED = "assigned"
        IN_PROGRESS = "in_progress"
        ACTED = "acted"
        TRANSFERRED = "transferred"
        ESCALATED = "escalated"
        CANCELLED = "cancelled"

    class Reason(models.TextChoices):
        ROUND_ROBIN = "round_robin"
        LEAST_LOADED = "least_loaded"
        TRANSFER = "transfer"
        ESCALATION = "escalation"
        ADMIN = "admin"
        DELEGATE = "delegate"
        SLA_BREACH = "sla_breach"

    OPEN = (Status.WAITING, Status.ASSIGNED, Status.IN_PROGRESS)
    SORT_KEYS = ("task_due_at", "task_rank", "task_created_at")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="items")
    step_id = models.CharField(max_length=32)
    step_name = models.CharField(max_length=100)
    role_id = models.BigIntegerField()
    assignee_id = models.BigIntegerField(null=True, blank=True)
    assignee_name = models.CharField(max_length=255, blank=True)
    assignee_email = models.EmailField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.CharField(max_length=14, choices=Reason.choices, blank=True)
    rotation_slot = models.BigIntegerField(
        null=True, blank=True, help_text="The round-robin counter value used."
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    acted_at = models.DateTimeField(null=True, blank=True)
    action_label = models.CharField(max_length=60, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    target_at = models.DateTimeField(null=True, blank=True, help_text="This step's SLA target.")
    warn_at = models.DateTimeField(null=True, blank=True, help_text="When the SLA warning is due.")
    budget_minutes = models.FloatField(
        null=True, blank=True, help_text="This step's share of the resolution target."
    )
    paused_minutes = models.FloatField(default=0)
    breached_at = models.DateTimeField(null=True, blank=True)
    # The task's sort keys, copied onto its open items (TaskItem.sort_keys, items_sort_keys_sync):
    # a page of my tasks is then the first entries of item_assignee_open, where sorting an
    # agent's every open task by its task and ticket rows grew with the agent's backlog.
    task_due_at = models.DateTimeField(null=True, blank=True, help_text="The task's target_resolution_at.")
    task_rank = models.PositiveSmallIntegerField(default=1, help_text="The ticket's priority as a rank.")
    task_created_at = models.DateTimeField(null=True, blank=True, help_text="The task's created_at.")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                # my tasks in its default order, and its count, read the index alone
                fields=["assignee_id", "task_due_at", "-task_rank", "task_created_at", "task"],
                name="item_assignee_open",
                condition=models.Q(status__in=["assigned", "in_progress"]),
            ),
            models.Index(
                fields=["role_id", "created_at"], name="item_waiting", condition=models.Q(status="waiting")
            ),
            models.Index(fields=["task", "status"]),
            models.Index(
                fields=["warn_at"],
                name="item_sla_warn_due",
                condition=models.Q(status__in=["assigned", "in_progress", "waiting"]),
            ),
            models.Index(
                fields=["target_at"],
                name="item_sla_breach_due",
                condition=models.Q(status__in=["assigned", "in_progress", "waiting"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step_name} → {self.assignee_email or 'waiting'}"

    @staticmethod
    def sort_keys(task: Task) -> dict:
        """What an item of ``task`` copies of it (SORT_KEYS) for my tasks' order (engine.task_list)."""
        keys = (task.target_resolution_at, priority_rank_of(task.ticket.priority), task.created_at)
        return dict(zip(TaskItem.SORT_KEYS, keys, strict=True))


def items_sort_keys_sync(task: Task) -> None:
    """After the task's due time or its ticket's priority changed: its open items follow."""
    TaskItem.objects.filter(task=task, status__in=TaskItem.OPEN).update(**TaskItem.sort_keys(task))


class TaskItemHistory(models.Model):
    item = models.ForeignKey(TaskItem, on_delete=models.CASCADE, related_name="history")
    event = models.CharField(max_length=20)
    actor_id = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.event}"


class RoundRobinPointer(models.Model):
    """Per role, a counter advanced atomically by ``UPDATE ... RETURNING``: each
    assignment takes the next slot, so concurrent workers never share one."""

    role_id = models.BigIntegerField(primary_key=True)
    position = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"role {self.role_id} @ {self.position}"


class UserAvailability(models.Model):
    """Users are available unless they say otherwise; away users get no new work."""

    user_id = models.BigIntegerField(primary_key=True)
    is_available = models.BooleanField(default=True)
    delegate_id = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {'available' if self.is_available else 'away'}"


class SlaEvent(models.Model):
    """A warning or breach that fired. The unique constraint makes each fire once, however
    many sweeps run at the same time."""

    class Target(models.TextChoices):
        STEP = "step"
        FIRST_RESPONSE = "first_response"
        RESOLUTION = "resolution"

    class Kind(models.TextChoices):
        WARNING = "warning"
        BREACH = "breach"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="sla_events")
    item = models.ForeignKey(
        TaskItem, null=True, blank=True, on_delete=models.CASCADE, related_name="sla_events"
    )
    target = models.CharField(max_length=16, choices=Target.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    due_at = models.DateTimeField()
    fired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fired_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "target", "kind"],
                name="sla_event_once_per_item",
                condition=models.Q(item__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["task", "target", "kind"],
                name="sla_event_once_per_task",
                condition=models.Q(item__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.kind} on task {self.task_id}"

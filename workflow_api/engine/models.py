"""Runtime: a Task runs one ticket through one WorkflowVersion; TaskItems hand each step
to a person. Step ids refer to the version's frozen definition, never to editable rows."""

from django.db import models
from tickets.models import WorkflowTicket
from workflows.models import Workflow, WorkflowVersion


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
    # SLA targets (computed by the SLA issue); kept here so reports can read them.
    first_response_at = models.DateTimeField(null=True, blank=True)
    target_resolution_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["workflow", "status"]),
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

    OPEN = (Status.WAITING, Status.ASSIGNED, Status.IN_PROGRESS)

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

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["assignee_id", "status"],
                name="item_assignee_open",
                condition=models.Q(status__in=["assigned", "in_progress"]),
            ),
            models.Index(
                fields=["role_id", "created_at"], name="item_waiting", condition=models.Q(status="waiting")
            ),
            models.Index(fields=["task", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.step_name} → {self.assignee_email or 'waiting'}"


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

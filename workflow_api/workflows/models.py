"""Design-time workflows: an editable graph of steps and transitions, frozen into
immutable versions on publish. Running tasks follow their version, never the draft."""

from django.db import models

from tts_common.messages import PRIORITIES

END_STATUSES = ["resolved", "rejected", "closed"]


class Workflow(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        PUBLISHED = "published"
        ARCHIVED = "archived"

    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    department = models.CharField(max_length=100)
    category = models.CharField(max_length=100)
    subcategory = models.CharField(max_length=100, blank=True)
    priority = models.CharField(
        max_length=10, blank=True, choices=[(p, p) for p in PRIORITIES], help_text="Blank: any priority."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_default = models.BooleanField(default=False, help_text="Used when no other workflow matches.")
    sla_targets = models.JSONField(
        default=dict,
        blank=True,
        help_text='Per priority: {"high": {"first_response_minutes": 60, "resolution_minutes": 480}}.',
    )
    calendar = models.ForeignKey(
        "calendars.Calendar",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workflows",
        help_text="When the SLA clock runs; none means around the clock.",
    )
    current_version = models.ForeignKey(
        "WorkflowVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_workflow"
            )
        ]
        indexes = [models.Index(fields=["status", "department", "category"])]

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    class Mode(models.TextChoices):
        ROUND_ROBIN = "round_robin"
        LEAST_LOADED = "least_loaded"

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(max_length=100)
    role_id = models.BigIntegerField(
        null=True, blank=True, help_text="auth_service role id (see the role replica)."
    )
    instructions = models.TextField(blank=True)
    weight = models.PositiveIntegerField(default=1, help_text="Share of the resolution SLA.")
    escalate_to_role_id = models.BigIntegerField(null=True, blank=True)
    assignment_mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.ROUND_ROBIN)
    is_start = models.BooleanField(default=False)
    x = models.FloatField(default=0)
    y = models.FloatField(default=0)

    class Meta:
        ordering = ["workflow", "id"]

    def __str__(self) -> str:
        return self.name


class Transition(models.Model):
    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="transitions")
    from_step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="outgoing")
    to_step = models.ForeignKey(
        Step,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming",
        help_text="Blank: the end.",
    )
    label = models.CharField(max_length=60)
    end_status = models.CharField(
        max_length=10,
        choices=[(s, s) for s in END_STATUSES],
        default="resolved",
        help_text="The ticket's status when this transition ends the workflow.",
    )

    class Meta:
        ordering = ["workflow", "id"]

    def __str__(self) -> str:
        return f"{self.from_step_id} —{self.label}→ {self.to_step_id or 'end'}"


class WorkflowVersion(models.Model):
    """An immutable, published snapshot of a workflow's graph and SLA."""

    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["workflow", "-number"]
        constraints = [models.UniqueConstraint(fields=["workflow", "number"], name="workflow_version_unique")]

    def __str__(self) -> str:
        return f"{self.workflow} v{self.number}"

    def step(self, step_id: str) -> dict:
        return next(s for s in self.definition["steps"] if s["id"] == step_id)

    def start_step(self) -> dict:
        return next(s for s in self.definition["steps"] if s["is_start"])

    def transitions_from(self, step_id: str) -> list[dict]:
        return [t for t in self.definition["transitions"] if t["from"] == step_id]

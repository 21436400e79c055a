from rest_framework import serializers

from tts_common.messages import PRIORITIES
from workflows.models import END_STATUSES, Step, Transition, Workflow, WorkflowVersion

SLA_KEYS = {"first_response_minutes", "resolution_minutes"}


def validate_sla_targets(value):
    if not isinstance(value, dict):
        raise serializers.ValidationError("Give an object keyed by priority.")
    for priority, targets in value.items():
        if priority not in PRIORITIES:
            raise serializers.ValidationError(f'"{priority}" is not a priority (low, medium, high, urgent).')
        if not isinstance(targets, dict) or not set(targets) <= SLA_KEYS:
            raise serializers.ValidationError(
                f"{priority}: use first_response_minutes and resolution_minutes."
            )
        for key, minutes in targets.items():
            if minutes is not None and (
                not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1
            ):
                raise serializers.ValidationError(
                    f"{priority}.{key} must be a whole number of minutes, at least 1."
                )
    return value


class WorkflowSerializer(serializers.ModelSerializer):
    sla_targets = serializers.JSONField(required=False, validators=[validate_sla_targets])
    current_version = serializers.IntegerField(
        source="current_version.number", read_only=True, default=None, allow_null=True
    )  # null until the first publish

    class Meta:
        model = Workflow
        fields = [
            "id",
            "name",
            "description",
            "department",
            "category",
            "subcategory",
            "priority",
            "status",
            "is_default",
            "calendar",
            "sla_targets",
            "current_version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "status", "current_version", "created_at", "updated_at"]

    def validate_is_default(self, value):
        if (
            value
            and Workflow.objects.filter(is_default=True)
            .exclude(pk=getattr(self.instance, "pk", None))
            .exists()
        ):
            raise serializers.ValidationError("Another workflow is already the default.")
        return value


class _StaysInItsWorkflow:
    def validate_workflow(self, workflow):
        if self.instance is not None and workflow.pk != self.instance.workflow_id:
            raise serializers.ValidationError("A step or transition cannot move to another workflow.")
        return workflow


class StepSerializer(_StaysInItsWorkflow, serializers.ModelSerializer):
    class Meta:
        model = Step
        fields = [
            "id",
            "workflow",
            "name",
            "role_id",
            "instructions",
            "weight",
            "escalate_to_role_id",
            "assignment_mode",
            "is_start",
            "x",
            "y",
        ]
        extra_kwargs = {"weight": {"min_value": 1}}


class TransitionSerializer(_StaysInItsWorkflow, serializers.ModelSerializer):
    class Meta:
        model = Transition
        fields = ["id", "workflow", "from_step", "to_step", "label", "end_status"]

    def validate(self, attrs):
        workflow = attrs.get("workflow") or getattr(self.instance, "workflow", None)
        for field in ("from_step", "to_step"):
            step = attrs.get(field)
            if step is not None and step.workflow_id != workflow.id:
                raise serializers.ValidationError({field: ["The step belongs to another workflow."]})
        source = attrs.get("from_step") or getattr(self.instance, "from_step", None)
        label = (attrs.get("label") or getattr(self.instance, "label", "")).strip()
        clash = Transition.objects.filter(from_step=source, label__iexact=label)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError(
                {"label": ["This step already has a transition with this label."]}
            )
        return attrs


class GraphNodeSerializer(serializers.Serializer):
    id = serializers.CharField(
        max_length=40, help_text='An existing step id, or a temporary one such as "tmp-1".'
    )
    name = serializers.CharField(max_length=100)
    role_id = serializers.IntegerField(allow_null=True, required=False)
    instructions = serializers.CharField(allow_blank=True, required=False, default="", max_length=10_000)
    # No min_value: a weight below 1 is reported with the other graph problems, naming its
    # step; the maximum is the column's, so an absurd weight is a 400, not a database error.
    weight = serializers.IntegerField(max_value=2_147_483_647, required=False, default=1)
    escalate_to_role_id = serializers.IntegerField(allow_null=True, required=False, default=None)
    assignment_mode = serializers.ChoiceField(
        choices=Step.Mode.choices, required=False, default="round_robin"
    )
    is_start = serializers.BooleanField(required=False, default=False)
    x = serializers.FloatField(required=False, default=0)
    y = serializers.FloatField(required=False, default=0)


class GraphEdgeSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=40, required=False, allow_blank=True)
    to = serializers.CharField(max_length=40, allow_null=True, required=False, default=None)
    label = serializers.CharField(max_length=60, allow_blank=True)
    end_status = serializers.ChoiceField(choices=END_STATUSES, required=False, default="resolved")

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        source = data.get("from") if isinstance(data, dict) else None
        if source in (None, ""):
            raise serializers.ValidationError({"from": ["Every transition needs a from step."]})
        value["from"] = str(source)
        return value


class GraphSerializer(serializers.Serializer):
    nodes = GraphNodeSerializer(many=True, max_length=200)
    edges = GraphEdgeSerializer(many=True, max_length=1000)


class WorkflowVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkflowVersion
        fields = ["id", "number", "definition", "published_at", "published_by_id"]
        read_only_fields = fields

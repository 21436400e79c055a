from rest_framework import serializers
from workflows.selectors import version_outlines

from engine.models import Task, TaskItem, TaskItemHistory, UserAvailability
from engine.sla import sla_state


class TaskItemHistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskItemHistory
        fields = ["event", "actor_id", "note", "at"]
        read_only_fields = fields


class SlaSerializer(serializers.Serializer):
    due_at = serializers.DateTimeField(allow_null=True)
    remaining_minutes = serializers.FloatField(allow_null=True, help_text="Business minutes left.")
    state = serializers.ChoiceField(choices=["on_track", "at_risk", "breached", "paused", "none"])


class TaskItemSerializer(serializers.ModelSerializer):
    assignee = serializers.SerializerMethodField()
    history = TaskItemHistorySerializer(many=True, read_only=True)
    sla = serializers.SerializerMethodField()

    class Meta:
        model = TaskItem
        fields = [
            "id",
            "step_id",
            "step_name",
            "role_id",
            "assignee",
            "status",
            "reason",
            "assigned_at",
            "acted_at",
            "action_label",
            "comment",
            "target_at",
            "sla",
            "history",
        ]
        read_only_fields = fields

    def get_sla(self, item) -> SlaSerializer:
        if item.status not in TaskItem.OPEN:
            return {"due_at": item.target_at, "remaining_minutes": None, "state": "none"}
        return sla_state(item.task, item)

    def get_assignee(self, item) -> dict | None:
        if item.assignee_id is None:
            return None
        return {"id": item.assignee_id, "name": item.assignee_name, "email": item.assignee_email}


class TaskSerializer(serializers.ModelSerializer):
    ticket = serializers.SerializerMethodField()
    workflow = serializers.SerializerMethodField()
    current_step = serializers.SerializerMethodField()
    sla = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "ticket",
            "workflow",
            "current_step",
            "status",
            "outcome",
            "owner_id",
            "owner_name",
            "created_at",
            "updated_at",
            "completed_at",
            "first_response_at",
            "first_response_due_at",
            "target_resolution_at",
            "sla",
        ]
        read_only_fields = fields

    def get_sla(self, task) -> SlaSerializer:
        return sla_state(task)

    def get_ticket(self, task) -> dict:
        t = task.ticket
        return {
            "number": t.ticket_number,
            "subject": t.subject,
            "priority": t.priority,
            "department": t.department,
            "category": t.category,
        }

    def get_workflow(self, task) -> dict:
        number = version_outlines([task.version_id])[task.version_id].number
        return {"id": task.workflow_id, "name": task.workflow.name, "version": number}

    def get_current_step(self, task) -> dict | None:
        if not task.current_step_id:
            return None
        return version_outlines([task.version_id])[task.version_id].steps[task.current_step_id]


class TaskDetailSerializer(TaskSerializer):
    items = TaskItemSerializer(many=True, read_only=True)
    path = serializers.SerializerMethodField()

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "path", "items"]
        read_only_fields = fields

    def get_path(self, task) -> list[dict]:
        steps = version_outlines([task.version_id])[task.version_id].steps
        return [
            {"id": step_id, "name": steps[step_id]["name"] if step_id in steps else "?"}
            for step_id in task.path
        ]


class ActionSerializer(serializers.Serializer):
    action_id = serializers.CharField(max_length=40)
    comment = serializers.CharField(max_length=10_000, help_text="Required: say what was done.")


class TransferSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=2000)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class OptionalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1)


class AvailabilitySerializer(serializers.ModelSerializer):
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)  # null: never set

    class Meta:
        model = UserAvailability
        fields = ["is_available", "delegate_id", "note", "updated_at"]
        read_only_fields = ["updated_at"]
        # The model's default would make it optional; a PUT must say which it is.
        extra_kwargs = {"is_available": {"required": True}}


class AssignWorkflowSerializer(serializers.Serializer):
    workflow_id = serializers.IntegerField(min_value=1)

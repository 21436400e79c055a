"""The reports' response shapes, for the OpenAPI schema. The selectors already return
plain values, so the views do not pass them through these."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class GroupKeyField(serializers.Field):
    """What a row is grouped by: an id (workflow, role, user), or a priority's name."""

    def to_representation(self, value):
        return value


class PeriodSerializer(serializers.Serializer):
    since = serializers.DateTimeField()
    until = serializers.DateTimeField(help_text="Exclusive.")


class SummarySerializer(PeriodSerializer):
    open_tasks = serializers.IntegerField(help_text="Active or on hold now.")
    created = serializers.IntegerField()
    resolved = serializers.IntegerField(help_text="Completed in the period, outcome resolved or closed.")
    rejected = serializers.IntegerField()
    resolution_minutes_avg = serializers.FloatField(
        allow_null=True, help_text="Wall-clock minutes from creation to completion, less time on hold."
    )
    resolution_minutes_median = serializers.FloatField(allow_null=True)
    first_response_minutes_avg = serializers.FloatField(allow_null=True)
    first_response_minutes_median = serializers.FloatField(allow_null=True)
    sla_met = serializers.IntegerField()
    sla_breached = serializers.IntegerField()
    sla_met_percent = serializers.FloatField(allow_null=True)


class SlaRowSerializer(serializers.Serializer):
    key = GroupKeyField(help_text="Workflow id, priority, role id or user id.")
    label = serializers.CharField()
    met = serializers.IntegerField()
    breached = serializers.IntegerField()
    met_percent = serializers.FloatField(allow_null=True)
    no_target = serializers.IntegerField()
    open_breached = serializers.IntegerField()
    at_risk = serializers.IntegerField()


class SlaReportSerializer(PeriodSerializer):
    group_by = serializers.CharField()
    results = SlaRowSerializer(many=True)


class AgentRowSerializer(serializers.Serializer):
    agent_id = serializers.IntegerField()
    name = serializers.CharField()
    items_handled = serializers.IntegerField()
    avg_minutes_per_item = serializers.FloatField(allow_null=True)
    reassignments = serializers.IntegerField()
    escalations = serializers.IntegerField()
    open_items = serializers.IntegerField()


class AgentReportSerializer(PeriodSerializer):
    results = AgentRowSerializer(many=True)


class StepRowSerializer(serializers.Serializer):
    workflow_id = serializers.IntegerField()
    workflow = serializers.CharField()
    step = serializers.CharField()
    items = serializers.IntegerField()
    open_items = serializers.IntegerField()
    avg_minutes_in_step = serializers.FloatField(allow_null=True)
    waited = serializers.IntegerField()
    avg_minutes_waiting = serializers.FloatField(allow_null=True)
    breaches = serializers.IntegerField()


class StepReportSerializer(PeriodSerializer):
    results = StepRowSerializer(many=True)


class VolumeRowSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="The day, or the Monday of the week.")
    created = serializers.IntegerField()
    completed = serializers.IntegerField()
    sla_met = serializers.IntegerField(help_text="Completed in the bucket with a target, in time.")
    sla_breached = serializers.IntegerField(help_text="Completed in the bucket with a target, late.")
    sla_met_percent = serializers.FloatField(allow_null=True)


class VolumeReportSerializer(PeriodSerializer):
    interval = serializers.CharField()
    results = VolumeRowSerializer(many=True)

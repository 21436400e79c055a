from rest_framework import serializers

from tickets.models import Ticket


class TicketCreateSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=255)
    description = serializers.CharField(allow_blank=True, required=False, default="", max_length=100_000)
    category = serializers.CharField(max_length=100)
    subcategory = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    department = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    priority = serializers.ChoiceField(
        choices=[c[0] for c in Ticket._meta.get_field("priority").choices],
        default="medium",
        error_messages={
            "invalid_choice": '"{input}" is not a valid priority: use low, medium, high or urgent.'
        },
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list, max_length=20
    )


class TicketSerializer(serializers.ModelSerializer):
    requester = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = [
            "id",
            "number",
            "subject",
            "description",
            "category",
            "subcategory",
            "department",
            "priority",
            "status",
            "requester",
            "assignee",
            "sla_due_at",
            "source",
            "tags",
            "created_at",
            "updated_at",
            "resolved_at",
        ]
        read_only_fields = fields

    def get_requester(self, ticket: Ticket) -> dict:
        return {"id": ticket.requester_id, "name": ticket.requester_name, "email": ticket.requester_email}

    def get_assignee(self, ticket: Ticket) -> dict | None:
        if not ticket.assignee_id:
            return None
        return {"id": ticket.assignee_id, "name": ticket.assignee_name}

from rest_framework import serializers

from tickets.models import WorkflowTicket


class WorkflowTicketSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkflowTicket
        fields = [
            "ticket_number",
            "subject",
            "category",
            "subcategory",
            "department",
            "priority",
            "status",
            "requester_id",
            "data",
            "received_at",
            "updated_at",
        ]
        read_only_fields = fields

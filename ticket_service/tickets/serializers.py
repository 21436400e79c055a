from rest_framework import serializers

from tickets.models import Attachment, Ticket, TicketStatusHistory
from tts_common.rows import api_datetime

PRIORITY_MESSAGE = '"{input}" is not a valid priority: use low, medium, high or urgent.'


class TicketCreateSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=255)
    description = serializers.CharField(allow_blank=True, required=False, default="", max_length=100_000)
    category = serializers.CharField(max_length=100)
    subcategory = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    department = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    priority = serializers.ChoiceField(
        choices=[c[0] for c in Ticket._meta.get_field("priority").choices],
        default="medium",
        error_messages={"invalid_choice": PRIORITY_MESSAGE},
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list, max_length=20
    )
    attachments = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text="Files to attach (multipart/form-data).",
    )


class TicketUpdateSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=255, required=False)
    description = serializers.CharField(allow_blank=True, required=False, max_length=100_000)
    category = serializers.CharField(max_length=100, required=False)
    subcategory = serializers.CharField(max_length=100, allow_blank=True, required=False)
    department = serializers.CharField(max_length=100, allow_blank=True, required=False)
    priority = serializers.ChoiceField(
        choices=[c[0] for c in Ticket._meta.get_field("priority").choices],
        required=False,
        error_messages={"invalid_choice": PRIORITY_MESSAGE},
    )
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False, max_length=20)
    status = serializers.CharField(
        required=False, help_text="Refused: status changes come from the workflow."
    )


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    uploaded_by = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "sha256", "uploaded_by", "created_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        return f"/api/v1/tickets/{attachment.ticket_id}/attachments/{attachment.id}/download/"

    def get_uploaded_by(self, attachment) -> dict:
        return {"id": attachment.uploaded_by_id, "name": attachment.uploaded_by_name}


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, use_url=False)


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


# The list renders its page from these columns without model instances or DRF's fields
# (about a quarter of a list request), exactly as TicketSerializer renders a ticket
# (tickets/tests/test_ticket_list_api.py holds the two to each other).
_PERSONS = {
    "requester": ("requester_id", "requester_name", "requester_email"),
    "assignee": ("assignee_id", "assignee_name"),
}
_DATES = ("sla_due_at", "created_at", "updated_at", "resolved_at")
LISTED_COLUMNS = (
    *(field for field in TicketSerializer.Meta.fields if field not in _PERSONS),
    *_PERSONS["requester"],
    *_PERSONS["assignee"],
)


def ticket_list_render(rows) -> list[dict]:
    """A page of ``values_list(*LISTED_COLUMNS)`` rows as TicketSerializer renders tickets."""
    rendered = []
    for row in rows:
        ticket = dict(zip(LISTED_COLUMNS, row, strict=True))
        for field in _DATES:
            ticket[field] = api_datetime(ticket[field])
        ticket["requester"] = {
            "id": ticket.pop("requester_id"),
            "name": ticket.pop("requester_name"),
            "email": ticket.pop("requester_email"),
        }
        assignee_id, assignee_name = ticket.pop("assignee_id"), ticket.pop("assignee_name")
        ticket["assignee"] = {"id": assignee_id, "name": assignee_name} if assignee_id else None
        rendered.append(ticket)
    return rendered


# A ticket's detail renders the same way: LISTED_COLUMNS and its attachments' columns.
ATTACHMENT_COLUMNS = (
    "id",
    "ticket_id",
    "name",
    "content_type",
    "size",
    "sha256",
    "uploaded_by_id",
    "uploaded_by_name",
    "created_at",
)


def attachment_render(rows) -> list[dict]:
    """``values_list(*ATTACHMENT_COLUMNS)`` rows as AttachmentSerializer renders attachments."""
    return [
        {
            "id": pk,
            "name": name,
            "content_type": content_type,
            "size": size,
            "sha256": sha256,
            "uploaded_by": {"id": uploaded_by_id, "name": uploaded_by_name},
            "created_at": api_datetime(created_at),
            "download_url": f"/api/v1/tickets/{ticket_id}/attachments/{pk}/download/",
        }
        for pk, ticket_id, name, content_type, size, sha256, uploaded_by_id, uploaded_by_name, created_at in rows
    ]


def ticket_detail_render(row, attachments) -> dict:
    """A ``values_list(*LISTED_COLUMNS)`` row and its attachments' rows as
    TicketDetailSerializer renders a ticket."""
    return {**ticket_list_render([row])[0], "attachments": attachment_render(attachments)}


class TicketDetailSerializer(TicketSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "attachments"]
        read_only_fields = fields


class StatusHistorySerializer(serializers.ModelSerializer):
    assignee = serializers.SerializerMethodField()

    class Meta:
        model = TicketStatusHistory
        fields = ["id", "from_status", "to_status", "assignee", "sla_due_at", "changed_at", "event_id"]
        read_only_fields = fields

    def get_assignee(self, row) -> dict | None:
        return {"id": row.assignee_id, "name": row.assignee_name} if row.assignee_id else None

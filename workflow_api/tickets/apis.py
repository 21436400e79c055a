from rest_framework import viewsets

from tickets.models import WorkflowTicket
from tickets.serializers import WorkflowTicketSerializer
from tts_common.permissions import IsTTSAdmin


class WorkflowTicketViewSet(viewsets.ReadOnlyModelViewSet):
    """Ticket snapshots as workflow_api received them (admins)."""

    queryset = WorkflowTicket.objects.all()
    serializer_class = WorkflowTicketSerializer
    permission_classes = [IsTTSAdmin]
    lookup_field = "ticket_number"
    lookup_value_regex = r"[A-Za-z0-9][A-Za-z0-9._-]{2,63}"
    filterset_fields = ["status", "priority", "department", "category"]
    search_fields = ["ticket_number", "subject"]
    ordering_fields = ["received_at", "priority"]

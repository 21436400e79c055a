from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from tickets.selectors import ticket_list_visible
from tickets.serializers import TicketCreateSerializer, TicketSerializer
from tickets.services import ticket_create


class TicketViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Tickets. Callers see only what they may; anything else is 404, not 403."""

    serializer_class = TicketSerializer
    ordering_fields = ["created_at", "priority", "status"]
    search_fields = ["number", "subject"]

    def get_queryset(self):
        return ticket_list_visible(user=self.request.user)

    @extend_schema(request=TicketCreateSerializer, responses={201: TicketSerializer})
    def create(self, request):
        data = TicketCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ticket = ticket_create(requester=request.user, **data.validated_data)
        return Response(TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)

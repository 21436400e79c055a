import re

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError

from comments.models import Comment
from comments.serializers import CommentSerializer
from tts_common.messages import TICKET_NUMBER_PATTERN
from tts_common.permissions import IsTTSAdmin


@extend_schema(parameters=[OpenApiParameter("ticket", str, required=True, description="Ticket number")])
class CommentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A ticket's comments, oldest first.

    Until access checks against ticket_service land, only admins may read them.
    """

    serializer_class = CommentSerializer
    permission_classes = [IsTTSAdmin]
    filter_backends: list = []

    def get_queryset(self):
        ticket = self.request.query_params.get("ticket", "").strip()
        if not ticket:
            raise ValidationError({"ticket": ["This query parameter is required (a ticket number)."]})
        if not re.fullmatch(TICKET_NUMBER_PATTERN, ticket):  # e.g. a NUL byte, which PostgreSQL refuses
            raise ValidationError({"ticket": ["Not a valid ticket number."]})
        return Comment.objects.filter(ticket_number=ticket)

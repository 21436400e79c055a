import re

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from comments import services
from comments.models import Comment
from comments.serializers import (
    CommentCreateSerializer,
    CommentEditSerializer,
    CommentSerializer,
    RevisionSerializer,
)
from tts_common.files import BINARY, FILE_DESCRIPTION, TOO_LARGE_DESCRIPTION, UploadParser, download_response
from tts_common.messages import TICKET_NUMBER_PATTERN


class TicketServiceUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "ticket_service cannot be reached to check access; try again shortly."
    default_code = "ticket_service_unavailable"


# Every endpoint asks ticket_service whether the caller may see the ticket.
UNAVAILABLE = OpenApiResponse(description=TicketServiceUnavailable.default_detail)


def _access_or_404(request, ticket_number: str) -> None:
    try:
        allowed = services.ticket_access(
            user=request.user, raw_token=request.auth, ticket_number=ticket_number
        )
    except services.AccessUnknown as exc:
        raise TicketServiceUnavailable() from exc
    if not allowed:
        raise NotFound("No such ticket that you can see.")


def _comment(request, pk: int) -> Comment:
    """The comment, if the caller may see it and its ticket."""
    try:
        return services.comment_find(pk=pk, user=request.user, raw_token=request.auth)
    except services.AccessUnknown as exc:
        raise TicketServiceUnavailable() from exc


class CommentListApi(ListAPIView):
    parser_classes = [JSONParser, UploadParser, FormParser]

    """A ticket's comments, oldest first (internal notes only for agents and admins);
    POST adds one. Access follows the ticket's own rules in ticket_service."""

    serializer_class = CommentSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[OpenApiParameter("ticket", str, required=True, description="Ticket number")],
        responses={200: CommentSerializer(many=True), 503: UNAVAILABLE},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        ticket = self.request.query_params.get("ticket", "").strip()
        if not ticket:
            raise ValidationError({"ticket": ["This query parameter is required (a ticket number)."]})
        if not re.fullmatch(TICKET_NUMBER_PATTERN, ticket):  # e.g. a NUL byte, which PostgreSQL refuses
            raise ValidationError({"ticket": ["Not a valid ticket number."]})
        _access_or_404(self.request, ticket)
        return services.comment_visible(Comment.objects.filter(ticket_number=ticket), user=self.request.user)

    @extend_schema(
        request={"application/json": CommentCreateSerializer, "multipart/form-data": CommentCreateSerializer},
        responses={
            201: CommentSerializer,
            404: OpenApiResponse(description="No such ticket that the caller can see."),
            413: OpenApiResponse(description=TOO_LARGE_DESCRIPTION),
            503: UNAVAILABLE,
        },
    )
    def post(self, request):
        data = CommentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.validate_body(data.validated_data["body"])
        _access_or_404(request, data.validated_data["ticket"])
        comment = services.comment_create(
            user=request.user,
            ticket_number=data.validated_data["ticket"],
            body=data.validated_data["body"],
            is_internal=data.validated_data["is_internal"],
            files=data.validated_data["files"],
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentDetailApi(APIView):
    @extend_schema(responses={200: CommentSerializer, 503: UNAVAILABLE})
    def get(self, request, pk: int):
        return Response(CommentSerializer(_comment(request, pk)).data)

    @extend_schema(request=CommentEditSerializer, responses={200: CommentSerializer, 503: UNAVAILABLE})
    def patch(self, request, pk: int):
        comment = _comment(request, pk)
        data = CommentEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.comment_edit(
            comment=comment, user=request.user, body=services.validate_body(data.validated_data["body"])
        )
        return Response(CommentSerializer(comment).data)

    @extend_schema(responses={204: None, 503: UNAVAILABLE})
    def delete(self, request, pk: int):
        services.comment_delete(comment=_comment(request, pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentHistoryApi(APIView):
    @extend_schema(responses={200: RevisionSerializer(many=True), 503: UNAVAILABLE})
    def get(self, request, pk: int):
        comment = _comment(request, pk)
        return Response(RevisionSerializer(comment.revisions.all(), many=True).data)


class CommentAttachmentDownloadApi(APIView):
    """A comment's file, for whoever may see the comment; always a download, never rendered."""

    @extend_schema(
        responses={
            (200, "*/*"): OpenApiResponse(BINARY, description=FILE_DESCRIPTION),
            503: UNAVAILABLE,
        }
    )
    def get(self, request, pk: int, attachment_id: int):
        comment = _comment(request, pk)
        attachment = comment.attachments.filter(pk=attachment_id).first()
        if attachment is None:
            raise NotFound("No such file on this comment.")
        return download_response(attachment.file, name=attachment.name, content_type=attachment.content_type)

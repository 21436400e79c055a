import re

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tickets import services
from tickets.listing import TicketRows, ticket_detail_rows, ticket_query
from tickets.models import Ticket
from tickets.selectors import (
    ticket_attachments,
    ticket_get,
    ticket_history,
)
from tickets.serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    StatusHistorySerializer,
    TicketCreateSerializer,
    TicketDetailSerializer,
    TicketSerializer,
    TicketUpdateSerializer,
    ticket_detail_render,
    ticket_list_render,
)
from tts_common.files import BINARY, FILE_DESCRIPTION, TOO_LARGE_DESCRIPTION, UploadParser, download_response
from tts_common.pagination import Pagination
from tts_common.throttling import IntegratorRateThrottle

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
LOOKUP = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"


NOT_FOUND = "No ticket with this id or number that you can see."


def _visible_ticket(request, lookup: str) -> Ticket:
    ticket = ticket_get(user=request.user, lookup=lookup)
    if ticket is None:
        raise NotFound(NOT_FOUND)
    return ticket


class TicketCreateThrottle(ScopedRateThrottle):
    scope_attr = "throttle_scope"

    def allow_request(self, request, view):
        if view.action != "create":
            return True
        return super().allow_request(request, view)


class TicketViewSet(viewsets.ViewSet):
    """Tickets. Requesters see their own, agents also those assigned to them or in their
    department, admins all; anything else is 404, not 403. ``{id}`` is an id or a number."""

    lookup_value_regex = LOOKUP
    parser_classes = [JSONParser, UploadParser, FormParser]
    throttle_classes = [IntegratorRateThrottle, TicketCreateThrottle]
    throttle_scope = "ticket_create"
    pagination_class = Pagination  # read by list() and by the schema (a page, not a bare array)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str),
            OpenApiParameter("priority", str),
            OpenApiParameter("category", str),
            OpenApiParameter("subcategory", str),
            OpenApiParameter("department", str),
            OpenApiParameter("requester", str),
            OpenApiParameter("assignee", str, description='A user id, or "none".'),
            OpenApiParameter("created_after", str, description="ISO 8601"),
            OpenApiParameter("created_before", str, description="ISO 8601"),
            OpenApiParameter("search", str, description="Number, subject or description."),
            OpenApiParameter(
                "ordering",
                str,
                description="created_at, updated_at, priority, status, sla_due_at, number; - for descending.",
            ),
        ],
        responses={200: TicketSerializer(many=True)},
    )
    def list(self, request):
        paginator = self.pagination_class()
        rows = TicketRows(ticket_query(request.user, request.query_params))
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(ticket_list_render(page))

    @extend_schema(
        request={"application/json": TicketCreateSerializer, "multipart/form-data": TicketCreateSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", str, OpenApiParameter.HEADER, description="Retry-safe creation."
            )
        ],
        responses={
            201: TicketDetailSerializer,
            400: OpenApiResponse(),
            409: OpenApiResponse(),
            413: OpenApiResponse(description=TOO_LARGE_DESCRIPTION),
            429: OpenApiResponse(),
        },
    )
    def create(self, request):
        serializer = TicketCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        files = data.pop("attachments")
        key = request.META.get("HTTP_IDEMPOTENCY_KEY")
        if key is not None and not IDEMPOTENCY_KEY.match(key):
            return Response(
                {"detail": "Idempotency-Key must be 1 to 255 printable ASCII characters."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        fingerprint = services.request_fingerprint(data, files)
        try:
            replay = key and services.ticket_replay(
                requester=request.user, idempotency_key=key, fingerprint=fingerprint
            )
            if replay:
                ticket, created = replay, False
            else:
                ticket, created = services.ticket_create(
                    requester=request.user,
                    source=Ticket.Source.API if request.META.get("HTTP_AUTHORIZATION") else Ticket.Source.WEB,
                    attachments=files,
                    idempotency_key=key,
                    fingerprint=fingerprint,
                    **data,
                )
        except services.IdempotencyConflict:
            return Response(
                {"detail": "This Idempotency-Key was already used with a different request."},
                status=status.HTTP_409_CONFLICT,
            )
        headers = {} if created else {"Idempotent-Replayed": "true"}
        return Response(TicketDetailSerializer(ticket).data, status=status.HTTP_201_CREATED, headers=headers)

    @extend_schema(responses={200: TicketDetailSerializer})
    def retrieve(self, request, pk: str):
        # read and rendered from rows, as the list's are (tickets.listing, ticket_detail_render)
        found, attachments = ticket_detail_rows(request.user, pk)
        if found is None:
            raise NotFound(NOT_FOUND)
        return Response(ticket_detail_render(found, attachments))

    @extend_schema(request=TicketUpdateSerializer, responses={200: TicketDetailSerializer})
    def partial_update(self, request, pk: str):
        ticket = _visible_ticket(request, pk)
        serializer = TicketUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        ticket = services.ticket_update(ticket=ticket, actor=request.user, fields=serializer.validated_data)
        return Response(TicketDetailSerializer(ticket).data)

    @extend_schema(request=TicketUpdateSerializer, responses={200: TicketDetailSerializer})
    def update(self, request, pk: str):
        return self.partial_update(request, pk)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk: str):
        ticket = _visible_ticket(request, pk)
        if not request.user.is_admin():
            raise PermissionDenied("Only admins may delete tickets.")
        services.ticket_delete(ticket=ticket)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={202: OpenApiResponse(description="Queued for the workflow.")})
    @action(detail=True, methods=["post"])
    def push_to_workflow(self, request, pk: str):
        ticket = _visible_ticket(request, pk)
        if not request.user.is_admin():
            raise PermissionDenied("Only admins may republish a ticket to the workflow.")
        services.ticket_republish(ticket=ticket)
        return Response(
            {"detail": f"{ticket.number} queued for the workflow."}, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(responses={200: StatusHistorySerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)  # the whole history, one array
    def history(self, request, pk: str):
        ticket = _visible_ticket(request, pk)
        return Response(StatusHistorySerializer(ticket_history(ticket=ticket), many=True).data)


class AttachmentListApi(APIView):
    """A ticket's files: list (GET) and upload (POST multipart ``file``)."""

    parser_classes = [UploadParser, FormParser]

    @extend_schema(responses={200: AttachmentSerializer(many=True)})
    def get(self, request, pk: str):
        ticket = _visible_ticket(request, pk)
        return Response(AttachmentSerializer(ticket_attachments(ticket=ticket), many=True).data)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer, 413: OpenApiResponse(description=TOO_LARGE_DESCRIPTION)},
    )
    def post(self, request, pk: str):
        ticket = _visible_ticket(request, pk)
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            ticket=ticket, upload=serializer.validated_data["file"], uploader=request.user
        )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


def _visible_attachment(request, pk: str, attachment_id: int):
    ticket = _visible_ticket(request, pk)
    attachment = ticket_attachments(ticket=ticket).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound("No such file on this ticket.")
    return attachment


class AttachmentDetailApi(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, pk: str, attachment_id: int):
        services.attachment_delete(
            attachment=_visible_attachment(request, pk, attachment_id), actor=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class AttachmentDownloadApi(APIView):
    """The file itself, for whoever may see the ticket; always as a download, never rendered."""

    @extend_schema(responses={(200, "*/*"): OpenApiResponse(BINARY, description=FILE_DESCRIPTION)})
    def get(self, request, pk: str, attachment_id: int):
        attachment = _visible_attachment(request, pk, attachment_id)
        return download_response(attachment.file, name=attachment.name, content_type=attachment.content_type)

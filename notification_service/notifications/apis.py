from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications.models import Notification
from notifications.serializers import (
    NotificationSerializer,
    NotificationUpdateSerializer,
    PreferencesSerializer,
)
from notifications.services import (
    notification_receive,
    notifications_mark_read,
    preferences_for,
    preferences_set,
)
from tts_common.messages import NotificationSchema
from tts_common.permissions import IsService


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """The caller's own in-app notifications, newest first; anyone else's are 404."""

    serializer_class = NotificationSerializer
    filterset_fields = ["is_read", "type"]
    ordering_fields = ["created_at"]
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Notification.objects.none()
        return Notification.objects.filter(user_id=str(self.request.user.id), in_app=True)

    @extend_schema(request=NotificationUpdateSerializer, responses={200: NotificationSerializer})
    def partial_update(self, request, pk=None):
        notification = self.get_object()
        data = NotificationUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notification.is_read = data.validated_data["is_read"]
        notification.save(update_fields=["is_read"])
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        request=NotificationSchema,
        responses={201: NotificationSerializer, 200: NotificationSerializer, 403: OpenApiResponse()},
        description="Other TTS services only (a service token). Idempotent on event_id.",
    )
    def create(self, request):
        if not IsService().has_permission(request, self):
            return Response({"detail": IsService.message}, status=status.HTTP_403_FORBIDDEN)
        message = NotificationSchema(data=request.data)
        message.is_valid(raise_exception=True)
        notification, created = notification_receive(message=message.validated_data)
        return Response(
            NotificationSerializer(notification).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(responses={200: inline_serializer("UnreadCount", {"unread": serializers.IntegerField()})})
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"unread": self.get_queryset().filter(is_read=False).count()})

    @extend_schema(
        request=None, responses={200: inline_serializer("MarkedRead", {"marked": serializers.IntegerField()})}
    )
    @action(detail=False, methods=["post"], url_path="mark-all-read")
    def mark_all_read(self, request):
        return Response({"marked": notifications_mark_read(user_id=str(request.user.id))})


class PreferencesApi(APIView):
    """Per notification type, whether it shows in the app and comes by email."""

    @extend_schema(responses={200: PreferencesSerializer})
    def get(self, request):
        return Response(preferences_for(user_id=str(request.user.id)))

    @extend_schema(request=PreferencesSerializer, responses={200: PreferencesSerializer})
    def put(self, request):
        data = PreferencesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(preferences_set(user_id=str(request.user.id), choices=data.validated_data))

import django_filters
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from audit.models import AuditLog
from tts_common.filters import FilterSet, IsoDateTimeFilter
from tts_common.permissions import IsTTSAdmin


class AuditLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditLog
        fields = [
            "id",
            "actor_id",
            "actor_email",
            "action",
            "object_type",
            "object_id",
            "old",
            "new",
            "ip",
            "created_at",
        ]
        read_only_fields = fields


class AuditFilter(FilterSet):
    actor = django_filters.CharFilter(field_name="actor_id")
    action = django_filters.CharFilter()
    object_type = django_filters.CharFilter()
    object_id = django_filters.CharFilter()
    since = IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = AuditLog
        fields: list[str] = []


class AuditLogListApi(ListAPIView):
    """The audit log (admins), newest first; filter by actor, action, object, period."""

    permission_classes = [IsTTSAdmin]
    serializer_class = AuditLogSerializer
    queryset = AuditLog.objects.all()
    filterset_class = AuditFilter
    search_fields: list[str] = []
    ordering_fields = ["created_at"]

from audit.services import audit_log
from django.db.models import ProtectedError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from calendars.business_time import NoWorkingTime, business_add
from calendars.models import Calendar
from calendars.selectors import schedule_of
from calendars.serializers import CalendarSerializer, PreviewSerializer
from calendars.services import calendar_save
from tts_common.permissions import IsTTSAdmin


class CalendarViewSet(viewsets.ModelViewSet):
    """Business calendars (admins): time zone, working intervals per weekday, holidays."""

    permission_classes = [IsTTSAdmin]
    serializer_class = CalendarSerializer
    queryset = Calendar.objects.prefetch_related("intervals", "holidays")
    search_fields = ["name"]
    ordering_fields = ["name", "updated_at"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = calendar_save(
            calendar=None, **{k: data[k] for k in ("name", "time_zone", "intervals", "holidays")}
        )
        audit_log(
            actor=self.request.user,
            action="calendar.created",
            obj=serializer.instance,
            new=self.request.data,
            request=self.request,
        )

    def perform_update(self, serializer):
        data = {**CalendarSerializer(serializer.instance).data, **serializer.validated_data}
        old = CalendarSerializer(serializer.instance).data
        if "intervals" not in serializer.validated_data:
            data["intervals"] = [
                {"weekday": i.weekday, "start_minute": i.start_minute, "end_minute": i.end_minute}
                for i in serializer.instance.intervals.all()
            ]
        if "holidays" not in serializer.validated_data:
            data["holidays"] = [
                {"date": h.date, "name": h.name, "recurring_yearly": h.recurring_yearly}
                for h in serializer.instance.holidays.all()
            ]
        serializer.instance = calendar_save(
            calendar=serializer.instance,
            **{k: data[k] for k in ("name", "time_zone", "intervals", "holidays")},
        )
        audit_log(
            actor=self.request.user,
            action="calendar.updated",
            obj=serializer.instance,
            old=old,
            new=self.request.data,
            request=self.request,
        )

    @extend_schema(responses={204: None, 409: OpenApiResponse(description="Workflows use this calendar.")})
    def destroy(self, request, *args, **kwargs):
        try:
            return super().destroy(request, *args, **kwargs)
        except ProtectedError:
            return Response(
                {"detail": "Workflows use this calendar; point them elsewhere first."},
                status=status.HTTP_409_CONFLICT,
            )

    @extend_schema(
        parameters=[
            OpenApiParameter("minutes", int, required=True),
            OpenApiParameter("start", str, description="ISO 8601; default now"),
        ],
        responses={
            200: inline_serializer(
                "CalendarPreview",
                {
                    "start": serializers.DateTimeField(),
                    "minutes": serializers.IntegerField(),
                    "due_at": serializers.DateTimeField(),
                },
            )
        },
    )
    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        """When a target of ``minutes`` business minutes starting at ``start`` ends on this calendar."""
        params = PreviewSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        start = params.validated_data.get("start") or timezone.now()
        try:
            due = business_add(schedule_of(self.get_object()), start, params.validated_data["minutes"])
        except NoWorkingTime as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"start": start, "minutes": params.validated_data["minutes"], "due_at": due})

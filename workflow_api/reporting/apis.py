"""GET /api/v1/reports/...: read-only reports for admins and ticket coordinators.

Every report takes the filters of :mod:`reporting.filters` and answers JSON, or CSV with
``?format=csv`` (a header row, then one row per result; the summary is one row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from reporting import selectors
from reporting.filters import (
    ReportFilters,
    ReportParamsSerializer,
    SlaParamsSerializer,
    VolumeParamsSerializer,
)
from reporting.permissions import CanReadReports
from reporting.renderers import CSVRenderer, CsvTable
from reporting.serializers import (
    AgentReportSerializer,
    SlaReportSerializer,
    StepReportSerializer,
    SummarySerializer,
    VolumeReportSerializer,
)

FORMAT = OpenApiParameter("format", str, enum=["json", "csv"], description="csv: a CSV attachment.")


class ReportNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` falls back to JSON here and the view answers 400 once the
    caller is known to be allowed (DRF would answer 404, before authenticating)."""

    def filter_renderers(self, renderers, format):
        return [renderer for renderer in renderers if renderer.format == format] or renderers


def _schema(params: type[serializers.Serializer], body: type[serializers.Serializer], summary: str):
    return extend_schema(
        summary=summary,
        parameters=[params, FORMAT],
        responses={(200, "application/json"): body, (200, "text/csv"): OpenApiTypes.STR},
    )


class ReportApi(APIView):
    """What every report shares: who may read it, its parameters, JSON or CSV."""

    permission_classes = [CanReadReports]
    renderer_classes = [JSONRenderer, CSVRenderer]
    content_negotiation_class = ReportNegotiation
    params_class: type[ReportParamsSerializer] = ReportParamsSerializer
    report_name = "report"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # negotiation, authentication, permissions
        asked = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE)
        if asked and asked != request.accepted_renderer.format:
            raise ValidationError({"format": ["Use json or csv."]})

    def params(self) -> ReportParamsSerializer:
        params = self.params_class(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params

    def respond(
        self,
        filters: ReportFilters,
        body: dict[str, Any],
        *,
        columns: Iterable[str],
        rows: Iterable[Mapping[str, Any]],
    ) -> Response:
        if self.request.accepted_renderer.format != CSVRenderer.format:
            return Response(body)
        filename = f"{self.report_name}-{filters.since:%Y%m%d}-{filters.until:%Y%m%d}.csv"
        return Response(
            CsvTable(columns=tuple(columns), rows=rows),
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors stay JSON ({"field": [...]}) even when CSV was asked for.
        renderer = getattr(request, "accepted_renderer", None)
        if (
            isinstance(response, Response)
            and response.status_code >= 400
            and isinstance(renderer, CSVRenderer)
        ):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class SummaryReportApi(ReportApi):
    """KPI tiles: open, created, resolved and rejected tasks; resolution and first-response
    times (average and median, wall-clock minutes less time on hold); SLA met."""

    report_name = "summary"

    @_schema(ReportParamsSerializer, SummarySerializer, "KPI summary")
    def get(self, request):
        filters = self.params().filters()
        summary = selectors.report_summary(filters=filters)
        return self.respond(filters, summary, columns=selectors.SUMMARY_COLUMNS, rows=[summary])


class SlaReportApi(ReportApi):
    """SLA compliance grouped by workflow, priority, team (role) or agent."""

    report_name = "sla"
    params_class = SlaParamsSerializer

    @_schema(SlaParamsSerializer, SlaReportSerializer, "SLA compliance")
    def get(self, request):
        params = self.params()
        filters, group_by = params.filters(), params.validated_data["group_by"]
        rows = selectors.report_sla(filters=filters, group_by=group_by)
        body = {"since": filters.since, "until": filters.until, "group_by": group_by, "results": rows}
        return self.respond(filters, body, columns=selectors.SLA_COLUMNS, rows=rows)


class AgentReportApi(ReportApi):
    """Per agent: items handled, average minutes per item, reassignments, escalations."""

    report_name = "agents"

    @_schema(ReportParamsSerializer, AgentReportSerializer, "Agent performance")
    def get(self, request):
        filters = self.params().filters()
        rows = selectors.report_agents(filters=filters)
        body = {"since": filters.since, "until": filters.until, "results": rows}
        return self.respond(filters, body, columns=selectors.AGENT_COLUMNS, rows=rows)


class StepReportApi(ReportApi):
    """Per workflow step: items, time in the step, time waiting in the queue, breaches."""

    report_name = "steps"

    @_schema(ReportParamsSerializer, StepReportSerializer, "Step bottlenecks")
    def get(self, request):
        filters = self.params().filters()
        rows = selectors.report_steps(filters=filters)
        body = {"since": filters.since, "until": filters.until, "results": rows}
        return self.respond(filters, body, columns=selectors.STEP_COLUMNS, rows=rows)


class VolumeReportApi(ReportApi):
    """Tasks created and completed per day or week."""

    report_name = "volume"
    params_class = VolumeParamsSerializer

    @_schema(VolumeParamsSerializer, VolumeReportSerializer, "Volume over time")
    def get(self, request):
        params = self.params()
        filters, interval = params.filters(), params.validated_data["interval"]
        rows = selectors.report_volume(filters=filters, interval=interval)
        body = {"since": filters.since, "until": filters.until, "interval": interval, "results": rows}
        return self.respond(filters, body, columns=selectors.VOLUME_COLUMNS, rows=rows)

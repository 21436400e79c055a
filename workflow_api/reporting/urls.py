from django.urls import path

from reporting import apis

urlpatterns = [
    path("summary/", apis.SummaryReportApi.as_view(), name="report-summary"),
    path("sla/", apis.SlaReportApi.as_view(), name="report-sla"),
    path("agents/", apis.AgentReportApi.as_view(), name="report-agents"),
    path("steps/", apis.StepReportApi.as_view(), name="report-steps"),
    path("volume/", apis.VolumeReportApi.as_view(), name="report-volume"),
]

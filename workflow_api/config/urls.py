from audit.apis import AuditLogListApi
from django.urls import include, path

from tts_common.urls import service_urlpatterns

urlpatterns = service_urlpatterns(
    "workflow",
    [
        path("api/v1/", include("engine.urls")),
        path("api/v1/", include("workflows.urls")),
        path("api/v1/", include("tickets.urls")),
        path("api/v1/", include("calendars.urls")),
        path("api/v1/reports/", include("reporting.urls")),
        path("api/v1/audit/", AuditLogListApi.as_view(), name="audit-list"),
    ],
)

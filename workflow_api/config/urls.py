from audit.apis import AuditLogListApi
from django.urls import include, path

from tts_common import errors
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

# JSON, not Django's HTML pages, for API requests no view answers (tts_common.errors)
handler400, handler404, handler500 = errors.bad_request, errors.page_not_found, errors.server_error

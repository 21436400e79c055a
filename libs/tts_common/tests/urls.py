from django.urls import path

from tests.kernel_testapp import views
from tts_common import errors
from tts_common.urls import service_urlpatterns

urlpatterns = service_urlpatterns(
    "kernel",
    [
        path("api/v1/whoami/", views.WhoAmI.as_view()),
        path("api/v1/admin-only/", views.AdminOnly.as_view()),
        path("api/v1/service-only/", views.ServiceOnly.as_view()),
        path("api/v1/admin-or-service/", views.AdminOrService.as_view()),
        path("api/v1/agent-or-supervisor/", views.AgentOrSupervisor.as_view()),
        path("api/v1/failing/<slug:kind>/", views.Failing.as_view()),
        path("api/v1/numbers/", views.Numbers.as_view()),
    ],
)

handler400, handler404, handler500 = errors.bad_request, errors.page_not_found, errors.server_error

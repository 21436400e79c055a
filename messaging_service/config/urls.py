from django.urls import include, path

from tts_common import errors
from tts_common.urls import service_urlpatterns

urlpatterns = service_urlpatterns("messaging", [path("api/v1/", include("comments.urls"))])

# JSON, not Django's HTML pages, for API requests no view answers (tts_common.errors)
handler400, handler404, handler500 = errors.bad_request, errors.page_not_found, errors.server_error

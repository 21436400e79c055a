from django.urls import include, path

from tts_common.urls import service_urlpatterns

urlpatterns = service_urlpatterns("tickets", [path("api/v1/", include("tickets.urls"))])

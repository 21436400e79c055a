from django.urls import include, path

from tts_common.urls import service_urlpatterns

urlpatterns = service_urlpatterns("auth", [path("api/v1/", include("accounts.urls"))])

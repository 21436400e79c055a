from django.urls import include, path

from tts_common.urls import service_urlpatterns

urlpatterns = service_urlpatterns("messaging", [path("api/v1/", include("comments.urls"))])

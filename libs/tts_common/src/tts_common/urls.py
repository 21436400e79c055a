"""The paths every service answers under its short name (DESIGN §3)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from tts_common.health import health


def service_urlpatterns(short: str, api: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    admin.site.site_header = f"TTS {short} administration"
    return [
        path(f"admin/{short}/", admin.site.urls),
        path(f"api/schema/{short}/", SpectacularAPIView.as_view(), name="schema"),
        # The split view serves Swagger UI's start-up script as a file: no inline script, so
        # the production Content-Security-Policy (script-src 'self') holds on this page too.
        path(f"api/docs/{short}/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
        path(f"health/{short}/", health, name="health"),
        *api,
    ]

"""``/health/<service>/``: 200 when the database and the broker answer, else 503."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger("tts.health")


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as exc:
        logger.warning("health: database unreachable", extra={"error": str(exc)})
        return "unreachable"


def _check_broker() -> str:
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=2,
        ) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return "ok"
    except Exception as exc:
        logger.warning("health: broker unreachable", extra={"error": str(exc)})
        return "unreachable"


@require_GET
def health(request):
    checks = {"database": _check_database(), "broker": _check_broker()}
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {
            "service": settings.TTS_SERVICE,
            "status": "ok" if healthy else "unavailable",
            "embedded": settings.TTS_EMBEDDED,
            "checks": checks,
        },
        status=200 if healthy else 503,
    )

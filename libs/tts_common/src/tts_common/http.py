"""Small request helpers shared by the services."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    """The caller's address. Behind ``TTS_TRUSTED_PROXIES`` proxies (nginx sets
    X-Forwarded-For), the address the outermost trusted proxy saw; else REMOTE_ADDR."""
    proxies = getattr(settings, "TTS_TRUSTED_PROXIES", 0)
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:255]


def validated(serializer_class, data) -> dict:
    """``serializer_class(data=data)``'s validated data; a 400 naming each field otherwise."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data

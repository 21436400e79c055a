"""DESIGN §3: integrators' tokens get 60 requests a minute per user by default.

Only requests authenticated by an ``Authorization`` header count: the web UI (cookies)
and other services (service tokens) are not integrators. Counters live in the shared
cache, so the limit holds across processes; 429 answers carry ``Retry-After``.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class IntegratorRateThrottle(UserRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at call time (DRF copies the rates once at import), so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        user = getattr(request, "user", None)
        if not request.META.get("HTTP_AUTHORIZATION") or not getattr(user, "is_authenticated", False):
            return True
        if getattr(user, "is_service", False):
            return True
        return super().allow_request(request, view)

"""Stateless JWT authentication for DRF: Bearer header or the HttpOnly ``access_token`` cookie."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Any

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from tts_common import jwt

ACCESS_COOKIE = "access_token"
REFRESH_COOKIE = "refresh_token"
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "HTTP_X_CSRFTOKEN"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


@dataclass
class TokenUser:
    """The caller, as the access token describes them. Never loaded from a database."""

    id: str
    email: str
    name: str
    roles: list[str] = field(default_factory=list)
    claims: dict[str, Any] = field(default_factory=dict, repr=False)

    is_authenticated = True
    is_anonymous = False
    is_active = True

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> TokenUser:
        roles = claims.get("roles") or []
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise jwt.TokenInvalid("roles claim must be a list of strings")
        return cls(
            id=str(claims["user_id"]),
            email=claims.get("email") or "",
            name=claims.get("name") or "",
            roles=roles,
            claims=claims,
        )

    @property
    def pk(self):
        return self.id

    def has_role(self, role: str) -> bool:
        """``role`` is ``"<system>:<name>"``, e.g. ``"tts:Admin"``."""
        return role in self.roles

    def is_admin(self, system: str = "tts") -> bool:
        return self.has_role(f"{system}:Admin")

    def holds_role_in(self, system: str = "tts") -> bool:
        """Holds any role of ``system``: an agent (or admin) there, not only a requester."""
        return any(r.startswith(f"{system}:") for r in self.roles)

    @property
    def department(self) -> str:
        return self.claims.get("department") or ""

    @property
    def is_service(self) -> bool:
        return any(r.startswith("service:") for r in self.roles)

    @property
    def is_staff(self) -> bool:  # used by DRF's browsable API and a few Django helpers
        return self.is_admin()

    def __str__(self) -> str:
        return self.email or str(self.id)


class JWTAuthentication(BaseAuthentication):
    """Accept ``Authorization: Bearer <access>`` or the ``access_token`` cookie.

    Cookie-authenticated unsafe requests must carry ``X-CSRFToken`` equal to the
    ``csrftoken`` cookie (double submit); Bearer requests need not, since a browser
    never attaches that header on its own.
    """

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if header:
            if header[0].lower() != self.keyword:
                return None
            if len(header) != 2:
                raise exceptions.AuthenticationFailed(
                    "Invalid Authorization header: expected 'Bearer <token>'."
                )
            raw = header[1].decode("latin-1")
            return self._user_for(raw), raw
        raw = request.COOKIES.get(ACCESS_COOKIE)
        if not raw:
            return None
        user = self._user_for(raw)
        if request.method not in SAFE_METHODS:
            self._enforce_csrf(request)
        return user, raw

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="tts"'

    @staticmethod
    def _user_for(raw: str) -> TokenUser:
        try:
            return TokenUser.from_claims(jwt.decode(raw, token_type="access"))
        except jwt.TokenInvalid as exc:
            raise exceptions.AuthenticationFailed(
                "Token is invalid or expired.", code="token_not_valid"
            ) from exc

    @staticmethod
    def _enforce_csrf(request) -> None:
        cookie = request.COOKIES.get(CSRF_COOKIE, "")
        header = request.META.get(CSRF_HEADER, "")
        if not cookie or not header or not hmac.compare_digest(cookie, header):
            raise exceptions.PermissionDenied(
                "CSRF check failed: send the csrftoken cookie value in X-CSRFToken."
            )


try:  # the OpenAPI schema names how to authenticate (Bearer header or the access_token cookie)
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class JWTAuthenticationScheme(OpenApiAuthenticationExtension):
        target_class = "tts_common.authentication.JWTAuthentication"
        name = ["bearerAuth", "cookieAuth"]

        def get_security_definition(self, auto_schema):
            return [
                {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                {"type": "apiKey", "in": "cookie", "name": ACCESS_COOKIE},
            ]
except ImportError:  # pragma: no cover - drf-spectacular is part of every service
    pass

"""Role-based DRF permission classes built on the token's ``roles`` claim."""

from __future__ import annotations

from rest_framework.permissions import BasePermission


def HasRole(*roles: str) -> type[BasePermission]:  # noqa: N802 - reads like a class in permission_classes
    """Permission class granting access to holders of any of ``roles`` (e.g. ``"tts:Admin"``)."""

    class _HasRole(BasePermission):
        message = f"Requires one of the roles: {', '.join(roles)}."

        def has_permission(self, request, view) -> bool:
            user = request.user
            return bool(
                user and user.is_authenticated and any(r in getattr(user, "roles", ()) for r in roles)
            )

    _HasRole.__name__ = f"HasRole({', '.join(roles)})"
    return _HasRole


IsTTSAdmin = HasRole("tts:Admin")


class IsService(BasePermission):
    """Only other TTS services (tokens whose roles hold ``service:<name>``)."""

    message = "Only TTS services may call this endpoint."

    def has_permission(self, request, view) -> bool:
        return bool(
            request.user and request.user.is_authenticated and getattr(request.user, "is_service", False)
        )


class IsTTSAdminOrService(BasePermission):
    message = "Requires the tts:Admin role or a service token."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.is_admin() or user.is_service))


class IsAgentOrService(BasePermission):
    """Holds any role of the TTS system (an agent or admin), or is another TTS service."""

    message = "Requires a TTS role (agents and admins) or a service token."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.holds_role_in("tts") or user.is_service))

from rest_framework.permissions import BasePermission


class IsAnySystemAdmin(BasePermission):
    """Holds the Admin role of at least one system: may manage user accounts."""

    message = "Requires an Admin role."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and any(r.endswith(":Admin") for r in user.roles))


class IsSystemAdminOrService(BasePermission):
    """``<system>:Admin`` for the system in the URL, or another TTS service."""

    message = "Requires the Admin role of this system or a service token."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return user.is_service or user.has_role(f"{view.kwargs['system']}:Admin")


class IsSystemAdmin(BasePermission):
    message = "Requires the Admin role of this system."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(f"{view.kwargs['system']}:Admin"))

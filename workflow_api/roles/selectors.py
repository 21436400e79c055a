from django.db.models import QuerySet

from roles.models import RoleUser


def role_assignable_users(*, role_id: int) -> QuerySet[RoleUser]:
    """Holders of a live role whose grant and account are both active, in a stable order."""
    return RoleUser.objects.filter(
        role_id=role_id, is_active=True, user_is_active=True, role__is_deleted=False
    ).order_by("user_id")

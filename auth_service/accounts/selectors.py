from accounts.models import User


def user_role_names(*, user: User) -> list[str]:
    """``"<system>:<role>"`` for each active grant of ``user``, sorted."""
    return sorted(
        f"{system}:{role}"
        for system, role in user.grants.filter(is_active=True).values_list("role__system__slug", "role__name")
    )

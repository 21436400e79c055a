from django.db.models import QuerySet

from accounts.models import AuditEvent, Role, User, UserSystemRole


def user_role_names(*, user: User, second_factor: bool = False) -> list[str]:
    """``"<system>:<role>"`` for each active grant of ``user``, sorted.

    Grants of a system that requires a second factor count only when one was given.
    When a list prefetched ``grants__role__system``, those are used: no query per user.
    """
    if "grants" in getattr(user, "_prefetched_objects_cache", {}):
        return sorted(
            f"{grant.role.system.slug}:{grant.role.name}"
            for grant in user.grants.all()
            if grant.is_active and (second_factor or not grant.role.system.require_totp)
        )
    grants = user.grants.filter(is_active=True, role__system__isnull=False)
    if not second_factor:
        grants = grants.exclude(role__system__require_totp=True)
    return sorted(
        f"{system}:{role}" for system, role in grants.values_list("role__system__slug", "role__name")
    )


def user_needs_totp_enrolment(*, user: User) -> bool:
    """A system the user holds a role in requires a second factor the user has not set up."""
    return (
        not user.totp_enabled and user.grants.filter(is_active=True, role__system__require_totp=True).exists()
    )


def user_list(*, search: str = "") -> QuerySet[User]:
    users = User.objects.all()
    if search:
        from django.db.models import Q

        users = users.filter(
            Q(email__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    return users.order_by("email")


def role_list(*, system: str) -> QuerySet[Role]:
    return Role.objects.filter(system__slug=system).select_related("system").order_by("name")


def role_members(*, role: Role) -> QuerySet[UserSystemRole]:
    """Active grants of ``role`` to active users, with the user loaded."""
    return (
        UserSystemRole.objects.filter(role=role, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )


def grant_list(*, system: str) -> QuerySet[UserSystemRole]:
    return (
        UserSystemRole.objects.filter(role__system__slug=system)
        .select_related("user", "role", "role__system", "granted_by")
        .order_by("-granted_at", "-id")
    )


def audit_list() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.all()


def mention_handle_expression():
    """A user's name handle as SQL: ``"Alan Turing"`` → ``alan.turing`` (what ``@alan.turing`` names)."""
    from django.db.models import Value
    from django.db.models.functions import Concat, Lower, Replace, Trim

    full = Trim(Concat("first_name", Value(" "), "last_name"))
    return Lower(Replace(full, Value(" "), Value(".")))


def user_directory(*, search: str = "", handles: list[str] = ()) -> QuerySet[User]:
    """Active accounts for mentions: by ``search`` (email or name contains, for autocomplete)
    or by exact ``handles`` (an email, or a name handle such as ``alan.turing``)."""
    from django.db.models import Q
    from django.db.models.functions import Lower

    users = User.objects.filter(is_active=True).prefetch_related("grants__role__system")
    if handles:
        lowered = [h.lower() for h in handles]
        emails = [h for h in lowered if "@" in h]
        names = [h for h in lowered if "@" not in h]
        users = users.alias(email_ci=Lower("email"), handle=mention_handle_expression()).filter(
            Q(email_ci__in=emails) | Q(handle__in=names)
        )
    elif search:
        users = users.filter(
            Q(email__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    return users.order_by("first_name", "last_name", "email")

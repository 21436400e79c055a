from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from tts_common.outbox import AbstractOutboxMessage


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email: str) -> "User":
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in to TTS. Email is the login; other services know users by id."""

    email = models.EmailField(max_length=254, unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    department = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May sign in to this service's Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Optional TOTP second factor. The secret is set at enrolment and counts only once confirmed.
    totp_secret = models.CharField(max_length=64, blank=True)
    totp_enabled = models.BooleanField(default=False)
    totp_last_step = models.BigIntegerField(
        null=True, blank=True, help_text="Last accepted TOTP time step (no replay)."
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email


# Path segments under /api/v1/ that belong to fixed routes; a system slug may not take them.
RESERVED_SYSTEM_SLUGS = {
    "users",
    "auth",
    "systems",
    "tickets",
    "workflows",
    "workflow-tickets",
    "steps",
    "transitions",
    "tasks",
    "calendars",
    "reports",
    "audit",
    "comments",
    "notifications",
    "service",
}


def validate_system_slug(value: str) -> None:
    if value in RESERVED_SYSTEM_SLUGS:
        raise ValidationError(f'"{value}" is reserved for another API path.')


class System(models.Model):
    """An application whose roles auth_service manages, e.g. ``tts``."""

    slug = models.SlugField(max_length=50, unique=True, validators=[validate_system_slug])
    name = models.CharField(max_length=100)
    require_totp = models.BooleanField(
        default=False, help_text="Grants in this system go into tokens only after a second factor."
    )

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class Role(models.Model):
    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    is_custom = models.BooleanField(default=False)
    # Bumped with every change; sync messages carry it so consumers can drop stale ones.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["system__slug", "name"]
        constraints = [
            models.UniqueConstraint(fields=["system", "name"], name="accounts_role_unique_per_system"),
            models.UniqueConstraint("system", Lower("name"), name="accounts_role_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.system.slug}:{self.name}"


class UserSystemRole(models.Model):
    """A grant of a role to a user. Only active grants go into tokens."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="grants")
    is_active = models.BooleanField(default=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="accounts_grant_unique")]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.role}"


class IssuedRefreshToken(models.Model):
    """Every refresh token issued. A token is used once (rotation); presenting a used one
    again means it leaked, and its whole family (one sign-in's chain) is revoked."""

    jti = models.CharField(max_length=64, unique=True)
    family = models.UUIDField(db_index=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="refresh_tokens")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["user"], name="accounts_refresh_live", condition=models.Q(revoked_at__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return self.jti


class PasswordResetToken(models.Model):
    """A single-use password reset; only a hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_resets")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"reset for user {self.user_id} ({'used' if self.used_at else 'open'})"


class AuditEvent(models.Model):
    """Append-only record of sign-ins and of changes to accounts, roles and grants."""

    class Kind(models.TextChoices):
        LOGIN_SUCCESS = "login_success"
        LOGIN_FAILURE = "login_failure"
        LOCKOUT = "lockout"
        LOGOUT = "logout"
        REFRESH_REUSE = "refresh_reuse"
        PASSWORD_CHANGE = "password_change"
        PASSWORD_RESET_REQUEST = "password_reset_request"
        PASSWORD_RESET = "password_reset"
        TOTP_ENABLED = "totp_enabled"
        TOTP_DISABLED = "totp_disabled"
        USER_INVITED = "user_invited"
        USER_CHANGED = "user_changed"
        USER_DEACTIVATED = "user_deactivated"
        ROLE_CHANGED = "role_changed"
        GRANT_CHANGED = "grant_changed"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_email = models.CharField(max_length=254, blank=True)
    target_user_id = models.BigIntegerField(null=True, blank=True)
    email = models.CharField(max_length=254, blank=True, help_text="The email a login attempt named.")
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "-created_at"]),
            models.Index(fields=["target_user_id", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.email or self.target_user_id} {self.created_at:%Y-%m-%d %H:%M}"


class OutboxMessage(AbstractOutboxMessage):
    """Messages auth_service owes other services (role sync, emails)."""

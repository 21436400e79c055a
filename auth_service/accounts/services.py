"""Accounts: profile, passwords, second factor, and the admin's user management."""

from __future__ import annotations

import hashlib
import secrets

import pyotp
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from accounts import throttling
from accounts.audit import audit_record
from accounts.models import AuditEvent, OutboxMessage, PasswordResetToken, User
from accounts.role_services import user_grants_republish
from accounts.token_services import TokenPair, token_pair_issue, totp_verify, user_tokens_revoke
from tts_common import outbox
from tts_common.authentication import TokenUser
from tts_common.http import client_ip

PROFILE_FIELDS = {"first_name", "last_name", "department", "phone"}


def _password_validate(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationError({"new_password": list(exc.messages)}) from exc


def notification_enqueue(
    *, user: User, type: str, title: str, body: str, link: str, channels: list[str]
) -> None:
    """A notification for ``user``, published through the outbox with this transaction."""
    outbox.notification_enqueue(
        OutboxMessage,
        user_id=user.id,
        email=user.email,
        type=type,
        title=title,
        body=body,
        link=link,
        channels=channels,
    )


@transaction.atomic
def profile_update(*, user: User, request=None, **fields) -> User:
    changed = {k: v for k, v in fields.items() if k in PROFILE_FIELDS and getattr(user, k) != v}
    if not changed:
        return user
    for name, value in changed.items():
        setattr(user, name, value)
    user.save(update_fields=list(changed))
    audit_record(
        AuditEvent.Kind.USER_CHANGED, request=request, actor=user, target_user_id=user.id, detail=changed
    )
    if {"first_name", "last_name"} & changed.keys():
        user_grants_republish(user=user)
    return user


@transaction.atomic
def password_change(*, user: User, current_password: str, new_password: str, request=None) -> TokenPair:
    """Change the password, end every other session, and start a fresh one."""
    if not user.check_password(current_password):
        raise ValidationError({"current_password": ["The current password is not correct."]})
    _password_validate(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    user_tokens_revoke(user=user)
    audit_record(AuditEvent.Kind.PASSWORD_CHANGE, request=request, actor=user, target_user_id=user.id)
    # No code was checked here: the new session holds no second-factor-only roles until the next sign-in.
    return token_pair_issue(user=user, second_factor=False)


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _reset_link(raw: str) -> str:
    return f"{settings.TTS_WEB_URL.rstrip('/')}/reset-password?token={raw}"


def password_reset_issue(*, user: User, invited: bool = False) -> None:
    """Create a single-use reset token (1 hour) and email its link via notification_service."""
    raw = secrets.token_urlsafe(32)
    PasswordResetToken.objects.create(
        user=user, token_hash=_token_hash(raw), expires_at=timezone.now() + settings.PASSWORD_RESET_TTL
    )
    if invited:
        title, body = (
            "You are invited to TTS",
            "Choose a password to activate your account. The link is valid for one hour.",
        )
    else:
        title = "Reset your TTS password"
        body = "Someone asked to reset your password. If it was you, follow the link within one hour; otherwise ignore this email."
    notification_enqueue(
        user=user, type="password_reset", title=title, body=body, link=_reset_link(raw), channels=["email"]
    )


@transaction.atomic
def password_reset_request(*, email: str, request=None) -> None:
    """Answer the same whether or not the account exists; send a link only if it does."""
    throttling.rate_limit_ip(
        scope="password-reset",
        ip=client_ip(request) if request is not None else None,
        limit=settings.PASSWORD_RESET_RATE_PER_IP,
        window=3600,
    )
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    audit_record(
        AuditEvent.Kind.PASSWORD_RESET_REQUEST,
        request=request,
        email=email,
        target_user_id=user.id if user else None,
    )
    if user is not None:
        password_reset_issue(user=user)
    else:
        _token_hash(secrets.token_urlsafe(32))  # keep the two paths' work alike


@transaction.atomic
def password_reset_confirm(*, token: str, new_password: str, request=None) -> User:
    reset = (
        PasswordResetToken.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_token_hash(token or ""), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if reset is None or not reset.user.is_active:
        raise ValidationError({"token": ["This reset link is invalid, used or expired."]})
    user = reset.user
    _password_validate(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    reset.used_at = timezone.now()
    reset.save(update_fields=["used_at"])
    user_tokens_revoke(user=user)
    throttling.login_unlock(email=user.email)
    audit_record(AuditEvent.Kind.PASSWORD_RESET, request=request, target_user_id=user.id, email=user.email)
    return user


@transaction.atomic
def totp_setup(*, user: User) -> str:
    """Start enrolment: a new secret (not yet active) and its otpauth:// URI for the QR code."""
    if user.totp_enabled:
        raise ValidationError({"detail": "A second factor is already enabled; disable it first."})
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None
    user.save(update_fields=["totp_secret", "totp_last_step"])
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=settings.TOTP_ISSUER)


@transaction.atomic
def totp_confirm(*, user: User, code: str, request=None) -> None:
    if user.totp_enabled:
        raise ValidationError({"detail": "A second factor is already enabled."})
    if not user.totp_secret:
        raise ValidationError({"detail": "Start enrolment first."})
    if not totp_verify(user=user, code=code):
        raise ValidationError(
            {"code": ["That code is not valid; check the time on your device and try again."]}
        )
    User.objects.filter(pk=user.pk).update(totp_enabled=True)
    audit_record(AuditEvent.Kind.TOTP_ENABLED, request=request, actor=user, target_user_id=user.id)


@transaction.atomic
def totp_disable(*, user: User, code: str, request=None) -> None:
    if not user.totp_enabled:
        raise ValidationError({"detail": "No second factor is enabled."})
    if not totp_verify(user=user, code=code):
        raise ValidationError({"code": ["That code is not valid."]})
    User.objects.filter(pk=user.pk).update(totp_enabled=False, totp_secret="", totp_last_step=None)
    user_tokens_revoke(user=user)
    audit_record(AuditEvent.Kind.TOTP_DISABLED, request=request, actor=user, target_user_id=user.id)


@transaction.atomic
def user_invite(*, actor: TokenUser, email: str, request=None, **fields) -> User:
    """Create an account without a usable password and email a link to choose one."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": ["An account with this email already exists."]})
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email, None, **{k: v for k, v in fields.items() if k in PROFILE_FIELDS}
            )
    except IntegrityError as exc:  # a concurrent invite of the same email won
        raise ValidationError({"email": ["An account with this email already exists."]}) from exc
    audit_record(
        AuditEvent.Kind.USER_INVITED, request=request, actor=actor, target_user_id=user.id, email=email
    )
    password_reset_issue(user=user, invited=True)
    return user


@transaction.atomic
def user_update(*, actor: TokenUser, user: User, request=None, **fields) -> User:
    changed = {k: v for k, v in fields.items() if k in PROFILE_FIELDS and getattr(user, k) != v}
    if changed:
        for name, value in changed.items():
            setattr(user, name, value)
        user.save(update_fields=list(changed))
        audit_record(
            AuditEvent.Kind.USER_CHANGED, request=request, actor=actor, target_user_id=user.id, detail=changed
        )
        if {"first_name", "last_name"} & changed.keys():
            user_grants_republish(user=user)
    return user


@transaction.atomic
def user_set_active(*, actor: TokenUser, user: User, active: bool, request=None) -> User:
    """Deactivate (ends every session at once) or reactivate an account."""
    if str(user.id) == str(actor.id):
        raise ValidationError({"detail": "You cannot deactivate or reactivate your own account."})
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        user_tokens_revoke(user=user)
    kind = AuditEvent.Kind.USER_CHANGED if active else AuditEvent.Kind.USER_DEACTIVATED
    audit_record(kind, request=request, actor=actor, target_user_id=user.id, detail={"is_active": active})
    user_grants_republish(user=user)
    return user

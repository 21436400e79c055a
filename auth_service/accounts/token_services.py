"""Signing in, refreshing, signing out: the only place tokens are issued."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import throttling
from accounts.audit import audit_record
from accounts.models import AuditEvent, IssuedRefreshToken, User
from accounts.selectors import user_needs_totp_enrolment, user_role_names
from tts_common import jwt
from tts_common.http import client_ip


class LoginFailed(Exception):
    pass


class SecondFactorRequired(Exception):
    pass


class TokenRejected(Exception):
    pass


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    user: User
    second_factor: bool = False
    totp_enrolment_required: bool = False


def token_pair_issue(*, user: User, second_factor: bool, family: uuid.UUID | None = None) -> TokenPair:
    """A new refresh token (recorded, in ``family``) and an access token with the current roles."""
    now = timezone.now()
    jti = uuid.uuid4().hex
    family = family or uuid.uuid4()
    expires = now + settings.JWT_REFRESH_LIFETIME
    IssuedRefreshToken.objects.create(jti=jti, family=family, user=user, created_at=now, expires_at=expires)
    refresh = jwt.encode(
        {
            "token_type": "refresh",
            "user_id": str(user.id),
            "jti": jti,
            "fam": str(family),
            "mfa": second_factor,
            "iat": int(now.timestamp()),
            "exp": int(expires.timestamp()),
        }
    )
    access = jwt.issue_access_token(
        user_id=str(user.id),
        email=user.email,
        name=user.full_name,
        roles=user_role_names(user=user, second_factor=second_factor),
        # Not in DESIGN §4's list: ticket_service shows agents their department's tickets.
        extra={"department": user.department},
    )
    return TokenPair(
        access=access,
        refresh=refresh,
        user=user,
        second_factor=second_factor,
        totp_enrolment_required=not second_factor and user_needs_totp_enrolment(user=user),
    )


def totp_verify(*, user: User, code: str) -> bool:
    """Check a TOTP code and burn its time step, so a code works once (row-level compare-and-set)."""
    if not user.totp_secret or not code or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = datetime.now(UTC)
    for offset in (0, -1, 1):  # one step of clock drift either way
        at = now.timestamp() + offset * totp.interval
        if totp.verify(code, for_time=at, valid_window=0):
            step = int(at // totp.interval)
            burned = (
                User.objects.filter(pk=user.pk)
                .filter(Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step))
                .update(totp_last_step=step)
            )
            return burned == 1
    return False


def login(*, request, email: str, password: str, otp: str = "") -> TokenPair:
    """Sign in. Raises Throttled (429), LoginFailed (401) or SecondFactorRequired (401)."""
    email = email.strip().lower()
    throttling.rate_limit_ip(
        scope="login",
        ip=client_ip(request),
        limit=settings.LOGIN_RATE_PER_IP,
        window=settings.LOGIN_RATE_WINDOW_SECONDS,
    )
    try:
        throttling.login_reserve(email=email)
    except throttling.Throttled as locked:
        if locked.newly_locked:
            audit_record(AuditEvent.Kind.LOCKOUT, request=request, email=email)
        raise
    # ModelBackend hashes the password even for an unknown email, so timing matches.
    user = authenticate(request, username=email, password=password)
    if user is None or not user.is_active:
        audit_record(
            AuditEvent.Kind.LOGIN_FAILURE, request=request, email=email, detail={"reason": "credentials"}
        )
        raise LoginFailed("Invalid email or password.")
    second_factor = False
    if user.totp_enabled:
        if not otp:
            raise SecondFactorRequired("A one-time code from your authenticator app is required.")
        if not totp_verify(user=user, code=otp):
            audit_record(
                AuditEvent.Kind.LOGIN_FAILURE,
                request=request,
                email=email,
                target_user_id=user.id,
                detail={"reason": "second factor"},
            )
            raise LoginFailed("Invalid one-time code.")
        second_factor = True
    throttling.login_succeeded(email=email)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    audit_record(
        AuditEvent.Kind.LOGIN_SUCCESS, request=request, actor=user, target_user_id=user.id, email=email
    )
    return token_pair_issue(user=user, second_factor=second_factor)


def token_refresh(*, request, raw: str) -> TokenPair:
    """Rotate a refresh token. A token used twice revokes its whole family."""
    try:
        claims = jwt.decode(raw or "", token_type="refresh")
    except jwt.TokenInvalid as exc:
        raise TokenRejected("Refresh token is invalid or expired.") from exc
    pair, reused = _rotate(claims)
    if reused is not None:
        audit_record(
            AuditEvent.Kind.REFRESH_REUSE,
            request=request,
            target_user_id=reused.user_id,
            detail={"family": str(reused.family)},
        )
    if pair is None:
        raise TokenRejected("Refresh token is invalid or expired.")
    return pair


@transaction.atomic
def _rotate(claims: dict) -> tuple[TokenPair | None, IssuedRefreshToken | None]:
    issued = (
        IssuedRefreshToken.objects.select_for_update()
        .select_related("user")
        .filter(jti=claims["jti"])
        .first()
    )
    now = timezone.now()
    if issued is None or issued.revoked_at is not None or not issued.user.is_active:
        return None, None
    if issued.used_at is not None:
        IssuedRefreshToken.objects.filter(family=issued.family, revoked_at__isnull=True).update(
            revoked_at=now
        )
        return None, issued
    issued.used_at = now
    issued.save(update_fields=["used_at"])
    return token_pair_issue(
        user=issued.user, second_factor=bool(claims.get("mfa")), family=issued.family
    ), None


def logout(*, request, raw: str) -> None:
    """Revoke the refresh token's family (this sign-in). An unreadable token is simply ignored."""
    try:
        claims = jwt.decode(raw or "", token_type="refresh")
    except jwt.TokenInvalid:
        return
    revoked = IssuedRefreshToken.objects.filter(family=claims.get("fam"), revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit_record(AuditEvent.Kind.LOGOUT, request=request, target_user_id=int(claims["user_id"]))


def user_tokens_revoke(*, user: User) -> int:
    """End every refresh token of ``user`` now (deactivation, grant revoked, password changed)."""
    return IssuedRefreshToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )

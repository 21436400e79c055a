"""Login protection with atomic counters in the shared cache.

Every attempt first *reserves* a slot by incrementing the account's failure counter,
and only then checks the password; a success clears the counter. So however many
attempts race, at most LOGIN_MAX_FAILURES passwords are checked before the lock.
Unknown emails are counted exactly like known ones: the answers cannot tell them apart.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


class Throttled(Exception):
    def __init__(self, detail: str, retry_after: float, *, newly_locked: bool = False):
        super().__init__(detail)
        self.detail = detail
        self.retry_after = max(1, int(retry_after + 0.999))
        self.newly_locked = newly_locked


def _incr(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def _account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def rate_limit_ip(*, scope: str, ip: str | None, limit: int, window: int) -> None:
    """A fixed window of ``limit`` attempts per ``window`` seconds per address."""
    now = time.time()
    bucket = int(now // window)
    count = _incr(f"rl:{scope}:{ip or 'unknown'}:{bucket}", window + 5)
    if count > limit:
        raise Throttled(
            "Too many attempts from this address. Try again later.", retry_after=window - (now % window)
        )


def login_reserve(*, email: str) -> None:
    """Reserve one password check for ``email``; raise Throttled when the account is locked
    (``newly_locked`` tells whether this very attempt locked it, for the audit trail)."""
    key = _account_key(email)
    locked_until = cache.get(f"login:lock:{key}")
    if locked_until:
        raise Throttled(_locked_message(), retry_after=locked_until - time.time())
    failures = _incr(f"login:fail:{key}", settings.LOGIN_LOCKOUT_SECONDS)
    if failures > settings.LOGIN_MAX_FAILURES:
        until = time.time() + settings.LOGIN_LOCKOUT_SECONDS
        newly = cache.add(f"login:lock:{key}", until, settings.LOGIN_LOCKOUT_SECONDS)
        locked_until = until if newly else cache.get(f"login:lock:{key}", until)
        raise Throttled(_locked_message(), retry_after=locked_until - time.time(), newly_locked=newly)


def login_succeeded(*, email: str) -> None:
    cache.delete(f"login:fail:{_account_key(email)}")


def login_unlock(*, email: str) -> None:
    """Clear a lockout (an admin's action, or a completed password reset)."""
    key = _account_key(email)
    cache.delete_many([f"login:fail:{key}", f"login:lock:{key}"])


def _locked_message() -> str:
    return "This account is temporarily locked after repeated failed sign-ins. Try again later."

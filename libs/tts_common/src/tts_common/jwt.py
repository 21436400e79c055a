"""Signing and verifying TTS JSON Web Tokens.

HS256 is pinned. Tokens carry a ``kid`` header derived from the key, so the shared
secret can be rotated: verifiers accept the current key and the previous one.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt as pyjwt
from django.conf import settings

ALGORITHM = "HS256"
ISSUER = "tts-auth"
AUDIENCE = "tts"
# A real access token is well under 2 KB; anything much larger is refused before decoding.
MAX_TOKEN_BYTES = 8192
MIN_KEY_BYTES = 32
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "jti", "token_type", "user_id"]


class TokenInvalid(Exception):
    """The token is malformed, forged, expired or not meant for this use."""


def key_id(key: str) -> str:
    """A stable, non-secret identifier of a signing key."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class KeyRing:
    current: str
    previous: str | None = None

    @classmethod
    def from_settings(cls) -> KeyRing:
        return cls(settings.JWT_SIGNING_KEY, getattr(settings, "JWT_PREVIOUS_SIGNING_KEY", None) or None)

    def lookup(self, kid: str | None) -> str | None:
        for key in (self.current, self.previous):
            if key and kid == key_id(key):
                return key
        return None


def encode(claims: dict[str, Any], *, keys: KeyRing | None = None) -> str:
    """Sign ``claims`` with the current key; issuer and audience are added."""
    keys = keys or KeyRing.from_settings()
    payload = {"iss": ISSUER, "aud": AUDIENCE, **claims}
    return pyjwt.encode(payload, keys.current, algorithm=ALGORITHM, headers={"kid": key_id(keys.current)})


def decode(token: str, *, token_type: str | None = "access", keys: KeyRing | None = None) -> dict[str, Any]:
    """Verify signature, algorithm, expiry, not-before, issuer, audience and type.

    Raises TokenInvalid with a short reason; callers must not echo details further.
    """
    if not token or len(token) > MAX_TOKEN_BYTES:
        raise TokenInvalid("token missing or too large")
    keys = keys or KeyRing.from_settings()
    leeway = getattr(settings, "JWT_LEEWAY_SECONDS", 5)
    claims = _verified(token, keys, leeway)
    # A verified token is remembered (below), so its expiry is checked again on every use.
    if claims["exp"] <= time.time() - leeway:
        raise TokenInvalid("Signature has expired")
    if token_type is not None and claims.get("token_type") != token_type:
        raise TokenInvalid("wrong token type")
    return copy.deepcopy(claims)  # the remembered claims stay as verified


@functools.lru_cache(maxsize=4096)
def _verified(token: str, keys: KeyRing, leeway: int) -> dict[str, Any]:
    """The claims of a token whose signature, header and claims check out against these
    keys. Remembered per process by token and key ring: a browser or an integrator sends
    the same token with every request until it expires, and verifying it is a good part
    of a small request's time. What cannot change for a token is cached; a refusal is not
    (exceptions are never cached), and a retired key is a different key ring."""
    try:
        header = pyjwt.get_unverified_header(token)
    except pyjwt.PyJWTError as exc:
        raise TokenInvalid("malformed token") from exc
    if header.get("alg") != ALGORITHM:
        raise TokenInvalid("algorithm not allowed")
    key = keys.lookup(header.get("kid"))
    if key is None:
        raise TokenInvalid("unknown key id")
    try:
        return pyjwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": REQUIRED_CLAIMS},
            leeway=leeway,
        )
    except pyjwt.PyJWTError as exc:
        raise TokenInvalid(str(exc)) from exc


def issue_access_token(
    *,
    user_id: int | str,
    email: str,
    name: str,
    roles: list[str],
    lifetime: timedelta | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """Mint an access token. Used by auth_service and for service-to-service calls."""
    now = datetime.now(UTC)
    lifetime = lifetime or settings.JWT_ACCESS_LIFETIME
    return encode(
        {
            "token_type": "access",
            "user_id": user_id,
            "email": email,
            "name": name,
            "roles": roles,
            "jti": uuid.uuid4().hex,
            "iat": int(now.timestamp()),
            "exp": int((now + lifetime).timestamp()),
            **(extra or {}),
        }
    )


def issue_service_token(service: str, *, lifetime: timedelta = timedelta(minutes=2)) -> str:
    """A short-lived token a service presents to another service."""
    return issue_access_token(
        user_id=f"service:{service}", email="", name=service, roles=[f"service:{service}"], lifetime=lifetime
    )

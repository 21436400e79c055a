"""The audit trail of sign-ins and account, role and grant changes."""

from __future__ import annotations

from typing import Any

from accounts.models import AuditEvent
from tts_common.http import client_ip, user_agent


def audit_record(
    kind: str,
    *,
    request=None,
    actor=None,
    target_user_id: int | None = None,
    email: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit row. ``actor`` is a TokenUser or a User (or None for anonymous)."""
    actor_id = getattr(actor, "id", None)
    return AuditEvent.objects.create(
        kind=kind,
        actor_id=int(actor_id) if actor_id is not None and str(actor_id).isdigit() else None,
        actor_email=getattr(actor, "email", "") or "",
        target_user_id=target_user_id,
        email=email[:254],
        ip=client_ip(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
        detail=detail or {},
    )

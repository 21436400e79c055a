from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from audit.models import AuditLog
from tts_common.http import client_ip


def _json(value: Any) -> Any:
    import json

    return None if value is None else json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def audit_log(*, actor, action: str, obj, old: Any = None, new: Any = None, request=None) -> AuditLog:
    """Record one change. ``actor`` is a TokenUser (or None for the system itself)."""
    entry = audit_entry(actor=actor, action=action, obj=obj, old=old, new=new, request=request)
    entry.save(force_insert=True)
    return entry


def audit_entry(*, actor, action: str, obj, old: Any = None, new: Any = None, request=None) -> AuditLog:
    """An unsaved audit row (``AuditLog.objects.bulk_create`` many at once)."""
    return AuditLog(
        actor_id=str(getattr(actor, "id", "") or ""),
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        old=_json(old),
        new=_json(new),
        ip=client_ip(request) if request is not None else None,
    )

"""Live events to a user's open browsers, over the shared channel layer (Redis).

Any service may push; messaging_service holds the websockets (``/ws/notifications/``) and relays
what arrives in the user's group. Pushes are best effort: the stored data (the
notification list, the comment thread) stays the source of truth.
"""

from __future__ import annotations

import logging
import re
from typing import Any

logger = logging.getLogger("tts.live")
EVENT_TYPE = "live.event"


def user_group(user_id: str | int) -> str:
    """The channel-layer group of one user's connections (names allow [A-Za-z0-9._-])."""
    return "user." + re.sub(r"[^A-Za-z0-9._-]", "_", str(user_id))[:80]


def live_push(*, user_id: str | int, event: dict[str, Any]) -> bool:
    """Send ``event`` to every open connection of ``user_id``; False (logged) if the layer is down."""
    return group_push(user_group(user_id), event)


def live_push_many(pushes: list[tuple[str | int, dict[str, Any]]]) -> bool:
    """``live_push`` for many (user id, event) pairs in one go (one event loop, one
    connection to the layer); False (logged) if the layer is down."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    async def send_all(layer):
        import asyncio

        # side by side, not one round trip after another
        await asyncio.gather(
            *(
                layer.group_send(user_group(user_id), {"type": EVENT_TYPE, "event": event})
                for user_id, event in pushes
            )
        )

    try:
        layer = get_channel_layer()
        if layer is None:
            return False
        async_to_sync(send_all)(layer)
        return True
    except Exception as exc:  # a live push never breaks the work that caused it
        logger.warning("live push failed", extra={"pushes": len(pushes), "error": str(exc)})
        return False


def group_push(group: str, event: dict[str, Any]) -> bool:
    """Send ``event`` to every connection in channel-layer ``group`` (as a ``live.event``)."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    try:
        layer = get_channel_layer()
        if layer is None:
            return False
        async_to_sync(layer.group_send)(group, {"type": EVENT_TYPE, "event": event})
        return True
    except Exception as exc:  # a live push never breaks the work that caused it
        logger.warning("live push failed", extra={"group": group, "error": str(exc)})
        return False

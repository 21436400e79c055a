"""Live events to a user's open browsers, over the shared channel layer (Redis).

Any service may push; messaging_service holds the websockets (``/ws/notifications/``) and relays
what arrives in the user's group. Pushes are best effort: the stored data (the
notification list, the comment thread) stays the source of truth.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import threading
from typing import Any

logger = logging.getLogger("tts.live")
EVENT_TYPE = "live.event"
PUSH_TIMEOUT = 10  # seconds; Redis answering slower than that counts as down
_loop: tuple[int, asyncio.AbstractEventLoop | None] = (0, None)
_loop_lock = threading.Lock()


def user_group(user_id: str | int) -> str:
    """The channel-layer group of one user's connections (names allow [A-Za-z0-9._-])."""
    return "user." + re.sub(r"[^A-Za-z0-9._-]", "_", str(user_id))[:80]


def live_push(*, user_id: str | int, event: dict[str, Any]) -> bool:
    """Send ``event`` to every open connection of ``user_id``; False (logged) if the layer is down."""
    return group_push(user_group(user_id), event)


def live_push_many(pushes: list[tuple[str | int, dict[str, Any]]]) -> bool:
    """``live_push`` for many (user id, event) pairs in one go, side by side on the
    process's push loop; False (logged) if the layer is down."""
    from channels.layers import get_channel_layer

    async def send_all(layer):
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
        sending = asyncio.run_coroutine_threadsafe(send_all(layer), _push_loop())
        try:
            sending.result(timeout=PUSH_TIMEOUT)
        except BaseException:
            sending.cancel()  # a push that timed out must not hold the loop for the next ones
            raise
        return True
    except Exception as exc:  # a live push never breaks the work that caused it
        logger.warning("live push failed", extra={"pushes": len(pushes), "error": repr(exc)})
        return False


def _push_loop() -> asyncio.AbstractEventLoop:
    """One event loop per process, running in a daemon thread, for pushes from synchronous
    code (workers, WSGI views). The Redis channel layer keeps its connections per event
    loop, so a new loop per push (``async_to_sync``) would connect to Redis every time."""
    global _loop
    with _loop_lock:
        pid, loop = _loop
        if pid != os.getpid() or loop.is_closed():  # first use, or a forked child (no thread)
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="tts-live-push", daemon=True).start()
            _loop = (os.getpid(), loop)
    return loop


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

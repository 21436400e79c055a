"""Websockets: ``/ws/notifications/`` (a signed-in user's live events) and
``/ws/tickets/<number>/`` (one ticket's comments, presence and typing).

Authentication is the same access token as the REST API — the HttpOnly ``access_token``
cookie a browser sends by itself, or an ``Authorization: Bearer`` header from other
clients; never a token in the URL. Without a valid one the handshake is refused (close
code 4401); a ticket the user may not see refuses it with 4404, and 4503 when
ticket_service cannot say. The Origin is checked by the ASGI router, so another site
cannot borrow the cookie.
"""

from __future__ import annotations

import re
import time
from http.cookies import SimpleCookie

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from comments import services

from realtime import tickets
from tts_common import jwt
from tts_common.authentication import ACCESS_COOKIE, TokenUser
from tts_common.live import EVENT_TYPE, user_group
from tts_common.messages import TICKET_NUMBER_PATTERN

UNAUTHORIZED = 4401
NOT_FOUND = 4404
UNAVAILABLE = 4503
TYPING_MIN_INTERVAL = 1.0


def scope_token(scope) -> str:
    headers = dict(scope.get("headers") or [])
    authorization = headers.get(b"authorization", b"").decode("latin-1")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    if b"cookie" in headers:
        cookie = SimpleCookie()
        cookie.load(headers[b"cookie"].decode("latin-1"))
        if ACCESS_COOKIE in cookie:
            return cookie[ACCESS_COOKIE].value
    return ""


def token_user(scope) -> TokenUser | None:
    try:
        return TokenUser.from_claims(jwt.decode(scope_token(scope), token_type="access"))
    except jwt.TokenInvalid:
        return None


class LiveConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.user = token_user(self.scope)
        if self.user is None:
            await self.close(code=UNAUTHORIZED)
            return
        self.group = user_group(self.user.id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "user_id": self.user.id})

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def live_event(self, message):
        """A ``live.event`` sent to the user's group by any service (tts_common.live)."""
        await self.send_json(message["event"])


class TicketConsumer(AsyncJsonWebsocketConsumer):
    """Messages from the client: ``{"type": "ping"}`` (heartbeat, every ``heartbeat_seconds``)
    and ``{"type": "typing", "internal": bool}``. Messages to it: ``hello``, ``presence``,
    ``typing``, ``comment.created|edited|deleted``, ``pong`` and ``error``."""

    group = None

    async def connect(self):
        self.number = self.scope["url_route"]["kwargs"]["number"]
        raw = scope_token(self.scope)
        self.user = token_user(self.scope)
        if self.user is None:
            await self.close(code=UNAUTHORIZED)
            return
        if not re.fullmatch(TICKET_NUMBER_PATTERN, self.number):
            await self.close(code=NOT_FOUND)
            return
        try:
            allowed = await sync_to_async(services.ticket_access)(
                user=self.user, raw_token=raw, ticket_number=self.number
            )
        except services.AccessUnknown:
            await self.close(code=UNAVAILABLE)
            return
        if not allowed:
            await self.close(code=NOT_FOUND)
            return
        self.staff = services.sees_internal(self.user)
        self.expires_at = int(self.user.claims.get("exp") or 0)
        self.last_typing = float("-inf")  # monotonic time may start near zero
        self.group = tickets.ticket_group(self.number, staff=self.staff)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await database_sync_to_async(tickets.viewer_join)(
            channel_name=self.channel_name, number=self.number, user=self.user, is_staff=self.staff
        )
        await self.send_json(
            {
                "type": "hello",
                "ticket": self.number,
                "user_id": self.user.id,
                "heartbeat_seconds": tickets.HEARTBEAT_SECONDS,
            }
        )
        await self._presence_broadcast()

    async def disconnect(self, code):
        if self.group is None:
            return
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await database_sync_to_async(tickets.viewer_leave)(channel_name=self.channel_name)
        await self._presence_broadcast()

    async def receive_json(self, content, **kwargs):
        if self.expires_at and time.time() >= self.expires_at:
            await self.close(code=UNAUTHORIZED)  # the browser reconnects with a refreshed cookie
            return
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await database_sync_to_async(tickets.viewer_seen)(channel_name=self.channel_name)
            await self.send_json({"type": "pong"})
        elif kind == "typing":
            now = time.monotonic()
            if now - self.last_typing < TYPING_MIN_INTERVAL:
                return
            self.last_typing = now
            internal = bool(content.get("internal")) and self.staff
            event = {
                "type": "typing",
                "ticket": self.number,
                "user": {"id": self.user.id, "name": self.user.name or self.user.email},
                "internal": internal,
            }
            await self._send_to_groups(event, internal=internal)
        else:
            await self.send_json({"type": "error", "detail": "Unknown message; send ping or typing."})

    async def live_event(self, message):
        event = message["event"]
        if event.get("type") == "typing" and event["user"]["id"] == self.user.id:
            return  # nobody needs to be told they are typing
        await self.send_json(event)

    async def _presence_broadcast(self):
        viewers = await database_sync_to_async(tickets.viewers)(self.number)
        await self._send_to_groups(
            {"type": "presence", "ticket": self.number, "viewers": viewers}, internal=False
        )

    async def _send_to_groups(self, event, *, internal: bool):
        for group in tickets.ticket_groups(self.number, internal=internal):
            await self.channel_layer.group_send(group, {"type": EVENT_TYPE, "event": event})

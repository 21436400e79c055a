"""``/ws/notifications/``: a signed-in user's live events (new notifications now; comments and
presence join with the messaging issue).

Authentication is the same access token as the REST API — the HttpOnly ``access_token``
cookie a browser sends by itself, or an ``Authorization: Bearer`` header from other
clients; the connection is refused (close code 4401) without a valid one. The Origin
is checked by the ASGI router, so another site cannot borrow the cookie.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from tts_common import jwt
from tts_common.authentication import ACCESS_COOKIE, TokenUser
from tts_common.live import user_group

UNAUTHORIZED = 4401


def token_user(scope) -> TokenUser | None:
    headers = dict(scope.get("headers") or [])
    raw = ""
    authorization = headers.get(b"authorization", b"").decode("latin-1")
    if authorization.lower().startswith("bearer "):
        raw = authorization[7:].strip()
    elif b"cookie" in headers:
        cookie = SimpleCookie()
        cookie.load(headers[b"cookie"].decode("latin-1"))
        if ACCESS_COOKIE in cookie:
            raw = cookie[ACCESS_COOKIE].value
    try:
        return TokenUser.from_claims(jwt.decode(raw, token_type="access"))
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
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def live_event(self, message):
        """A ``live.event`` sent to the user's group by any service (tts_common.live)."""
        await self.send_json(message["event"])

"""/ws/notifications/: a signed-in user's browser receives live events; nobody else connects.

Each test runs in one event loop (a communicator belongs to the loop that started it)."""

import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from config.asgi import application

from tts_common.live import live_push

ORIGIN = (b"origin", b"http://localhost:1000")
# Channels closes stale database connections around each websocket event.
pytestmark = pytest.mark.django_db(transaction=True)


def cookie(token: str):
    return (b"cookie", f"access_token={token}".encode())


def connect_result(headers) -> tuple[bool, int | None]:
    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
        connected, code = await communicator.connect(timeout=5)
        if connected:
            await communicator.disconnect()
        return connected, code

    return async_to_sync(scenario)()


def test_a_signed_in_browser_gets_the_events_pushed_to_its_user(make_token):
    token = make_token(user_id="77")

    async def scenario():
        # given a browser with the access cookie, from the web UI's origin
        communicator = WebsocketCommunicator(
            application, "/ws/notifications/", headers=[ORIGIN, cookie(token)]
        )
        connected, _ = await communicator.connect(timeout=5)
        assert connected
        assert await communicator.receive_json_from(timeout=5) == {"type": "hello", "user_id": "77"}

        # when another service pushes to user 78 and to user 77
        assert await sync_to_async(live_push)(
            user_id="78", event={"type": "notification", "title": "not yours"}
        )
        assert await sync_to_async(live_push)(user_id="77", event={"type": "notification", "title": "yours"})

        # then only user 77's event arrives
        assert await communicator.receive_json_from(timeout=5) == {"type": "notification", "title": "yours"}
        assert await communicator.receive_nothing(timeout=0.3)
        await communicator.disconnect()

    async_to_sync(scenario)()


def test_a_bearer_header_works_for_other_clients(make_token):
    token = make_token(user_id="5")

    async def scenario():
        communicator = WebsocketCommunicator(
            application,
            "/ws/notifications/",
            headers=[ORIGIN, (b"authorization", f"Bearer {token}".encode())],
        )
        connected, _ = await communicator.connect(timeout=5)
        assert connected
        assert (await communicator.receive_json_from(timeout=5))["user_id"] == "5"
        await communicator.send_json_to({"type": "ping"})
        assert await communicator.receive_json_from(timeout=5) == {"type": "pong"}
        await communicator.disconnect()

    async_to_sync(scenario)()


@pytest.mark.parametrize("headers", [[ORIGIN], [ORIGIN, cookie("forged")]], ids=["no token", "bad token"])
def test_without_a_valid_token_the_connection_is_refused(headers):
    assert connect_result(headers) == (False, 4401)


def test_an_expired_token_is_refused(make_token):
    token = make_token(user_id="77", iat=int(time.time()) - 3600, exp=int(time.time()) - 600)

    assert connect_result([ORIGIN, cookie(token)]) == (False, 4401)


def test_another_sites_page_cannot_borrow_the_cookie(make_token):
    connected, _ = connect_result([(b"origin", b"https://evil.example"), cookie(make_token(user_id="77"))])

    assert not connected

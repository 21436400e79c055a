"""/ws/tickets/<number>/: a ticket's open pages get its comments live, see who else is
viewing and typing; internal notes and internal typing never reach a requester's socket;
whoever may not see the ticket cannot connect.

Each test runs in one event loop (a communicator belongs to the loop that started it);
comments are posted over REST in a worker thread, as a real request would be served."""

from contextlib import suppress

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from config.asgi import application

from realtime.models import TicketViewer

ORIGIN = (b"origin", b"http://localhost:1000")
TICKET = "TKT-2026-000001"
PATH = f"/ws/tickets/{TICKET}/"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared(ticket_service):
    for user in ("1", "7", "42"):
        ticket_service.allow(user, TICKET)
    return ticket_service


@pytest.fixture
def tokens(make_token):
    return {
        "admin": make_token(user_id="1", name="Ada Admin", roles=["tts:Admin"]),
        "agent": make_token(user_id="7", name="Alan Agent", roles=["tts:IT Support"]),
        "requester": make_token(user_id="42", name="Rita Requester", roles=[]),
        "stranger": make_token(user_id="99", name="Sam Stranger", roles=["tts:IT Support"]),
    }


def socket(token: str, path: str = PATH, origin=ORIGIN) -> WebsocketCommunicator:
    return WebsocketCommunicator(
        application, path, headers=[origin, (b"cookie", f"access_token={token}".encode())]
    )


_OPEN: list[WebsocketCommunicator] = []


def run(scenario):
    """Runs ``scenario`` in an event loop of its own; whatever sockets it opened are closed
    in that loop even when it fails, so no half-open consumer outlives its test."""

    async def guarded():
        try:
            return await scenario()
        finally:
            while _OPEN:
                with suppress(Exception):
                    await _OPEN.pop().disconnect()

    return async_to_sync(guarded)()


async def opened(token: str) -> WebsocketCommunicator:
    """A connected socket with its greeting and its own presence update read."""
    communicator = socket(token)
    _OPEN.append(communicator)
    connected, code = await communicator.connect(timeout=5)
    assert connected, code
    hello = await communicator.receive_json_from(timeout=5)
    assert hello["type"] == "hello" and hello["ticket"] == TICKET
    assert (await communicator.receive_json_from(timeout=5))["type"] == "presence"
    return communicator


async def next_of(communicator, kind: str, timeout: float = 5) -> dict:
    """The next event of ``kind``, skipping presence updates of other viewers."""
    while True:
        event = await communicator.receive_json_from(timeout=timeout)
        if event["type"] == kind:
            return event


def test_a_comment_posted_over_rest_reaches_the_other_open_page(shared, tokens, client_as):
    agent_client = client_as(user_id="7", name="Alan Agent", roles=["tts:IT Support"])

    async def scenario():
        # given the requester has the ticket open
        requester = await opened(tokens["requester"])

        # when the agent replies over REST, then edits and deletes the reply
        response = await sync_to_async(agent_client.post)(
            "/api/v1/comments/", {"ticket": TICKET, "body": "**On it**"}, format="json"
        )
        assert response.status_code == 201
        comment_id = response.json()["id"]
        created = await next_of(requester, "comment.created")
        await sync_to_async(agent_client.patch)(
            f"/api/v1/comments/{comment_id}/", {"body": "On it, 5 minutes"}, format="json"
        )
        edited = await next_of(requester, "comment.edited")
        await sync_to_async(agent_client.delete)(f"/api/v1/comments/{comment_id}/")
        deleted = await next_of(requester, "comment.deleted")
        await requester.disconnect()
        return created, edited, deleted, comment_id

    created, edited, deleted, comment_id = run(scenario)

    # then the requester's page saw the reply, rendered and attributed, then its edit and removal
    assert created["comment"]["body_html"] == "<p><strong>On it</strong></p>"
    assert created["comment"]["author"] == {"id": "7", "name": "Alan Agent"}
    assert edited["comment"]["body"] == "On it, 5 minutes" and edited["comment"]["edited_at"]
    assert deleted["comment"] == {"id": comment_id, "ticket_number": TICKET}


def test_an_internal_note_reaches_agents_but_never_the_requesters_socket(shared, tokens, client_as):
    agent_client = client_as(user_id="7", name="Alan Agent", roles=["tts:IT Support"])

    async def scenario():
        requester = await opened(tokens["requester"])
        admin = await opened(tokens["admin"])
        await next_of(requester, "presence")  # the admin arriving

        # when the agent writes an internal note, then a public reply
        for body, internal in (("internal: VIP customer", True), ("public: fixed", False)):
            response = await sync_to_async(agent_client.post)(
                "/api/v1/comments/", {"ticket": TICKET, "body": body, "is_internal": internal}, format="json"
            )
            assert response.status_code == 201

        # then the admin sees both, the requester only the public one
        admin_saw = [(await next_of(admin, "comment.created"))["comment"]["body"] for _ in range(2)]
        requester_saw = (await next_of(requester, "comment.created"))["comment"]["body"]
        assert await requester.receive_nothing(timeout=0.5)
        for communicator in (requester, admin):
            await communicator.disconnect()
        return admin_saw, requester_saw

    admin_saw, requester_saw = run(scenario)

    assert admin_saw == ["internal: VIP customer", "public: fixed"]
    assert requester_saw == "public: fixed"


def test_presence_appears_and_disappears(shared, tokens):
    async def scenario():
        agent = await opened(tokens["agent"])

        # when the admin opens the ticket, the agent is told both are viewing
        admin = await opened(tokens["admin"])
        joined = await next_of(agent, "presence")

        # when the admin leaves, the agent is told
        await admin.disconnect()
        left = await next_of(agent, "presence")
        await agent.disconnect()
        return joined, left

    joined, left = run(scenario)

    assert [v["name"] for v in joined["viewers"]] == ["Alan Agent", "Ada Admin"]
    assert [v["name"] for v in left["viewers"]] == ["Alan Agent"]
    assert not TicketViewer.objects.exists(), "every connection removed its presence"


def test_a_viewer_without_heartbeats_drops_out(shared, tokens):
    from realtime import tickets

    async def scenario():
        agent = await opened(tokens["agent"])
        # a process that died keeps its row; it is no longer counted once stale
        await sync_to_async(TicketViewer.objects.create)(
            channel_name="dead!x",
            ticket_number=TICKET,
            user_id="55",
            user_name="Ghost",
            last_seen="2000-01-01T00:00Z",
        )
        viewers = await sync_to_async(tickets.viewers)(TICKET)
        await agent.send_json_to({"type": "ping"})
        pong = await agent.receive_json_from(timeout=5)
        await agent.disconnect()
        return viewers, pong

    viewers, pong = run(scenario)

    assert [v["id"] for v in viewers] == ["7"]
    assert pong == {"type": "pong"}


def test_typing_is_relayed_and_internal_typing_stays_with_agents(shared, tokens):
    async def scenario():
        requester = await opened(tokens["requester"])
        agent = await opened(tokens["agent"])
        admin = await opened(tokens["admin"])

        await agent.send_json_to({"type": "typing", "internal": True})
        admin_saw = await next_of(admin, "typing")
        await requester.send_json_to(
            {"type": "typing", "internal": True}
        )  # a requester cannot type internally
        agent_saw = await next_of(agent, "typing")
        requester_events = []
        while not await requester.receive_nothing(timeout=0.5):
            requester_events.append(await requester.receive_json_from())
        for communicator in (requester, agent, admin):
            await communicator.disconnect()
        return admin_saw, agent_saw, requester_events

    admin_saw, agent_saw, requester_events = run(scenario)

    assert admin_saw["user"] == {"id": "7", "name": "Alan Agent"} and admin_saw["internal"] is True
    assert agent_saw["user"]["id"] == "42" and agent_saw["internal"] is False
    assert [e for e in requester_events if e["type"] == "typing"] == [], (
        "nobody's internal typing, nor its own"
    )


def refused(token, path=PATH, origin=ORIGIN):
    async def scenario():
        communicator = socket(token, path, origin)
        connected, code = await communicator.connect(timeout=5)
        if connected:
            await communicator.disconnect()
        return connected, code

    return run(scenario)


def test_sockets_that_may_not_see_the_ticket_are_refused(shared, tokens):
    assert refused(tokens["stranger"]) == (False, 4404)
    assert refused("forged") == (False, 4401)
    assert refused(tokens["agent"], path="/ws/tickets/TKT-0000-000404/") == (False, 4404)
    connected, _ = refused(tokens["agent"], origin=(b"origin", b"https://evil.example"))
    assert not connected
    assert not TicketViewer.objects.exists()


def test_with_ticket_service_down_the_socket_is_refused_not_guessed(shared, tokens):
    shared.down = True

    assert refused(tokens["agent"]) == (False, 4503)


def test_an_unknown_message_gets_an_error_and_the_socket_stays(shared, tokens):
    async def scenario():
        agent = await opened(tokens["agent"])
        await agent.send_json_to({"type": "shout"})
        error = await agent.receive_json_from(timeout=5)
        await agent.send_json_to({"type": "ping"})
        pong = await agent.receive_json_from(timeout=5)
        await agent.disconnect()
        return error, pong

    error, pong = run(scenario)

    assert error["type"] == "error" and pong == {"type": "pong"}

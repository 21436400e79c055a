"""Comments across real processes: two messaging ASGI processes share the Redis channel layer,
so a comment posted to one reaches a page connected to the other; an internal note never
reaches the requester; a mention becomes a notification through the messaging worker,
auth_service's directory, ticket_service's rule and notification_service."""

from __future__ import annotations

import json
from contextlib import ExitStack

import pytest
import requests

from e2e.harness import wait_for

ORIGIN = "http://localhost:1000"


@pytest.fixture(scope="module")
def second_messaging(stack):
    return stack.start_asgi("messaging", label="messaging2")


def _ticket(stack, session) -> str:
    created = requests.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        json={"subject": "VPN drops hourly", "category": "Network", "department": "IT", "priority": "high"},
        headers={"Authorization": f"Bearer {session.tokens['access']}"},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    return created.json()["number"]


def _socket(opened: ExitStack, base: str, number: str, session):
    from websockets.sync.client import connect

    url = base.replace("http://", "ws://") + f"/ws/tickets/{number}/"
    socket = opened.enter_context(
        connect(
            url,
            additional_headers={
                "Cookie": f"access_token={session.cookies['access_token']}",
                "Origin": ORIGIN,
            },
            open_timeout=10,
        )
    )
    assert json.loads(socket.recv(timeout=10))["type"] == "hello"
    return socket


def _next(socket, kind: str, *, until=lambda e: True, timeout: float = 15) -> dict:
    while True:
        event = json.loads(socket.recv(timeout=timeout))
        if event["type"] == kind and until(event):
            return event


def _comment(base: str, session, number: str, body: str, *, internal: bool = False) -> dict:
    response = requests.post(
        f"{base}/api/v1/comments/",
        json={"ticket": number, "body": body, "is_internal": internal},
        headers={"Authorization": f"Bearer {session.tokens['access']}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_comments_fan_out_across_two_asgi_processes(stack, client, admin, second_messaging):
    requester = client.login("requester@example.com")
    number = _ticket(stack, requester)
    first = stack.urls["messaging"]

    # given the admin's page on process one and the requester's on process two
    opened = ExitStack()
    admin_socket = _socket(opened, first, number, admin)
    requester_socket = _socket(opened, second_messaging, number, requester)

    # then the admin sees the requester arrive, though they are connected elsewhere
    presence = _next(admin_socket, "presence", until=lambda e: len(e["viewers"]) == 2)
    assert {v["id"] for v in presence["viewers"]} == {
        str(admin.tokens["user"]["id"]),
        str(requester.tokens["user"]["id"]),
    }

    # when the requester comments through process two
    _comment(second_messaging, requester, number, "It dropped again at 10:00")

    # then the admin's socket on process one receives it
    created = _next(admin_socket, "comment.created")
    assert created["comment"]["body"] == "It dropped again at 10:00"

    # when the admin writes an internal note, then a public reply, through process one
    _comment(first, admin, number, "Probably the old firmware", internal=True)
    _comment(first, admin, number, "We are updating the VPN gateway")

    # then the requester's socket on process two receives its own comment, then the reply, never the note
    own = _next(requester_socket, "comment.created")
    reply = _next(requester_socket, "comment.created")
    assert own["comment"]["body"] == "It dropped again at 10:00"
    assert reply["comment"]["body"] == "We are updating the VPN gateway"
    assert _next(admin_socket, "comment.created")["comment"]["is_internal"] is True

    # when the requester closes the page, the admin sees them go
    requester_socket.close()
    gone = _next(admin_socket, "presence", until=lambda e: len(e["viewers"]) == 1)
    assert gone["viewers"][0]["id"] == str(admin.tokens["user"]["id"])
    opened.close()


def test_a_mention_becomes_a_notification_for_the_mentioned_user(stack, client, admin):
    requester = client.login("requester@example.com")
    number = _ticket(stack, requester)

    comment = _comment(stack.urls["messaging"], requester, number, "Could @admin@example.com look at this?")

    def mentioned():
        found = requests.get(
            f"{stack.urls['notifications']}/api/v1/notifications/",
            params={"type": "mention"},
            headers={"Authorization": f"Bearer {admin.tokens['access']}"},
            timeout=5,
        ).json()["results"]
        return [n for n in found if number in n["title"]]

    (notification,) = wait_for(mentioned, timeout=40, what="the mention notification")
    assert notification["link"].endswith(f"/tickets/{number}#comment-{comment['id']}")
    assert "Could @admin@example.com look at this?" in notification["body"]

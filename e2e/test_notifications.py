"""An assignment in workflow_api becomes an in-app notification and a captured email."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import requests

from e2e.harness import wait_for
from e2e.test_workflow_run import _email_of, _holder


def test_an_assignment_reaches_the_assignee_in_the_app_and_by_email(stack, client, admin):
    # given a new ticket, assigned by workflow_api at its first step
    requester = client.login("requester@example.com")
    created = requests.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        json={
            "subject": "Projector flickers",
            "category": "Hardware",
            "department": "IT",
            "priority": "medium",
        },
        headers={"Authorization": f"Bearer {requester.tokens['access']}"},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    number = created.json()["number"]
    assignee = client.login(_email_of(stack, admin, _holder(stack, admin, number, "Triage")))
    bearer = {"Authorization": f"Bearer {assignee.tokens['access']}"}

    # then the assignee finds it in the app
    def in_app():
        found = requests.get(
            f"{stack.urls['notifications']}/api/v1/notifications/",
            params={"type": "assignment"},
            headers=bearer,
            timeout=5,
        ).json()["results"]
        return next((n for n in found if number in n["title"]), None)

    notification = wait_for(in_app, timeout=30, what="the in-app assignment notification")
    assert "/tasks/" in notification["link"]
    unread = requests.get(
        f"{stack.urls['notifications']}/api/v1/notifications/unread-count/", headers=bearer, timeout=5
    )
    assert unread.json()["unread"] >= 1

    # and by email, captured on disk with the deep link
    mail_dir = Path(stack.env["EMAIL_FILE_PATH"])
    email = wait_for(
        lambda: next((p.read_text() for p in mail_dir.glob("*.log") if number in p.read_text()), None),
        timeout=30,
        what="the captured email",
    )
    assert f"To: {assignee.tokens['user']['email']}" in email
    assert "A task is now yours." in email
    assert notification["link"] in email


def test_the_assignees_open_browser_hears_of_it_at_once(stack, client, admin):
    # given every ticket coordinator signed in with a browser-like websocket open
    from websockets.sync.client import connect

    ws_url = stack.urls["messaging"].replace("http://", "ws://") + "/ws/notifications/"
    sockets = {}
    opened = ExitStack()
    for email in ("admin@example.com", "agent@example.com", "budget@example.com"):
        session = client.login(email)
        cookie = f"access_token={session.cookies['access_token']}"
        sockets[str(session.tokens["user"]["id"])] = opened.enter_context(
            connect(
                ws_url,
                additional_headers={"Cookie": cookie, "Origin": "http://localhost:1000"},
                open_timeout=10,
            )
        )
    for socket in sockets.values():
        assert json.loads(socket.recv(timeout=5))["type"] == "hello"

    # when a requester's ticket is assigned to one of them
    requester = client.login("requester@example.com")
    number = requests.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        json={"subject": "Scanner offline", "category": "Hardware", "department": "IT", "priority": "low"},
        headers={"Authorization": f"Bearer {requester.tokens['access']}"},
        timeout=10,
    ).json()["number"]
    assignee = _holder(stack, admin, number, "Triage")

    # then that person's socket receives the notification, with the unread count
    event = json.loads(sockets[assignee].recv(timeout=30))
    while event.get("type") != "notification" or number not in event["notification"]["title"]:
        event = json.loads(sockets[assignee].recv(timeout=30))
    assert event["notification"]["type"] == "assignment"
    assert event["unread"] >= 1
    opened.close()


def test_a_websocket_without_a_token_is_refused(stack):
    import pytest
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    ws_url = stack.urls["messaging"].replace("http://", "ws://") + "/ws/notifications/"
    with pytest.raises(InvalidStatus) as refused:
        connect(ws_url, additional_headers={"Origin": "http://localhost:1000"}, open_timeout=10)
    assert refused.value.response.status_code == 403

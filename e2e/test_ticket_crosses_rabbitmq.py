"""A ticket created on ticket_service reaches workflow_api through RabbitMQ, once, and
poison messages end in the dead-letter queue while the worker keeps consuming."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import psycopg2
import requests

from e2e.amqp import drain, message_count, publish_raw, publish_task
from e2e.harness import wait_for

INTAKE = "TICKET_TASKS_PRODUCTION"
TASK = "tickets.tasks.receive_ticket"


def snapshot_of(stack, admin, number: str) -> dict | None:
    response = admin.get(
        f"{stack.urls['workflow']}/api/v1/workflow-tickets/{number}/",
        headers={"Authorization": f"Bearer {admin.tokens['access']}"},
        timeout=5,
    )
    return response.json() if response.status_code == 200 else None


def snapshot_rows(stack, number: str) -> int:
    with psycopg2.connect(stack.database_url("workflow")) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM tickets_workflowticket WHERE ticket_number = %s", [number])
        return cur.fetchone()[0]


def payload(number: str, **overrides) -> dict:
    return {
        "schema_version": 1,
        "ticket_number": number,
        "subject": "VPN drops every hour",
        "description": "Since Monday.",
        "category": "Network",
        "subcategory": "VPN",
        "department": "IT",
        "priority": "high",
        "status": "new",
        "requester": {"id": "42", "name": "Upstream User", "email": "upstream@example.com"},
        "created_at": datetime.now(UTC).isoformat(),
        "attachments": [],
        "extra": {"producer": "e2e"},
        **overrides,
    }


def test_a_ticket_created_with_the_cookie_reaches_workflow_api(stack, client, admin):
    # given a browser-like session signed in with cookies only
    requester = client.login("requester@example.com")
    assert "access_token" in requester.cookies

    # when it creates a ticket with the cookie and the CSRF header
    response = requester.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        json={
            "subject": "Laptop will not boot",
            "category": "Hardware",
            "department": "IT",
            "priority": "urgent",
        },
        headers={"X-CSRFToken": requester.cookies["csrftoken"]},
        timeout=10,
    )

    # then the ticket exists and workflow_api soon holds its snapshot
    assert response.status_code == 201, response.text
    number = response.json()["number"]
    snapshot = wait_for(lambda: snapshot_of(stack, admin, number), timeout=30, what=f"snapshot of {number}")
    assert snapshot["subject"] == "Laptop will not boot"
    assert snapshot["priority"] == "urgent"
    assert snapshot["data"]["requester"]["email"] == "requester@example.com"


def test_a_cookie_request_without_the_csrf_header_is_refused(stack, client):
    requester = client.login("requester@example.com")
    response = requester.post(
        f"{stack.urls['tickets']}/api/v1/tickets/", json={"subject": "x", "category": "y"}, timeout=10
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_ticket_created_with_the_bearer_header_reaches_workflow_api(stack, client, admin):
    agent = client.login("agent@example.com")
    response = requests.post(
        f"{stack.urls['tickets']}/api/v1/tickets/",
        json={"subject": "Shared drive is read-only", "category": "Storage", "priority": "medium"},
        headers={"Authorization": f"Bearer {agent.tokens['access']}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    number = response.json()["number"]
    assert wait_for(lambda: snapshot_of(stack, admin, number), timeout=30, what=f"snapshot of {number}")


def test_the_same_message_delivered_twice_makes_one_snapshot(stack, admin):
    # given one upstream ticket published twice with plain AMQP (no Celery), then a sentinel
    number = f"UP-2026-{uuid.uuid4().hex[:8]}"
    sentinel = f"UP-2026-{uuid.uuid4().hex[:8]}"
    message_id = str(uuid.uuid4())
    publish_task(stack.prefix + INTAKE, TASK, payload(number), message_id=message_id)
    publish_task(stack.prefix + INTAKE, TASK, payload(number), message_id=message_id)
    publish_task(stack.prefix + INTAKE, TASK, payload(sentinel))

    # when the single-slot worker has got to the sentinel, both copies are behind it
    wait_for(lambda: snapshot_of(stack, admin, sentinel), timeout=30, what="the sentinel snapshot")

    # then there is exactly one snapshot and it was written once
    assert snapshot_rows(stack, number) == 1
    first = snapshot_of(stack, admin, number)
    publish_task(stack.prefix + INTAKE, TASK, payload(number, created_at=first["data"]["created_at"]))
    later = f"UP-2026-{uuid.uuid4().hex[:8]}"
    publish_task(stack.prefix + INTAKE, TASK, payload(later))
    wait_for(lambda: snapshot_of(stack, admin, later), timeout=30, what="the second sentinel")
    again = snapshot_of(stack, admin, number)
    assert snapshot_rows(stack, number) == 1
    assert again["updated_at"] == first["updated_at"], "a redelivery must change nothing"


def test_poison_messages_are_dead_lettered_and_the_worker_keeps_consuming(stack, admin):
    dlq = stack.prefix + INTAKE + ".dlq"
    drain(dlq)

    # given a body that is not JSON and a payload that breaks the schema
    publish_raw(stack.prefix + INTAKE, b"{this is not json", headers={"task": TASK, "id": str(uuid.uuid4())})
    publish_task(stack.prefix + INTAKE, TASK, {"schema_version": 1, "subject": "no number, no requester"})

    # when a good ticket follows them
    number = f"UP-2026-{uuid.uuid4().hex[:8]}"
    publish_task(stack.prefix + INTAKE, TASK, payload(number))

    # then the good one is ingested and both bad ones sit in the dead-letter queue
    assert wait_for(
        lambda: snapshot_of(stack, admin, number), timeout=30, what="the good ticket after poison"
    )
    wait_for(lambda: message_count(dlq) == 2, timeout=15, what="two dead-lettered messages")
    dead = drain(dlq)
    assert {m.headers["x-death"][0]["reason"] for m in dead} == {"rejected"}
    assert any("this is not json" in (m.body if isinstance(m.body, str) else m.body.decode()) for m in dead)


def test_a_crash_between_commit_and_publish_loses_nothing(stack, client, admin):
    # given a ticket_service whose broker is unreachable (as if it crashed after commit)
    broken = dict(stack.env, CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:1//")
    url = _start_without_broker(stack, broken)
    agent = client.login("agent@example.com")
    response = requests.post(
        f"{url}/api/v1/tickets/",
        json={"subject": "Outbox proof", "category": "Ops", "priority": "low"},
        headers={"Authorization": f"Bearer {agent.tokens['access']}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    number = response.json()["number"]
    with psycopg2.connect(stack.database_url("tickets")) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM tickets_outboxmessage WHERE published_at IS NULL")
        assert cur.fetchone()[0] >= 1

    # when the relay runs again with the broker back
    output = stack.manage("tickets", "outbox_publish")

    # then the ticket reaches workflow_api after all
    assert "published" in output
    assert wait_for(lambda: snapshot_of(stack, admin, number), timeout=30, what=f"snapshot of {number}")


def _start_without_broker(stack, env) -> str:
    """A second ticket_service web process whose health is 503 (broker down), so don't wait for 200."""
    from e2e.harness import VENV_BIN, free_port

    port = free_port()
    stack._spawn(
        "tickets-no-broker",
        "tickets",
        [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-control-socket",
        ],
        env,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(
        lambda: requests.get(f"{url}/health/tickets/", timeout=2).status_code == 503,
        timeout=40,
        what="tickets up",
    )
    return url

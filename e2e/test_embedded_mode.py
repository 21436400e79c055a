"""Smoke test of the embedded mode `make run` falls back to without PostgreSQL, RabbitMQ or
Redis: SQLite per service, a file-system broker shared by processes, in-process caches."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from e2e.harness import Client, Stack, wait_for

SHORTS = ["auth", "tickets", "workflow"]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    stack = Stack.create("embedded", embedded=True, var_dir=tmp_path_factory.mktemp("var"))
    try:
        stack.prepare(SHORTS)
        for short in SHORTS:
            stack.start_web(short)
        stack.start_worker("workflow")
        yield stack
    finally:
        stack.destroy(SHORTS)


def test_embedded_mode_reports_itself_and_carries_a_ticket_end_to_end(embedded):
    # given
    health = requests.get(f"{embedded.urls['tickets']}/health/tickets/", timeout=5).json()
    assert health["embedded"] is True and health["status"] == "ok"
    assert sorted(p.name for p in Path(embedded.env["TTS_VAR_DIR"]).glob("*.sqlite3")) == [
        "tts_auth.sqlite3",
        "tts_ticket.sqlite3",
        "tts_workflow.sqlite3",
    ]
    admin = Client(embedded).login("admin@example.com")
    bearer = {"Authorization": f"Bearer {admin.tokens['access']}"}

    # when
    response = requests.post(
        f"{embedded.urls['tickets']}/api/v1/tickets/",
        json={"subject": "Embedded smoke", "category": "Ops", "priority": "low"},
        headers=bearer,
        timeout=10,
    )

    # then
    assert response.status_code == 201, response.text
    number = response.json()["number"]
    snapshot = wait_for(
        lambda: (
            (
                r := requests.get(
                    f"{embedded.urls['workflow']}/api/v1/workflow-tickets/{number}/",
                    headers=bearer,
                    timeout=5,
                )
            ).status_code
            == 200
            and r.json()
        ),
        timeout=40,
        what="the snapshot over the file-system broker",
    )
    assert snapshot["subject"] == "Embedded smoke"

"""The runnable examples of docs/examples/ do what the docs say, against real processes.

Each example runs as a subprocess the way docs/api.md and docs/queue-producers.md tell a
newcomer to run it, with the environment pointed at this stack: the gateway (the web UI's
origin, as `make run` serves on port 1000), its broker and its private queue prefix. The
effect is then checked through the API.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from e2e.harness import wait_for
from scripts.services import ROOT, VENV_BIN

EXAMPLES = ROOT / "docs" / "examples"


@pytest.fixture(scope="module")
def gateway(stack) -> str:
    """The one origin of DESIGN §3 (vite preview proxying every prefix), as `make run` serves it."""
    return stack.urls.get("ui") or stack.start_ui()


@pytest.fixture(scope="module")
def bearer(client) -> dict[str, str]:
    """An admin's token of its own (the session-wide one may be older than its 10 minutes)."""
    return {"Authorization": f"Bearer {client.login('admin@example.com').tokens['access']}"}


def run_example(name: str, *args: str, env: dict[str, str], timeout: float = 120) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "python"), str(EXAMPLES / name), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def broker_env(stack) -> dict[str, str]:
    return {
        "CELERY_BROKER_URL": stack.env.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
        "TTS_QUEUE_PREFIX": stack.prefix,
    }


def get(gateway: str, path: str, bearer: dict[str, str], **params) -> requests.Response:
    return requests.get(f"{gateway}{path}", params=params, headers=bearer, timeout=10)


def tasks_of(gateway: str, bearer: dict[str, str], number: str) -> list[dict]:
    response = get(gateway, "/api/v1/tasks/", bearer, scope="all", search=number)
    return response.json()["results"] if response.status_code == 200 else []


def test_the_api_client_example_creates_one_ticket_and_follows_it_into_the_workflow(stack, gateway, bearer):
    # given the number of tickets the demo admin has requested so far
    me = get(gateway, "/api/v1/users/profile/", bearer).json()
    before = get(gateway, "/api/v1/tickets/", bearer, requester=me["id"], page_size=1).json()["count"]

    # when the example runs with its demo defaults against the gateway
    output = run_example("api_client.py", env={"TTS_URL": gateway})

    # then it created a ticket, and the retry with the same Idempotency-Key replayed it
    number = re.search(r"^created (\S+) \(status new\)$", output, re.M).group(1)
    assert f"retry with the same Idempotency-Key: {number}, replayed=True" in output
    after = get(gateway, "/api/v1/tickets/", bearer, requester=me["id"], page_size=1).json()["count"]
    assert after == before + 1, "the idempotent retry must not create a second ticket"
    # the refused PATCH shows the field-keyed error format
    assert "refused: HTTP 400 {'status': [" in output
    # it paged through the list, newest first, following `next`
    assert re.search(rf"^page 1: \d+ of \d+ tickets, first \['{number}'\]$", output, re.M), output
    # and saw the workflow take the ticket: open, assigned, with history and a task
    assert re.search(rf"^{number} is open, assigned to \S.*, due \S+$", output, re.M), output
    assert "new -> open" in output
    assert re.search(r"^task \d+: workflow 'IT support', step Triage, ", output, re.M), output

    ticket = get(gateway, f"/api/v1/tickets/{number}/", bearer).json()
    assert ticket["source"] == "api"
    assert ticket["subject"] == "Printer on floor 2 jams"
    assert ticket["status"] == "open"


def test_the_celery_producer_example_publishes_a_ticket_that_gets_a_task(stack, gateway, bearer):
    number = f"EXT-2026-{uuid.uuid4().hex[:8]}"

    output = run_example("publish_celery.py", number, env=broker_env(stack))

    assert f"published {number} to {stack.prefix}TICKET_TASKS_PRODUCTION" in output
    assert_ingested(gateway, bearer, number, subject="VPN drops every hour", priority="high")


def test_the_plain_amqp_producer_example_publishes_a_ticket_that_gets_a_task(stack, gateway, bearer):
    number = f"EXT-2026-{uuid.uuid4().hex[:8]}"

    output = run_example("publish_amqp.py", number, env=broker_env(stack))

    assert f"published {number} to {stack.prefix}TICKET_TASKS_PRODUCTION" in output
    assert_ingested(gateway, bearer, number, subject="Laptop battery swells", priority="urgent")


@pytest.mark.parametrize("example", ["publish_celery.py", "publish_amqp.py"])
def test_a_producer_example_fails_loudly_when_tts_is_not_on_that_broker(stack, example):
    # given a prefix no deployment uses: no exchange or queue of that name exists
    env = dict(broker_env(stack), TTS_QUEUE_PREFIX=f"e2e.nobody.{uuid.uuid4().hex[:8]}.")

    result = subprocess.run(
        [str(VENV_BIN / "python"), str(EXAMPLES / example)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )

    # then publisher confirms turn the broker's refusal into an error, not a silent loss
    assert result.returncode == 1, result.stdout + result.stderr
    assert "not published" in result.stderr and "NOT_FOUND" in result.stderr, result.stderr


def assert_ingested(gateway: str, bearer: dict[str, str], number: str, *, subject: str, priority: str):
    """workflow_api took the message (snapshot and a task on the matched workflow) and
    ticket_service shows the ticket too, as a queue-born one."""
    tasks = wait_for(
        lambda: tasks_of(gateway, bearer, number), timeout=60, interval=0.5, what=f"task of {number}"
    )
    assert len(tasks) == 1
    assert tasks[0]["workflow"]["name"] == "IT support"
    assert tasks[0]["current_step"]["name"] == "Triage"
    snapshot = get(gateway, f"/api/v1/workflow-tickets/{number}/", bearer).json()
    assert snapshot["subject"] == subject
    assert snapshot["priority"] == priority

    def in_ticket_service():
        response = get(gateway, f"/api/v1/tickets/{number}/", bearer)
        return response.status_code == 200 and response.json()["status"] == "open" and response.json()

    ticket = wait_for(in_ticket_service, timeout=60, interval=0.5, what=f"{number} in ticket_service")
    assert ticket["source"] == "queue"
    assert ticket["subject"] == subject


def test_the_api_client_waits_out_a_429_as_long_as_retry_after_says():
    # given a server that rate-limits the first request for one second
    api_client = _load("api_client")
    calls: list[float] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server hook
            calls.append(time.monotonic())
            limited = len(calls) == 1
            body = b'{"detail": "Request was throttled."}' if limited else b'{"ok": true}'
            self.send_response(429 if limited else 200)
            if limited:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = api_client.TTSClient(f"http://127.0.0.1:{server.server_address[1]}")

        # when it asks
        answer = client.get("/api/v1/tickets/")

        # then it waited the second, asked again and got the answer
        assert answer == {"ok": True}
        assert len(calls) == 2 and calls[1] - calls[0] >= 1.0

        # and a wait longer than it accepts is an error, not a hang
        calls.clear()
        impatient = api_client.TTSClient(f"http://127.0.0.1:{server.server_address[1]}", max_wait=0.5)
        with pytest.raises(api_client.ApiError) as raised:
            impatient.get("/api/v1/tickets/")
        assert raised.value.status == 429
    finally:
        server.shutdown()


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"docs_example_{name}", EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_example_is_shown_in_the_docs():
    docs = "".join(p.read_text() for p in (ROOT / "docs").glob("*.md"))
    for example in sorted(Path(EXAMPLES).glob("*.py")):
        assert f"examples/{example.name}" in docs, f"{example.name} is not referenced from docs/"

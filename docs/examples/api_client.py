"""A small TTS REST client with `requests`: sign in, create a ticket safely, page through
a list, follow the ticket into the workflow, and handle errors and rate limits.

Run it against `make run` (from the repository root):

    .venv/bin/python docs/examples/api_client.py

Environment:
    TTS_URL        the one origin that routes every /api/v1/ prefix (default http://localhost:1000)
    TTS_EMAIL      the account to sign in with (default the demo admin, admin@example.com)
    TTS_PASSWORD   its password (default the demo password, TtsDemo!2026)

docs/api.md explains each step; e2e/test_doc_examples.py runs this file against real services.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Iterator
from http.cookiejar import DefaultCookiePolicy
from typing import Any

import requests

BASE_URL = os.environ.get("TTS_URL", "http://localhost:1000")
EMAIL = os.environ.get("TTS_EMAIL", "admin@example.com")
PASSWORD = os.environ.get("TTS_PASSWORD", "TtsDemo!2026")


class ApiError(Exception):
    """An answer of 400 or above. ``body`` is the JSON error: ``{"detail": "..."}`` or
    ``{"<field>": ["..."]}``."""

    def __init__(self, status: int, body: Any):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


class TTSClient:
    """Bearer-token client. Refreshes the access token once on 401 and waits out 429."""

    def __init__(self, base_url: str = BASE_URL, *, max_wait: float = 90, timeout: float = 10):
        self.base_url = base_url.rstrip("/")
        self.max_wait = max_wait  # the longest Retry-After this client is willing to sleep
        self.timeout = timeout
        self.session = requests.Session()
        # Sign-in also sets the web UI's cookies; an API client uses the header alone.
        self.session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        self.access = ""
        self.refresh_token = ""
        self.user: dict[str, Any] = {}

    # -- authentication -------------------------------------------------------------
    def sign_in(self, email: str, password: str, otp: str | None = None) -> dict[str, Any]:
        body = {"username": email, "password": password}
        if otp:  # only for accounts with a second factor (else 401 with "otp_required": true)
            body["otp"] = otp
        self._keep(self._send("POST", "/api/v1/users/token/", json=body, auth=False).json())
        return self.user

    def refresh(self) -> None:
        """Access tokens live 10 minutes. A refresh token works once: keep the new one."""
        body = {"refresh": self.refresh_token}
        self._keep(self._send("POST", "/api/v1/users/token/refresh/", json=body, auth=False).json())

    def sign_out(self) -> None:
        self._send("POST", "/api/v1/auth/logout/", json={"refresh": self.refresh_token}, auth=False)

    def _keep(self, tokens: dict[str, Any]) -> None:
        self.access, self.refresh_token = tokens["access"], tokens["refresh"]
        self.user = tokens.get("user") or self.user

    # -- requests -------------------------------------------------------------------
    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            return self._send(method, path, **kwargs)
        except ApiError as error:
            if error.status != 401 or not self.refresh_token:
                raise
        self.refresh()  # the access token expired: one refresh, one retry
        return self._send(method, path, **kwargs)

    def _send(
        self, method: str, path: str, *, auth: bool = True, headers: dict | None = None, **kwargs: Any
    ) -> requests.Response:
        url = path if path.startswith("http") else self.base_url + path
        headers = dict(headers or {})
        if auth:
            headers["Authorization"] = f"Bearer {self.access}"
        waited = 0.0
        while True:
            response = self.session.request(method, url, headers=headers, timeout=self.timeout, **kwargs)
            if response.status_code != 429:
                break
            delay = _retry_after(response)
            if waited + delay > self.max_wait:
                raise ApiError(429, _body(response))
            time.sleep(delay)  # rate-limited: wait as long as the server says, then retry
            waited += delay
        if response.status_code >= 400:
            raise ApiError(response.status_code, _body(response))
        return response

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, params=params).json()

    def pages(self, path: str, **params: Any) -> Iterator[dict[str, Any]]:
        """Every page of a list: ``{count, next, previous, results}``, following ``next``."""
        page = self.get(path, **params)
        while True:
            yield page
            if not page["next"]:
                return
            page = self.request("GET", page["next"]).json()

    # -- tickets and tasks ----------------------------------------------------------
    def create_ticket(self, fields: dict[str, Any], *, idempotency_key: str) -> tuple[dict[str, Any], bool]:
        """Create a ticket; retrying with the same key returns the first ticket instead of a
        second one. Returns (ticket, replayed)."""
        response = self.request(
            "POST", "/api/v1/tickets/", json=fields, headers={"Idempotency-Key": idempotency_key}
        )
        return response.json(), response.headers.get("Idempotent-Replayed") == "true"

    def ticket(self, number: str) -> dict[str, Any]:
        return self.get(f"/api/v1/tickets/{number}/")

    def wait_until_routed(self, number: str, *, timeout: float = 60) -> dict[str, Any]:
        """A new ticket is ``new`` until workflow_api has matched it and assigned its first
        step (usually within a second or two); then ``open``."""
        deadline = time.monotonic() + timeout
        while True:
            ticket = self.ticket(number)
            if ticket["status"] != "new" or time.monotonic() > deadline:
                return ticket
            time.sleep(1)

    def tasks_for(self, number: str) -> list[dict[str, Any]]:
        """The workflow task of a ticket, if this account may see it: admins see every task,
        agents those they work on or own; requesters none (they follow the ticket)."""
        scope = "all" if "tts:Admin" in self.user.get("roles", []) else "involved"
        return self.get("/api/v1/tasks/", scope=scope, search=number)["results"]


def _retry_after(response: requests.Response) -> float:
    try:
        return max(1.0, float(response.headers.get("Retry-After", "1")))
    except ValueError:  # an HTTP date; TTS sends seconds
        return 1.0


def _body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:  # e.g. a gateway's HTML error page when a service is down
        return response.text[:200]


def main() -> int:
    client = TTSClient()
    user = client.sign_in(EMAIL, PASSWORD)
    print(f"signed in as {user['email']} with roles: {', '.join(user['roles']) or 'none'}")

    # Create a ticket with an Idempotency-Key, then send the very same request again, as a
    # client does when its first attempt timed out: the second answer is the first ticket.
    key = str(uuid.uuid4())
    fields = {
        "subject": "Printer on floor 2 jams",
        "description": "Every second page since this morning.",
        "department": "IT",
        "category": "Hardware",
        "priority": "high",
    }
    ticket, _ = client.create_ticket(fields, idempotency_key=key)
    number = ticket["number"]
    print(f"created {number} (status {ticket['status']})")
    again, replayed = client.create_ticket(fields, idempotency_key=key)
    print(f"retry with the same Idempotency-Key: {again['number']}, replayed={replayed}")

    # Errors: a bad request names the field; nobody may set the status, the workflow does.
    try:
        client.request("PATCH", f"/api/v1/tickets/{number}/", json={"status": "closed"})
    except ApiError as error:
        print(f"refused: HTTP {error.status} {error.body}")

    # Pagination: follow `next` (20 per page by default, ?page_size up to 100).
    for index, page in enumerate(client.pages("/api/v1/tickets/", ordering="-created_at", page_size=20)):
        numbers = [t["number"] for t in page["results"]]
        print(f"page {index + 1}: {len(numbers)} of {page['count']} tickets, first {numbers[:1]}")
        if index == 2:  # enough for a demonstration
            break

    # Follow the ticket into the workflow: status, assignee, SLA due time, history, task.
    routed = client.wait_until_routed(number)
    assignee = (routed["assignee"] or {}).get("name", "nobody yet")
    print(f"{number} is {routed['status']}, assigned to {assignee}, due {routed['sla_due_at']}")
    for change in client.get(f"/api/v1/tickets/{number}/history/"):
        print(f"  {change['changed_at']}: {change['from_status']} -> {change['to_status']}")
    for task in client.tasks_for(number):
        step = (task["current_step"] or {}).get("name")
        print(f"task {task['id']}: workflow {task['workflow']['name']!r}, step {step}, {task['status']}")

    client.sign_out()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ApiError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
    except requests.ConnectionError as error:
        print(f"cannot reach {BASE_URL}: is `make run` running? ({error})", file=sys.stderr)
        sys.exit(1)

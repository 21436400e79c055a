"""messaging_service's edges, over real HTTP: stand-ins for ticket_service (who may see a
ticket) and auth_service (the user directory mentions resolve against). Kernel fixtures
(tokens, clients) come from the shared pytest plugin (tts_common.testing)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tts_common import jwt


class TicketService:
    """A user sees a ticket when ``allow``-ed; a service token sees every ``add``-ed ticket."""

    def __init__(self):
        self.allowed: set[tuple[str, str]] = set()
        self.tickets: dict[str, dict] = {}
        self.calls = 0
        self.down = False

    def allow(self, user_id: str, ticket: str) -> None:
        self.allowed.add((str(user_id), ticket))

    def add(self, number: str, *, requester_id: str, assignee_id: str = "", department: str = "") -> None:
        self.tickets[number] = {
            "number": number,
            "requester": {"id": requester_id},
            "assignee": {"id": assignee_id} if assignee_id else None,
            "department": department,
        }

    def answer(self, claims: dict, path: str) -> tuple[int, dict]:
        number = path.rstrip("/").rsplit("/", 1)[-1]
        if any(r.startswith("service:") for r in claims.get("roles", [])):
            found = self.tickets.get(number)
        else:
            found = {"number": number} if (str(claims["user_id"]), number) in self.allowed else None
        return (200, found) if found else (404, {"detail": "Not found."})


class AuthService:
    """The user directory: ``add`` people; ``?handle=`` finds them by email or name handle."""

    def __init__(self):
        self.people: list[dict] = []
        self.calls = 0
        self.down = False

    def add(self, *, id: int, email: str, name: str, roles=(), department: str = "") -> dict:
        person = {
            "id": id,
            "email": email,
            "name": name,
            "handle": name.lower().replace(" ", "."),
            "department": department,
            "roles": list(roles),
        }
        self.people.append(person)
        return person

    def answer(self, claims: dict, path: str) -> tuple[int, dict]:
        if not any(r.startswith("service:") for r in claims.get("roles", [])):
            return 403, {"detail": "services only"}
        handles = {h.lower() for h in parse_qs(urlsplit(path).query).get("handle", [])}
        found = [p for p in self.people if p["email"].lower() in handles or p["handle"] in handles]
        return 200, {"count": len(found), "next": None, "previous": None, "results": found}


def _serve(state, settings_name, settings):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server hook
            state.calls += 1
            if state.down:
                self.send_response(502)
                self.end_headers()
                return
            try:
                claims = jwt.decode(self.headers.get("Authorization", "")[7:])
            except jwt.TokenInvalid:
                self.send_response(401)
                self.end_headers()
                return
            status, body = state.answer(claims, self.path)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # a short poll keeps shutdown() (at every test's end) quick
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    setattr(settings, settings_name, f"http://127.0.0.1:{server.server_address[1]}")
    return server


@pytest.fixture
def ticket_service(settings):
    state = TicketService()
    server = _serve(state, "TICKET_SERVICE_URL", settings)
    yield state
    server.shutdown()


@pytest.fixture
def auth_service(settings):
    state = AuthService()
    server = _serve(state, "AUTH_SERVICE_URL", settings)
    yield state
    server.shutdown()


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """A channel layer object of each test's own: the Redis layer keeps per-event-loop receive
    state, and every test's sockets live in an event loop of their own."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture(autouse=True)
def _isolated_cache(isolated_cache):
    """Access answers are cached in Redis; every test starts from zero."""
    return isolated_cache


@pytest.fixture
def admin(client_as):
    return client_as(user_id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])


@pytest.fixture
def agent(client_as):
    return client_as(user_id="7", email="alan@example.com", name="Alan Agent", roles=["tts:IT Support"])


@pytest.fixture
def requester(client_as):
    return client_as(user_id="42", email="rita@example.com", name="Rita Requester", roles=[])

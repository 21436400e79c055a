"""A stand-in ticket_service over real HTTP (the edge of messaging_service): it answers
GET /api/v1/tickets/<number>/ with 200 for the (user, ticket) pairs the test allows."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tts_common import jwt


class TicketService:
    def __init__(self):
        self.allowed: set[tuple[str, str]] = set()
        self.calls = 0
        self.down = False

    def allow(self, user_id: str, ticket: str) -> None:
        self.allowed.add((str(user_id), ticket))


@pytest.fixture
def ticket_service(settings):
    state = TicketService()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server hook
            state.calls += 1
            if state.down:
                self.send_response(502)
                self.end_headers()
                return
            number = self.path.rstrip("/").rsplit("/", 1)[-1]
            try:
                user = str(jwt.decode(self.headers.get("Authorization", "")[7:])["user_id"])
            except jwt.TokenInvalid:
                self.send_response(401)
                self.end_headers()
                return
            found = (user, number) in state.allowed
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"number": number} if found else {"detail": "Not found."}).encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TICKET_SERVICE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()


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

"""tts_common.postgresql: the health check before a request's first query costs no round
trip on a healthy idle connection, and still replaces one the server has ended."""

from __future__ import annotations

import socket
import time

import psycopg2
import pytest
from django.db import connection, connections

from tts_common.postgresql.base import quiet

pytestmark = pytest.mark.django_db(transaction=True)  # autocommit: idle between "requests"


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def next_request() -> None:
    """What Django does between requests to a persistent connection."""
    connection.close_if_unusable_or_obsolete()


def test_the_engine_and_health_checks_are_on():
    assert connection.settings_dict["ENGINE"] == "tts_common.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0


def test_a_healthy_idle_connection_is_reused_without_a_round_trip(monkeypatch):
    pid = backend_pid()
    next_request()
    asked = []
    monkeypatch.setattr(type(connections["default"]), "is_usable", lambda self: asked.append(1) or True)

    assert backend_pid() == pid
    assert asked == []  # Django's SELECT 1 was not sent


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it():
    pid = backend_pid()
    next_request()
    other = psycopg2.connect(**connection.get_connection_params())
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()
    deadline = time.monotonic() + 5
    while quiet(connection.connection.fileno()) and time.monotonic() < deadline:
        time.sleep(0.01)  # the server's goodbye arrives

    replaced = backend_pid()  # no error: the check saw the end and connected anew

    assert replaced != pid


def test_quiet_until_the_peer_writes_or_hangs_up():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        assert quiet(ours.fileno())
        theirs.send(b"E")
        assert not quiet(ours.fileno())
    closing, peer = socket.socketpair()
    with closing:
        peer.close()
        assert not quiet(closing.fileno())

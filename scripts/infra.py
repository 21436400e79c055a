"""Reachability probes and database creation shared by `make run` and the e2e suite."""

from __future__ import annotations

import socket
import subprocess
from contextlib import contextmanager
from urllib.parse import urlparse

import psycopg2
from psycopg2 import sql


def reachable(url: str, default_port: int, timeout: float = 1.0) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=timeout
        ):
            return True
    except OSError:
        return False


@contextmanager
def _admin_cursor(database_url: str):
    """A cursor on the server's ``postgres`` database, outside any transaction (CREATE/DROP DATABASE)."""
    parsed = urlparse(database_url)
    conn = psycopg2.connect(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password or None,
        dbname="postgres",
        connect_timeout=3,
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            yield cursor
    finally:
        conn.close()


def database_name(database_url: str) -> str:
    return urlparse(database_url).path.lstrip("/")


def ensure_database(database_url: str, *, recreate: bool = False) -> bool:
    """Create the database named in ``database_url`` if absent; return True if created."""
    name = database_name(database_url)
    with _admin_cursor(database_url) as cur:
        if recreate:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone():
            return False
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def drop_database(database_url: str) -> None:
    name = database_name(database_url)
    with _admin_cursor(database_url) as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def stop_processes(processes: list[subprocess.Popen], timeout: float = 15) -> None:
    """Terminate ``processes`` (a warm shutdown for workers), killing what outlives ``timeout``."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()

"""Start real TTS processes (gunicorn web servers, Celery workers) for cross-service tests.

Each stack gets its own databases (``tts_e2e_*``) and its own queue-name prefix, so it
cannot disturb a running ``make run`` on the same PostgreSQL and RabbitMQ.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from scripts.infra import drop_database, ensure_database, stop_processes
from scripts.services import ROOT, SERVICES, VENV_BIN

BY_SHORT = {s.short: s for s in SERVICES}
# The settings through which a service finds another (tts_common.settings): the first
# process of each service started here is the one the others are pointed at.
URL_SETTINGS = {
    "auth": "AUTH_SERVICE_URL",
    "tickets": "TICKET_SERVICE_URL",
    "workflow": "WORKFLOW_API_URL",
    "messaging": "MESSAGING_SERVICE_URL",
    "notifications": "NOTIFICATION_SERVICE_URL",
}
LOG_DIR = ROOT / "var" / "e2e-logs"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(
    predicate: Callable[[], Any], *, timeout: float = 30, interval: float = 0.2, what: str = "condition"
):
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except Exception as exc:  # the process may still be starting
            last_error = exc
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last error: {last_error})")


@dataclass
class Stack:
    name: str
    env: dict[str, str]
    embedded: bool = False
    urls: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        name: str,
        *,
        embedded: bool = False,
        var_dir: Path | None = None,
        database_server: str = "postgres://postgres@127.0.0.1:5432",
        broker_url: str | None = None,
    ) -> Stack:
        """``database_server`` and ``broker_url`` point the stack at other servers than the
        shared ones (the fault tests start their own)."""
        # one id per run names its queues and databases, so runs side by side never meet
        run = uuid.uuid4().hex[:8]
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.endswith("_DATABASE_URL") and k not in URL_SETTINGS.values()
        }
        env.update(
            {
                "DJANGO_ENV": "development",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
                "JWT_SIGNING_KEY": secrets.token_urlsafe(48),
                "TTS_QUEUE_PREFIX": f"e2e.{name}.{run}.",
                "REDIS_URL": "redis://127.0.0.1:6379/15",
                # Every test signs in from 127.0.0.1; the per-IP login limit is raised, not switched off.
                "LOGIN_RATE_PER_IP": "1000",
                "TICKET_CREATE_RATE": "1000/hour",
                "LOG_LEVEL": "INFO",
                "PYTHONUNBUFFERED": "1",
            }
        )
        # The web UI (vite preview, started on demand) gets a port of its own; its origin is
        # the one browsers' websocket handshakes and CORS requests come from.
        ui_port = free_port()
        env["TTS_WEB_PORT"] = str(ui_port)
        env["TTS_WEB_URL"] = f"http://127.0.0.1:{ui_port}"
        env["CORS_ALLOWED_ORIGINS"] = f"http://127.0.0.1:{ui_port},http://localhost:1000"
        if broker_url:
            env["CELERY_BROKER_URL"] = broker_url
        if embedded:
            env["TTS_EMBEDDED"] = "1"
            env["TTS_VAR_DIR"] = str(var_dir)
        else:
            env.pop("TTS_EMBEDDED", None)
            for service in SERVICES:
                env[service.database_url_var()] = f"{database_server}/tts_e2e_{name}_{run}_{service.short}"
        return cls(name=name, env=env, embedded=embedded)

    @property
    def prefix(self) -> str:
        return self.env["TTS_QUEUE_PREFIX"]

    def database_url(self, short: str) -> str:
        return self.env[BY_SHORT[short].database_url_var()]

    def manage(self, short: str, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=BY_SHORT[short].path,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed for {short}:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def prepare(self, shorts: list[str]) -> None:
        """Fresh databases, migrated; demo users seeded in auth."""
        for short in shorts:
            if not self.embedded:
                ensure_database(self.database_url(short), recreate=True)
            self.manage(short, "migrate", "--noinput", "-v", "0")
        if "auth" in shorts:
            self.manage("auth", "seed_demo")

    def log_path(self, label: str) -> Path:
        return LOG_DIR / f"{self.name}-{label}.log"

    def _spawn(
        self,
        label: str,
        short: str,
        args: list[str],
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> subprocess.Popen:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path(label), "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            args, cwd=cwd or BY_SHORT[short].path, env=env or self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        return process

    def start_web(self, short: str, *, label: str | None = None, env: dict[str, str] | None = None) -> str:
        port = free_port()
        self._spawn(
            label or short,
            short,
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--no-control-socket",
            ],
            env,
        )
        url = f"http://127.0.0.1:{port}"
        wait_for(
            lambda: requests.get(f"{url}/health/{short}/", timeout=2).status_code == 200,
            timeout=40,
            what=f"{short} to be healthy",
        )
        self._announce(label or short, short, url)
        return url

    def _announce(self, label: str, short: str, url: str) -> None:
        self.urls[label] = url
        self.env.setdefault(URL_SETTINGS[short], url)

    def start_asgi(self, short: str, *, label: str | None = None) -> str:
        """An ASGI process (uvicorn), for services with websockets; more than one of the same
        service (different labels) share the Redis channel layer."""
        port = free_port()
        self._spawn(
            label or short,
            short,
            [
                str(VENV_BIN / "uvicorn"),
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
        )
        url = f"http://127.0.0.1:{port}"
        wait_for(
            lambda: requests.get(f"{url}/health/{short}/", timeout=2).status_code == 200,
            timeout=40,
            what=f"{short} to be healthy",
        )
        self._announce(label or short, short, url)
        return url

    def start_ui(self) -> str:
        """The built web UI (frontend/dist, `make ui`) on vite preview, proxying every API
        prefix and /ws/ to this stack's processes, as `make run` does on port 1000."""
        frontend = ROOT / "frontend"
        if not (frontend / "dist" / "index.html").exists():
            raise AssertionError("frontend/dist is missing: run `make ui` first")
        port = self.env["TTS_WEB_PORT"]
        self._spawn(
            "ui",
            "auth",
            [str(frontend / "node_modules" / ".bin" / "vite"), "preview", "--port", port],
            cwd=frontend,
        )
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: requests.get(url, timeout=2).status_code == 200, timeout=40, what="the web UI")
        self.urls["ui"] = url
        return url

    def start_worker(
        self,
        short: str,
        *,
        label: str | None = None,
        wrap: list[str] = (),
        env: dict[str, str] | None = None,
        pool: str = "solo",
    ) -> subprocess.Popen:
        """A worker of service ``short`` (one slot); ``wrap`` prefixes the command (e.g.
        ``ip netns exec <ns>`` to run it in a network namespace), ``env`` replaces the stack's.
        ``pool="prefork"`` as in production: the solo pool's event loop may leave frames it
        has read until a timer fires, so it takes only a few messages a second."""
        return self._spawn(
            label or f"{short}-worker",
            short,
            [
                *wrap,
                str(VENV_BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--concurrency",
                "1",
                "--pool",
                pool,
                "--hostname",
                # the run's id too: two runs' workers on one broker are different nodes
                f"{short}-{self.name}-{self.prefix.split('.')[-2]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            env,
        )

    def start_beat(self) -> subprocess.Popen:
        """The deployment's one Celery beat (tts_common.beat): periodic outbox and SLA sweeps."""
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        schedule = LOG_DIR / f"{self.name}-beat-schedule"
        return self._spawn(
            "beat",
            "auth",
            [str(VENV_BIN / "celery"), "-A", "tts_common.beat", "beat", "--schedule", str(schedule)],
            cwd=ROOT,
        )

    def stop(self) -> None:
        stop_processes(self.processes)

    def destroy(self, shorts: list[str]) -> None:
        self.stop()
        if self.embedded:
            return
        self.delete_queues()
        for short in shorts:
            drop_database(self.database_url(short))

    def delete_queues(self) -> None:
        from tts_common.celery import delete_topology

        delete_topology(self.env.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"), self.prefix)


class Client:
    """A small HTTP client for one stack."""

    def __init__(self, stack: Stack):
        self.stack = stack

    def login(self, email: str, password: str = "TtsDemo!2026") -> requests.Session:
        session = requests.Session()
        response = session.post(
            f"{self.stack.urls['auth']}/api/v1/users/token/",
            json={"username": email, "password": password},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        session.tokens = response.json()
        return session

"""Private PostgreSQL and RabbitMQ servers, and a network namespace, for the fault tests.

Each lives in a temporary directory and on free ports, so stopping, killing or cutting
them never disturbs the shared servers (or another run). Everything here is torn down by
``close()``; the fixtures call it also when a test fails.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2
from kombu import Connection

from e2e.harness import free_port, wait_for

PG_BIN = Path("/usr/lib/postgresql/15/bin")
RABBIT_BIN = Path("/usr/lib/rabbitmq/bin")


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120, **kwargs)


class Postgres:
    """A PostgreSQL 15 cluster of its own (initdb in a temp dir, trust auth), run as the
    ``postgres`` OS user because initdb refuses root."""

    def __init__(self, *, listen: list[str], trust: list[str] = ()):
        self.dir = Path(tempfile.mkdtemp(prefix="tts-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"
        shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"
        )
        options = {
            "port": self.port,
            "listen_addresses": ",".join(listen),
            "unix_socket_directories": str(self.dir),
            "max_connections": 100,
            # A killed server loses nothing committed (WAL is written at commit); only an
            # operating-system crash would need fsync, and this cluster lives for one run.
            "fsync": "off",
            "full_page_writes": "off",
        }
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.writelines(f"{k} = '{v}'\n" for k, v in options.items())
        with open(self.data / "pg_hba.conf", "a") as hba:
            hba.writelines(f"host all all {net} trust\n" for net in trust)

    def _as_postgres(self, *args: str) -> None:
        run("runuser", "-u", "postgres", "--", *args, cwd=self.dir)

    def start(self) -> None:
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        """``mode`` is pg_ctl's: smart, fast, or immediate (a crash: recovery on the next start)."""
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def kill(self) -> None:
        """SIGKILL the postmaster; its backends notice and exit."""
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not _alive(pid), timeout=30, what="postgres to die")

    def close(self) -> None:
        if self.running():
            try:
                self.stop("immediate")
            except subprocess.CalledProcessError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


class RabbitMQ:
    """A RabbitMQ node of its own: node name, AMQP and distribution ports, data, logs,
    config and Erlang cookie (HOME) in a temp dir; no plugins. It registers with the local
    epmd (the shared node's, which serves any number of node names) under a unique name."""

    def __init__(self, *, listen: list[str]):
        self.dir = Path(tempfile.mkdtemp(prefix="tts-faults-rabbit-"))
        self.port = free_port()
        self.node = f"tts-faults-{self.port}@localhost"
        self.url = f"amqp://guest:guest@127.0.0.1:{self.port}//"
        (self.dir / "enabled_plugins").write_text("[].\n")
        (self.dir / "rabbitmq-env.conf").write_text("")  # not the shared node's /etc one
        # guest may connect from a network namespace: the node listens only on loopback
        # and on the test's own veth address.
        (self.dir / "rabbitmq.conf").write_text(
            "loopback_users = none\n"
            + "".join(f"listeners.tcp.{n} = {host}:{self.port}\n" for n, host in enumerate(listen, 1))
        )
        self.env = {
            **os.environ,
            "HOME": str(self.dir),
            "RABBITMQ_CONF_ENV_FILE": str(self.dir / "rabbitmq-env.conf"),
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(free_port()),
            "RABBITMQ_MNESIA_BASE": str(self.dir / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.dir / "log"),
            "RABBITMQ_CONFIG_FILE": str(self.dir / "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.dir / "enabled_plugins"),
            "RABBITMQ_PID_FILE": str(self.dir / "pid"),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.dir / "server.log", "a")  # noqa: SIM115 - the server's whole life
        self.process = subprocess.Popen(
            [str(RABBIT_BIN / "rabbitmq-server")],
            env=self.env,
            cwd=self.dir,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: beam and its helpers die together
        )
        wait_for(self._answers, timeout=90, interval=0.5, what=f"RabbitMQ node {self.node}")

    def _answers(self) -> bool:
        assert self.process.poll() is None, f"rabbitmq-server exited; see {self.dir / 'server.log'}"
        with Connection(self.url, connect_timeout=2) as conn:
            conn.connect()
        return True

    def _signal(self, sig: int, timeout: float) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        # beam may outlive the wrapper script for a moment
        wait_for(lambda: not _group_alive(self.process.pid), timeout=30, what="RabbitMQ to exit")

    def stop(self) -> None:
        """A clean shutdown (SIGTERM): connections are closed, durable messages kept."""
        self._signal(signal.SIGTERM, timeout=60)

    def kill(self) -> None:
        self._signal(signal.SIGKILL, timeout=30)

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class Namespace:
    """A network namespace joined to the host by a veth pair (host side ``host_ip``, namespace
    side ``ns_ip``, a /30 of 10.213.0.0/16). ``cut()`` takes the link down, ``restore()`` up."""

    def __init__(self):
        tag = f"{os.getpid() % 10000}{random.randrange(100):02d}"
        self.name = f"tts-faults-{tag}"
        self.host_if, self.ns_if = f"ttsh{tag}", f"ttsn{tag}"
        block = random.randrange(16_384) * 4
        self.host_ip = f"10.213.{block // 256}.{block % 256 + 1}"
        self.ns_ip = f"10.213.{block // 256}.{block % 256 + 2}"
        self.subnet = f"10.213.{block // 256}.{block % 256}/30"
        run("ip", "netns", "add", self.name)
        try:
            run("ip", "link", "add", self.host_if, "type", "veth", "peer", "name", self.ns_if)
            run("ip", "link", "set", self.ns_if, "netns", self.name)
            run("ip", "addr", "add", f"{self.host_ip}/30", "dev", self.host_if)
            run("ip", "link", "set", self.host_if, "up")
            self.exec("ip", "addr", "add", f"{self.ns_ip}/30", "dev", self.ns_if)
            self.exec("ip", "link", "set", self.ns_if, "up")
            self.exec("ip", "link", "set", "lo", "up")
        except Exception:
            self.close()
            raise

    @property
    def wrap(self) -> list[str]:
        return ["ip", "netns", "exec", self.name]

    def exec(self, *args: str) -> None:
        run(*self.wrap, *args)

    def cut(self) -> None:
        run("ip", "link", "set", self.host_if, "down")

    def restore(self) -> None:
        run("ip", "link", "set", self.host_if, "up")

    def close(self) -> None:
        subprocess.run(["ip", "link", "del", self.host_if], capture_output=True)  # takes its peer along
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def database_ready(url: str) -> bool:
    psycopg2.connect(url + "/postgres", connect_timeout=2).close()
    return True


def pause(seconds: float) -> None:
    time.sleep(seconds)

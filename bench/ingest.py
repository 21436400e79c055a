"""Benchmark: ticket ingestion end to end, against a bare floor measured in the same run.

    .venv/bin/python bench/ingest.py                      # 10,000 tickets, the floor, 30 s paced at 100/s
    .venv/bin/python bench/ingest.py --sustain 600 --backlog 100000   # the full proof (about 20 minutes)

With its own databases (tts_bench_workflow, tts_bench_notifications, tts_bench_floor) and
queue prefix, real workers (workflow_api's and notification_service's, every reliability
setting on: late acks, publisher confirms, outbox) and a producer that publishes
TicketSnapshot messages to TICKET_TASKS_PRODUCTION with publisher confirms:

1. floor: a minimal Celery task on the same broker and database (bench/floor.py), one
   insert and one counter update per message; COUNT messages, time until all are stored.
2. burst: COUNT tickets at once; time until every ticket has its task, its assigned first
   item and its assignment notification stored in notification_service's database.
   Tickets/s, the ratio to the floor, and where the CPU went (per process).
3. paced: RATE tickets/s for PACED seconds; latency per ticket from publish to its
   notification stored: p50/p95/p99.
4. sustain (--sustain SECONDS): SUSTAIN_RATE tickets/s for that long; what was held.
5. backlog (--backlog N): N tickets published with the workers stopped, then drained;
   the drain rate against the burst rate.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import amqp
import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "workflow_api"))

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
BROKER = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
RUN = uuid.uuid4().hex[:6]
PREFIX = f"bench.{RUN}."
DB = {"workflow": f"{PG}/tts_bench_workflow", "notifications": f"{PG}/tts_bench_notifications"}
FLOOR_DB = f"{PG}/tts_bench_floor"
os.environ.update(
    {
        # the production settings (no debug cursor), with throwaway secrets
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "JWT_SIGNING_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WORKFLOW_DATABASE_URL": DB["workflow"],
        "NOTIFICATION_DATABASE_URL": DB["notifications"],
        "TTS_QUEUE_PREFIX": PREFIX,
        "LOG_LEVEL": "WARNING",
        # the email each assignment notification queues is "sent" without a mail server
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
LOGS = ROOT / "var" / "bench-logs"  # the workers' output
TARGETS = {"tickets_per_s": 150, "ratio": 0.5, "p99_s": 2.0, "backlog_ratio": 0.9}


def payload(n: int, stamp: str) -> dict:
    return {
        "schema_version": 1,
        "ticket_number": f"BENCH-{RUN}-{stamp}-{n:07d}",
        "subject": f"Benchmark ticket {n}",
        "description": "Printer on the third floor is jammed.",
        "category": "Hardware",
        "subcategory": "",
        "department": "IT",
        "priority": ("low", "medium", "high", "urgent")[n % 4],
        "status": "new",
        "requester": {"id": str(1000 + n % 500), "name": "Bench Requester", "email": "bench@example.com"},
        "created_at": datetime.now(UTC).isoformat(),
        "attachments": [],
        "extra": {},
    }


class Producer:
    """Plain AMQP with publisher confirms, as an upstream producer would publish
    (docs/queue-producers.md); remembers when each ticket went out."""

    def __init__(self):
        url = BROKER.split("://", 1)[1].rstrip("/")
        credentials, host = url.split("@")
        user, password = credentials.split(":")
        self.connection = amqp.Connection(host, userid=user, password=password)
        self.connection.connect()
        self.channel = self.connection.channel()
        self.channel.confirm_select()
        self.acked = 0
        self.channel.events["basic_ack"].add(lambda tag, multiple=False: setattr(self, "acked", tag))
        self.published = 0
        self.sent_at: dict[str, float] = {}

    def publish(self, bodies: list[dict], queue: str, task: str) -> None:
        now = time.time()
        for body in bodies:
            message = amqp.Message(
                json.dumps([[body], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}]),
                content_type="application/json",
                content_encoding="utf-8",
                delivery_mode=2,
                application_headers={"task": task, "id": str(uuid.uuid4()), "lang": "py"},
            )
            self.channel.basic_publish(message, exchange="", routing_key=PREFIX + queue)
            self.published += 1
            self.sent_at[body["ticket_number"]] = now
        while self.acked < self.published:
            self.connection.drain_events(timeout=10)

    def tickets(self, count: int, stamp: str, start: int = 0) -> None:
        for first in range(start, start + count, 500):
            self.publish(
                [payload(n, stamp) for n in range(first, min(first + 500, start + count))],
                "TICKET_TASKS_PRODUCTION",
                "tickets.tasks.receive_ticket",
            )


_connections: dict[str, psycopg2.extensions.connection] = {}


def query(url: str, sql: str, args=()) -> list[tuple]:
    """One connection per database for the whole run: polling must not fork a PostgreSQL
    backend four times a second (their CPU would also escape the per-process report)."""
    conn = _connections.get(url)
    if conn is None or conn.closed:
        conn = _connections[url] = psycopg2.connect(url)
        conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.fetchall()


def scalar(url: str, sql: str, args=()) -> int:
    return query(url, sql, args)[0][0]


def done_count(stamp: str) -> int:
    """Tickets of ``stamp`` with a task, an assigned item and their notification stored (an
    exact check: it scans every row, so it runs once per phase, not while polling)."""
    like = [f"BENCH-{RUN}-{stamp}-%"]
    return min(
        scalar(
            DB["workflow"],
            "SELECT count(*) FROM engine_taskitem i JOIN engine_task t ON t.id = i.task_id JOIN "
            "tickets_workflowticket w ON w.id = t.ticket_id WHERE w.ticket_number LIKE %s AND i.status = 'assigned'",
            like,
        ),
        scalar(
            DB["notifications"],
            "SELECT count(*) FROM notifications_notification "
            "WHERE type = 'assignment' AND data->>'ticket_number' LIKE %s",
            like,
        ),
    )


def high_water() -> tuple[int, int]:
    """The newest task item and notification ids: what a phase stores comes after them."""
    return (
        scalar(DB["workflow"], "SELECT coalesce(max(id), 0) FROM engine_taskitem"),
        scalar(DB["notifications"], "SELECT coalesce(max(id), 0) FROM notifications_notification"),
    )


def stored_since(mark: tuple[int, int]) -> int:
    """Tickets done since ``mark`` (phases run one after the other, so these are the current
    phase's): a primary-key range, cheap enough to poll four times a second however large
    the tables have grown (the exact ``done_count`` takes seconds at 200,000 rows and would
    load the database the pipeline is using)."""
    items, notes = mark
    return min(
        scalar(
            DB["workflow"],
            "SELECT count(*) FROM engine_taskitem WHERE id > %s AND status = 'assigned'",
            [items],
        ),
        scalar(
            DB["notifications"],
            "SELECT count(*) FROM notifications_notification WHERE id > %s AND type = 'assignment'",
            [notes],
        ),
    )


def wait_done(stamp: str, count: int, started: float, mark: tuple[int, int], timeout: float = 3600) -> float:
    """Seconds from ``started`` until ``count`` tickets are done, then checks they are the phase's own."""
    deadline = time.monotonic() + timeout
    while (done := stored_since(mark)) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"{stamp}: only {done} of {count} done after {timeout}s")
        time.sleep(0.25)
    elapsed = time.monotonic() - started
    if (exact := done_count(stamp)) != count:
        raise SystemExit(
            f"{stamp}: {done} rows stored since the phase began but {exact} of its {count} tickets done"
        )
    return elapsed


def latencies(stamp: str, sent_at: dict[str, float]) -> list[float]:
    rows = query(
        DB["notifications"],
        "SELECT data->>'ticket_number', extract(epoch FROM created_at) FROM notifications_notification "
        "WHERE type = 'assignment' AND data->>'ticket_number' LIKE %s",
        [f"BENCH-{RUN}-{stamp}-%"],
    )
    return sorted(float(at) - sent_at[number] for number, at in rows)


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# ------------------------------------------------------------------ processes and CPU


def cpu_seconds() -> dict[str, float]:
    """CPU seconds so far of the processes that do the work, grouped by what they are."""
    tick = os.sysconf("SC_CLK_TCK")
    groups: dict[str, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        used = (int(fields[11]) + int(fields[12])) / tick
        if f"bench-{RUN}-workflow" in cmdline:
            name = "workflow worker"
        elif f"bench-{RUN}-notifications" in cmdline:
            name = "notification worker"
        elif f"bench-{RUN}-floor" in cmdline:
            name = "floor worker"
        elif "postgres" in text[: text.index(")")]:
            name = "PostgreSQL"
        elif "beam.smp" in text[: text.index(")")]:
            name = "RabbitMQ"
        elif stat.parent.name == str(os.getpid()):
            name = "this producer"
        else:
            continue
        groups[name] = groups.get(name, 0.0) + used
    return groups


def cpu_report(before: dict[str, float], after: dict[str, float], tickets: int, elapsed: float) -> None:
    print(
        f"  where the time went ({tickets} tickets in {elapsed:.1f}s; CPU ms per ticket, share of 2 cores):"
    )
    for name in sorted(after, key=lambda n: -(after[n] - before.get(n, 0))):
        used = after[name] - before.get(name, 0)
        if used > 0.05:
            print(f"    {name:22s} {1000 * used / tickets:6.2f} ms  {100 * used / (2 * elapsed):5.1f}%")


def worker(
    folder: str, label: str, *, app: str = "config", concurrency: int = 1, env=None
) -> subprocess.Popen:
    LOGS.mkdir(parents=True, exist_ok=True)
    log = open(LOGS / f"ingest-{label}.log", "a")  # noqa: SIM115 - the process holds it
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            app,
            "worker",
            "--concurrency",
            str(concurrency),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
            "--hostname",
            f"bench-{RUN}-{label}@%h",
        ],
        cwd=ROOT / folder,
        env={k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(processes: list[subprocess.Popen]) -> None:
    from scripts.infra import stop_processes

    stop_processes(processes, timeout=60)  # a worker finishes its batch first


def start_pipeline() -> list[subprocess.Popen]:
    processes = [worker("workflow_api", "workflow"), worker("notification_service", "notifications")]
    time.sleep(8)  # workers connect, declare the topology and start their batch consumers
    return processes


# ------------------------------------------------------------------ setup


def prepare() -> None:
    from scripts.infra import ensure_database

    for url in [*DB.values(), FLOOR_DB]:
        ensure_database(url, recreate=True)
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "migrate", "-v", "0"],
        cwd=ROOT / "notification_service",
        check=True,
    )
    import django

    django.setup()
    from calendars.models import Calendar
    from calendars.services import OFFICE, calendars_ensure_defaults
    from django.core.management import call_command
    from roles.services import role_sync_apply, role_user_sync_apply
    from workflows.management.commands.seed_workflows import SLA
    from workflows.models import Workflow
    from workflows.services import workflow_graph_save, workflow_publish

    from tts_common.authentication import TokenUser

    call_command("migrate", verbosity=0)
    calendars_ensure_defaults()
    for role_id, name, users in ((1, "Ticket Coordinator", range(1, 6)), (2, "IT Support", range(10, 30))):
        role_sync_apply(
            message={"action": "upsert", "role": {"id": role_id, "system": "tts", "name": name}, "version": 1}
        )
        for user_id in users:
            role_user_sync_apply(
                message={
                    "action": "upsert",
                    "role_id": role_id,
                    "user": {
                        "id": user_id,
                        "email": f"u{user_id}@example.com",
                        "name": f"User {user_id}",
                        "is_active": True,
                    },
                    "version": 1,
                }
            )
    admin = TokenUser(id="bench", email="", name="bench", roles=["tts:Admin"])
    workflow = Workflow.objects.create(
        name="Bench",
        department="IT",
        category="Hardware",
        sla_targets=SLA,
        calendar=Calendar.objects.get(name=OFFICE),
    )
    workflow_graph_save(
        workflow=workflow,
        nodes=[
            {"id": "a", "name": "Triage", "role_id": 2, "is_start": True, "weight": 1},
            {"id": "b", "name": "Fix", "role_id": 2, "weight": 3},
        ],
        edges=[{"from": "a", "to": "b", "label": "Accept"}, {"from": "b", "to": None, "label": "Resolve"}],
        actor=admin,
    )
    workflow_publish(workflow=workflow, actor=admin)
    with psycopg2.connect(FLOOR_DB) as conn, conn.cursor() as cursor:
        sys.path.insert(0, str(ROOT / "bench"))
        from floor import schema

        schema(cursor)
    conn.close()


# ------------------------------------------------------------------ phases


def floor_phase(producer: Producer, count: int) -> float:
    # two processes: the same two cores as the pipeline's two workers
    process = worker(
        "bench",
        "floor",
        app="floor",
        concurrency=2,
        env={"BENCH_FLOOR_DSN": FLOOR_DB, "DJANGO_SETTINGS_MODULE": None},
    )
    try:
        time.sleep(6)
        started = time.monotonic()
        for first in range(0, count, 500):
            producer.publish(
                [
                    {"ticket_number": f"F-{n}", "subject": "floor"}
                    for n in range(first, min(first + 500, count))
                ],
                "floor",
                "bench.floor",
            )
        while scalar(FLOOR_DB, "SELECT n FROM floor_counter") < count:
            time.sleep(0.1)
        elapsed = time.monotonic() - started
    finally:
        stop([process])
    rate = count / elapsed
    print(f"floor: {count} messages in {elapsed:.1f}s: {rate:.0f}/s (one insert + one counter update each)")
    return rate


def burst_phase(producer: Producer, count: int, floor: float) -> float:
    before, mark = cpu_seconds(), high_water()
    started = time.monotonic()
    producer.tickets(count, "burst")
    published = time.monotonic() - started
    elapsed = wait_done("burst", count, started, mark)
    after = cpu_seconds()
    rate = count / elapsed
    print(
        f"burst: {count} tickets published in {published:.1f}s, all with task, assignment and notification "
        f"in {elapsed:.1f}s: {rate:.0f} tickets/s"
    )
    ratio = rate / floor
    print(f"  ratio to the floor: {ratio:.2f}")
    verdict(
        "tickets/s", rate >= TARGETS["tickets_per_s"], f"{rate:.0f} (target >= {TARGETS['tickets_per_s']})"
    )
    verdict("ratio to floor", ratio >= TARGETS["ratio"], f"{ratio:.2f} (target >= {TARGETS['ratio']})")
    cpu_report(before, after, count, elapsed)
    return rate


def paced(producer: Producer, rate: float, seconds: float, stamp: str) -> tuple[list[float], float]:
    """Publish ``rate`` tickets/s for ``seconds`` in 10 steps a second; returns latencies and
    the time until the last was done."""
    total = int(rate * seconds)
    mark = high_water()
    started = time.monotonic()
    sent = 0
    while sent < total:
        due = int((time.monotonic() - started) * rate) + 1
        step = min(total, due) - sent
        if step > 0:
            producer.tickets(step, stamp, start=sent)
            sent += step
        time.sleep(0.1)
    elapsed = wait_done(stamp, total, started, mark)
    return latencies(stamp, producer.sent_at), elapsed


def paced_phase(producer: Producer, rate: float, seconds: float) -> None:
    values, _ = paced(producer, rate, seconds, "paced")
    p50, p95, p99 = (percentile(values, p) for p in (50, 95, 99))
    print(
        f"paced: {len(values)} tickets at {rate:.0f}/s for {seconds:.0f}s; publish to notification stored: "
        f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {values[-1] * 1000:.0f} ms"
    )
    verdict("p99 latency", p99 < TARGETS["p99_s"], f"{p99:.2f}s (target < {TARGETS['p99_s']}s at 100/s)")


def sustain_phase(producer: Producer, rate: float, seconds: float) -> None:
    before = cpu_seconds()
    values, elapsed = paced(producer, rate, seconds, "sustain")
    after = cpu_seconds()
    held = len(values) / elapsed
    print(
        f"sustain: {len(values)} tickets offered at {rate:.0f}/s for {seconds:.0f}s, all done in {elapsed:.0f}s "
        f"({held:.0f}/s held); latency p50 {statistics.median(values):.2f}s, p99 {percentile(values, 99):.2f}s"
    )
    verdict("sustained", held >= 0.98 * rate, f"{held:.0f}/s of {rate:.0f}/s offered")
    cpu_report(before, after, len(values), elapsed)


def backlog_phase(producer: Producer, count: int, burst_rate: float) -> list[subprocess.Popen]:
    mark = high_water()
    started = time.monotonic()
    producer.tickets(count, "backlog")
    print(f"backlog: {count} tickets queued in {time.monotonic() - started:.0f}s with the workers stopped")
    processes = [worker("workflow_api", "workflow"), worker("notification_service", "notifications")]
    # the clock runs from the first ticket done, when both workers are consuming (their start
    # is not drain time), and counts the tickets done after it
    while (first := stored_since(mark)) == 0:
        time.sleep(0.05)
    before, started = cpu_seconds(), time.monotonic()
    elapsed = wait_done("backlog", count, started, mark)
    after = cpu_seconds()
    rate = (count - first) / elapsed
    print(f"  drained in {elapsed:.0f}s: {rate:.0f} tickets/s, {rate / burst_rate:.2f} of the burst rate")
    verdict(
        "backlog drain",
        rate >= TARGETS["backlog_ratio"] * burst_rate,
        f"target >= {TARGETS['backlog_ratio']}",
    )
    cpu_report(before, after, count, elapsed)
    return processes


def verdict(name: str, ok: bool, detail: str) -> None:
    print(f"  {'PASS' if ok else 'BELOW TARGET'}  {name}: {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="tickets in the burst (and floor messages)")
    parser.add_argument("--rate", type=float, default=100, help="tickets/s in the paced phase")
    parser.add_argument("--paced", type=float, default=30, help="seconds of the paced phase")
    parser.add_argument(
        "--sustain", type=float, default=0, help="seconds of the sustained phase (600 for the proof)"
    )
    parser.add_argument("--sustain-rate", type=float, default=150)
    parser.add_argument(
        "--backlog", type=int, default=0, help="tickets in the backlog phase (100000 for the proof)"
    )
    args = parser.parse_args()

    prepare()
    from django.conf import settings  # the workers' own settings (the same environment)

    print(
        f"machine: {os.cpu_count()} cores; batch size {settings.BATCH_SIZE}, "
        f"{settings.BATCH_CONSUMERS} batch consumers per worker"
    )
    producer = Producer()
    processes: list[subprocess.Popen] = []
    try:
        floor = floor_phase(producer, args.count)
        processes = start_pipeline()
        rate = burst_phase(producer, args.count, floor)
        if args.paced:
            paced_phase(producer, args.rate, args.paced)
        if args.sustain:
            sustain_phase(producer, args.sustain_rate, args.sustain)
        if args.backlog:
            stop(processes)
            processes = backlog_phase(producer, args.backlog, rate)
        return 0
    finally:
        stop(processes)
        from tts_common.celery import delete_topology

        delete_topology(BROKER, PREFIX)
        producer.channel.queue_delete(PREFIX + "floor")
        producer.connection.close()


if __name__ == "__main__":
    sys.exit(main())

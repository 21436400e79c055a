"""Benchmark: the main read endpoints under load at 100,000 and 1,000,000 tickets.

    .venv/bin/python bench/api.py [--sizes 100000,1000000] [--duration 20] [--keep]

For each size: fresh databases ``tts_bench_api_<service>_<size>`` for ticket_service,
workflow_api and notification_service, migrated and seeded in SQL (tickets; a workflow
snapshot, task and task item per ticket; two notifications per ticket; the workflows count
their SLAs on the office calendar, Mon–Fri 09:00–17:00), then VACUUM ANALYZE, a CHECKPOINT
and a sync, so that writing back the seeding does not run while the reads are measured.
Every size is seeded before any is measured. The three services of each size run under
gunicorn with the production settings (DJANGO_ENV=production, throwaway secrets; 4 sync
workers, two per CPU, so a worker waiting on PostgreSQL leaves its CPU to another). wrk
(16 connections, no think time, ``bench/api_wrk.lua``) drives one endpoint at one size at
a time, each endpoint at every size in turn, so that the sizes compared meet the same
machine (its speed drifts by a third over minutes). The load generator is pinned to one
CPU (taskset), so it can never take more than half the machine, and the servers and
PostgreSQL are left to the scheduler on both.
Prints p50/p95/p99, requests per second and the load generator's own CPU use per endpoint,
where one request's time goes (SQL, serialising, filtering, authentication, other:
in-process, one request at a time, cProfile shares scaled to the unprofiled time), the SQL
queries per list request at page sizes 10/50/100 (CaptureQueriesContext in a process of
the service, on the seeded data), and the SLA sweep time once every task item is open.
Then the targets of issue 12 item 2, PASS or FAIL. Figures, not assertions; the databases
are dropped unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from e2e.harness import BY_SHORT, free_port, wait_for  # noqa: E402
from scripts.infra import drop_database, ensure_database, stop_processes  # noqa: E402
from scripts.services import VENV_BIN  # noqa: E402
from tts_common.filters import priority_rank_sql  # noqa: E402

SHORTS = ["tickets", "workflow", "notifications"]
PREFIX = f"bench.api.{uuid.uuid4().hex[:8]}."
CONCURRENCY = 16
PAGE_SIZES = [10, 50, 100]
SWEEP_DUE = 500  # one sweep batch (engine.sweeps.BATCH) of warnings falls due

DEPARTMENTS = ["IT", "Finance", "HR", "Sales", "Facilities", "Legal"]
AGENTS_PER_DEPARTMENT = 34  # agents 1..204, agent a works in DEPARTMENTS[(a - 1) % 6]
AGENTS = AGENTS_PER_DEPARTMENT * len(DEPARTMENTS)
ADMIN_ID = 9000
FIRST_REQUESTER = 10_001
TOPICS = [
    "Hardware|Laptop",
    "Hardware|Printer",
    "Hardware|Monitor",
    "Software|Email",
    "Software|VPN",
    "Software|ERP",
    "Network|Wi-Fi",
    "Access|Password",
    "Access|Permissions",
    "Facilities|Badge",
]
PROBLEMS = ["does not start", "is very slow", "shows an error", "needs replacing", "asks for access"]
PRIORITIES = ["low"] * 30 + ["medium"] * 40 + ["high"] * 20 + ["urgent"] * 10
# Most of the history is done; the newest tenth is where the open work is.
OLD_STATUSES = ["closed"] * 70 + ["resolved"] * 25 + ["rejected"] * 4 + ["open"]
RECENT_STATUSES = (
    ["new"] * 10
    + ["open"] * 30
    + ["in_progress"] * 25
    + ["on_hold"] * 5
    + ["resolved"] * 15
    + ["closed"] * 15
)
OPEN = "('new', 'open', 'in_progress', 'on_hold')"
DONE = "('resolved', 'closed', 'rejected')"


def _hash(salt: str, modulo: int) -> str:
    """A pseudo-random 0..modulo-1 that is a function of the row number ``i``, so the three
    databases, seeded separately, agree on every ticket."""
    return f"mod(abs(hashtext(i::text || '{salt}')::bigint), {modulo})"


def ticket_rows(n: int) -> str:
    requesters = max(1000, n // 20)
    return f"""
    SELECT i, number, created, department, priority, status, requester, topic, problem,
           1 + dept + {len(DEPARTMENTS)} * {_hash("a", AGENTS_PER_DEPARTMENT)} AS agent,
           now() + interval '1 minute' * (180 + {_hash("due", 4320)}) AS due
    FROM (
        SELECT i,
               'BENCH-' || lpad(i::text, 7, '0') AS number,
               now() - interval '730 days' * ({n} - i) / {n} - interval '1 minute' * {_hash("m", 600)} AS created,
               {_hash("d", len(DEPARTMENTS))} AS dept,
               (ARRAY{DEPARTMENTS})[1 + {_hash("d", len(DEPARTMENTS))}] AS department,
               (ARRAY{PRIORITIES})[1 + {_hash("p", len(PRIORITIES))}] AS priority,
               CASE WHEN i > {n} * 0.9 THEN (ARRAY{RECENT_STATUSES})[1 + {_hash("s", len(RECENT_STATUSES))}]
                    ELSE (ARRAY{OLD_STATUSES})[1 + {_hash("s", len(OLD_STATUSES))}] END AS status,
               {FIRST_REQUESTER} + {_hash("r", requesters)} AS requester,
               (ARRAY{TOPICS})[1 + {_hash("t", len(TOPICS))}] AS topic,
               (ARRAY{PROBLEMS})[1 + {_hash("x", len(PROBLEMS))}] AS problem
        FROM generate_series(1, {n}) AS i
    ) AS drawn"""


def seed_tickets(url: str, n: int) -> None:
    _execute(
        url,
        f"""
        INSERT INTO tickets_ticket (number, subject, description, category, subcategory, department,
            priority, status, requester_id, requester_name, requester_email, assignee_id, assignee_name,
            sla_due_at, source, tags, created_at, updated_at, resolved_at, status_changed_at, is_deleted)
        SELECT number, split_part(topic, '|', 2) || ' ' || problem, 'Seeded for bench/api.py.',
            split_part(topic, '|', 1), split_part(topic, '|', 2), department, priority, status,
            requester::text, 'Requester ' || requester, 'requester' || requester || '@example.com',
            CASE WHEN status = 'new' THEN '' ELSE agent::text END,
            CASE WHEN status = 'new' THEN '' ELSE 'Agent ' || agent END,
            CASE WHEN status IN {OPEN} THEN due END, 'web', '[]', created, created,
            CASE WHEN status IN ('resolved', 'closed') THEN created + interval '1 day' END, created, false
        FROM ({ticket_rows(n)}) AS t""",
    )


def seed_workflow(url: str, n: int, versions: list[dict]) -> None:
    """A snapshot, a task and the current (or last) task item per ticket. Open tasks are due
    3 hours to 3 days from now, so the sweep finds nothing due until the bench says so. Each
    item carries its task's sort keys, as engine.models.TaskItem.sort_keys gives them."""
    rows = []
    for k, v in enumerate(versions):
        steps = v["steps"]
        first, current, last = steps[0], steps[min(1, len(steps) - 1)], steps[-1]
        rows.append(
            f"({k}, {v['workflow']}, {v['version']}, '{current['id']}', '{current['name']}', "
            f"{current['role_id']}, '{last['id']}', '{last['name']}', {last['role_id']}, "
            f"'{json.dumps([first['id'], current['id']])}', '{json.dumps([s['id'] for s in steps])}')"
        )
    source = f"""({ticket_rows(n)}) AS t JOIN (VALUES {", ".join(rows)}) AS v(k, workflow_id, version_id,
        open_step, open_name, open_role, last_step, last_name, last_role, open_path, done_path)
        ON v.k = mod(t.i, {len(versions)})"""
    _execute(
        url,
        f"""
        INSERT INTO tickets_workflowticket (id, ticket_number, subject, category, subcategory, department,
            priority, status, requester_id, data, received_at, updated_at, unassigned_reason)
        SELECT i, number, split_part(topic, '|', 2) || ' ' || problem, split_part(topic, '|', 1),
            split_part(topic, '|', 2), department, priority, status, requester::text, '{{}}', created,
            created, ''
        FROM ({ticket_rows(n)}) AS t;
        INSERT INTO engine_task (id, ticket_id, workflow_id, version_id, current_step_id, status, outcome,
            owner_id, owner_name, path, created_at, updated_at, completed_at, first_response_at,
            first_response_target_minutes, first_response_due_at, resolution_target_minutes,
            target_resolution_at, resolution_warn_at, paused_at, paused_minutes)
        SELECT i, i, workflow_id, version_id, CASE WHEN status IN {OPEN} THEN open_step ELSE '' END,
            CASE WHEN status = 'on_hold' THEN 'on_hold' WHEN status IN {OPEN} THEN 'active' ELSE 'completed' END,
            CASE WHEN status IN {DONE} THEN status ELSE '' END, agent::text, 'Agent ' || agent,
            (CASE WHEN status IN {OPEN} THEN open_path ELSE done_path END)::jsonb, created, created,
            CASE WHEN status IN {DONE} THEN created + interval '1 day' END,
            CASE WHEN status <> 'new' THEN created + interval '1 hour' END, 240,
            CASE WHEN status = 'new' THEN due - interval '2 hours' ELSE created + interval '4 hours' END, 1440,
            CASE WHEN status IN {OPEN} THEN due ELSE created + interval '1 day' END,
            CASE WHEN status IN {OPEN} THEN due - interval '2 hours' ELSE created + interval '22 hours' END,
            CASE WHEN status = 'on_hold' THEN created END, 0
        FROM {source};
        INSERT INTO engine_taskitem (id, task_id, step_id, step_name, role_id, assignee_id, assignee_name,
            assignee_email, status, reason, assigned_at, acted_at, action_label, comment, created_at,
            target_at, warn_at, budget_minutes, paused_minutes, task_due_at, task_rank, task_created_at)
        SELECT i, i, CASE WHEN status IN {OPEN} THEN open_step ELSE last_step END,
            CASE WHEN status IN {OPEN} THEN open_name ELSE last_name END,
            CASE WHEN status IN {OPEN} THEN open_role ELSE last_role END,
            agent, 'Agent ' || agent, 'agent' || agent || '@example.com',
            CASE WHEN status IN ('new', 'open') THEN 'assigned'
                 WHEN status IN ('in_progress', 'on_hold') THEN 'in_progress' ELSE 'acted' END,
            'round_robin', created, CASE WHEN status IN {DONE} THEN created + interval '1 day' END,
            CASE WHEN status IN {DONE} THEN 'Close' ELSE '' END, '', created,
            CASE WHEN status IN {OPEN} THEN due ELSE created + interval '1 day' END,
            CASE WHEN status IN {OPEN} THEN due - interval '2 hours' ELSE created + interval '22 hours' END,
            1440, 0, CASE WHEN status IN {OPEN} THEN due ELSE created + interval '1 day' END,
            {priority_rank_sql("priority")}, created
        FROM {source};
        SELECT setval(pg_get_serial_sequence('tickets_workflowticket', 'id'), {n});
        SELECT setval(pg_get_serial_sequence('engine_task', 'id'), {n});
        SELECT setval(pg_get_serial_sequence('engine_taskitem', 'id'), {n});""",
    )


def seed_notifications(url: str, n: int) -> None:
    """Two per ticket, one to the agent and one to the requester; the newest 5% half unread."""
    _execute(
        url,
        f"""
        INSERT INTO notifications_notification (event_id, user_id, email, type, title, body, link, data,
            in_app, is_read, created_at)
        SELECT gen_random_uuid(), CASE WHEN j = 1 THEN agent ELSE requester END::text,
            CASE WHEN j = 1 THEN 'agent' || agent ELSE 'requester' || requester END || '@example.com',
            CASE WHEN j = 1 THEN 'assignment' ELSE 'status_changed' END,
            number || ': ' || split_part(topic, '|', 2) || ' ' || problem, '', '/tickets/' || number, '{{}}',
            true, NOT (i > {n} * 0.95 AND {_hash("u", 2)} = 0), created + interval '1 minute' * j
        FROM ({ticket_rows(n)}) AS t CROSS JOIN generate_series(1, 2) AS j""",
    )


def prepare_sweep(url: str) -> None:
    """Every task active and every item open, due in hours, but SWEEP_DUE items past their
    warning time: the table the per-minute sweep faces at its worst."""
    _execute(
        url,
        f"""
        UPDATE engine_task AS t SET status = 'active', outcome = '', completed_at = NULL, paused_at = NULL,
            current_step_id = i.step_id, first_response_at = coalesce(t.first_response_at, t.created_at),
            target_resolution_at = now() + interval '8 hours', resolution_warn_at = now() + interval '6 hours'
        FROM engine_taskitem AS i WHERE i.task_id = t.id AND t.status <> 'active';
        UPDATE engine_taskitem SET status = 'assigned', acted_at = NULL, action_label = '',
            target_at = now() + interval '8 hours', warn_at = now() + interval '6 hours'
        WHERE status NOT IN ('assigned', 'in_progress', 'waiting');
        UPDATE engine_taskitem SET warn_at = now() - interval '1 minute' WHERE id <= {SWEEP_DUE};""",
    )
    _vacuum(url)


def _execute(url: str, sql: str) -> None:
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
    conn.close()


def _vacuum(url: str) -> None:
    conn = psycopg2.connect(url)
    conn.autocommit = True  # VACUUM refuses to run in a transaction
    with conn.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    conn.close()


def _scalar(url: str, sql: str):
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
        value = cursor.fetchall()
    conn.close()
    return value


# Run inside a service (manage.py shell -c), so they use its own code and settings.
SETUP_WORKFLOWS = """
import json
from django.core.management import call_command
from roles.services import role_sync_apply
from workflows.models import Workflow
for n, name in enumerate(["Ticket Coordinator", "IT Support", "Asset Manager", "Budget Manager"], 1):
    role_sync_apply(message={"action": "upsert", "role": {"id": n, "system": "tts", "name": name}, "version": 1})
call_command("seed_workflows", stdout=open("/dev/null", "w"))
from calendars.models import Calendar
from calendars.services import OFFICE, calendars_ensure_defaults
calendars_ensure_defaults()
# SLAs count working hours, as support teams run them: every list computes business time
Workflow.objects.update(calendar=Calendar.objects.get(name=OFFICE))
print(json.dumps([
    {"workflow": w.pk, "version": w.current_version.pk, "steps": w.current_version.definition["steps"]}
    for w in Workflow.objects.select_related("current_version").order_by("pk")
]))
"""
COUNT_QUERIES = """
import json, os
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
found = []
for label, path, token in json.loads(os.environ["BENCH_PROBES"]):
    client.cookies["access_token"] = token
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.content[:200])
    found.append([label, len(queries), len(response.json()["results"])])
print(json.dumps(found))
"""
PROFILE_REQUESTS = """
import cProfile, json, os, pstats, time
from django.db import connection
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
targets = json.loads(os.environ["BENCH_PROBES"])
# (file, function)s whose outermost calls are a part of the request; the rest is "other"
PARTS = {
    "serialising": [
        ("rest_framework/serializers.py", "data"),
        ("engine/task_list.py", "task_list_render"),
        ("tickets/serializers.py", "ticket_list_render"),
        ("tickets/serializers.py", "ticket_detail_render"),
    ],
    "filtering": [
        ("django_filters/rest_framework/backends.py", "filter_queryset"),
        ("engine/task_list.py", "task_query"),
        ("tickets/listing.py", "ticket_query"),
    ],
    "authentication": [("rest_framework/views.py", "perform_authentication")],
}
def run(n):
    for i in range(n):
        path, token = targets[i % len(targets)]
        client.cookies["access_token"] = token
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.content[:200])
def cumulative(stats, file, function):
    return max((v[3] for (f, _, name), v in stats.items() if f.endswith(file) and name == function), default=0.0)
N = 100
run(20)
sql = [0.0]
def timed(execute, *args):
    started = time.perf_counter()
    try:
        return execute(*args)
    finally:
        sql[0] += time.perf_counter() - started
started = time.perf_counter()
with connection.execute_wrapper(timed):
    run(N)
total = (time.perf_counter() - started) / N
profile = cProfile.Profile()
profile.enable()
run(N)
profile.disable()
stats = pstats.Stats(profile).stats
whole = cumulative(stats, "django/test/client.py", "get")
parts = {"SQL": sql[0] / N}
# the profiler slows Python down, so its parts are shares of the profiled whole, scaled
parts.update(
    {name: sum(cumulative(stats, *w) for w in where) / whole * total for name, where in PARTS.items()}
)
parts["other"] = max(0.0, total - sum(parts.values()))
print(json.dumps({"total": total, "parts": parts}))
"""
TIME_SWEEP = """
import json, time
from django.utils import timezone
from engine.sweeps import sla_sweep_due
started = time.perf_counter()
fired = sla_sweep_due(now=timezone.now())
due = time.perf_counter() - started
started = time.perf_counter()
sla_sweep_due(now=timezone.now())
print(json.dumps({"due": due, "fired": fired, "quiet": time.perf_counter() - started}))
"""


class Bench:
    def __init__(self, size: int, duration: int, workers: int):
        self.size = size
        self.duration = duration
        self.workers = workers
        label = f"{size // 1000}k" if size < 1_000_000 else f"{size // 1_000_000}m"
        self.urls = {s: f"postgres://postgres@127.0.0.1:5432/tts_bench_api_{s}_{label}" for s in SHORTS}
        self.jwt_key = secrets.token_urlsafe(48)
        env = {k: v for k, v in os.environ.items() if not k.endswith("_DATABASE_URL")}
        env.update(
            {
                "DJANGO_ENV": "production",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
                "JWT_SIGNING_KEY": self.jwt_key,
                "ALLOWED_HOSTS": "127.0.0.1",
                # DESIGN §3: benchmarks raise the integrators' limit rather than switch it off.
                "API_RATE": "10000000/min",
                "TTS_QUEUE_PREFIX": PREFIX,
                "REDIS_URL": "redis://127.0.0.1:6379/15",
                "LOG_LEVEL": "WARNING",
            }
        )
        env.update({BY_SHORT[s].database_url_var(): url for s, url in self.urls.items()})
        self.env = env
        self.processes: list[subprocess.Popen] = []
        self.service_urls: dict[str, str] = {}

    def manage(self, short: str, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=BY_SHORT[short].path,
            env=env or self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {args[0]} failed for {short}:\n{result.stderr[-3000:]}")
        return result.stdout

    def seed(self) -> dict[str, float]:
        started = time.monotonic()
        for url in self.urls.values():
            ensure_database(url, recreate=True)
        with ThreadPoolExecutor(3) as pool:
            list(pool.map(lambda s: self.manage(s, "migrate", "--noinput", "-v", "0"), SHORTS))
        development = {**self.env, "DJANGO_ENV": "development"}  # seed_workflows refuses production
        versions = json.loads(
            self.manage("workflow", "shell", "-c", SETUP_WORKFLOWS, env=development).splitlines()[-1]
        )
        seeded = time.monotonic()
        jobs = [
            (seed_tickets, self.urls["tickets"], self.size),
            (seed_workflow, self.urls["workflow"], self.size, versions),
            (seed_notifications, self.urls["notifications"], self.size),
        ]
        with ThreadPoolExecutor(3) as pool:  # one connection per database, in parallel
            for future in [pool.submit(job, *args) for job, *args in jobs]:
                future.result()
            list(pool.map(_vacuum, self.urls.values()))
        # the seeding's writes reach the disk now, not while the reads are measured
        _execute(self.urls["tickets"], "CHECKPOINT")
        os.sync()
        return {"migrate": seeded - started, "seed": time.monotonic() - seeded}

    def token(self, user_id: int, roles: list[str], department: str = "") -> str:
        from tts_common.jwt import KeyRing, encode

        now = int(time.time())
        claims = {
            "token_type": "access",
            "user_id": user_id,
            "email": f"user{user_id}@example.com",
            "name": f"User {user_id}",
            "roles": roles,
            "jti": uuid.uuid4().hex,
            "iat": now,
            "exp": now + 4 * 3600,
        }
        if department:
            claims["department"] = department
        return encode(claims, keys=KeyRing(self.jwt_key))

    def callers(self, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
        """Per endpoint, the (path, token) pairs the load generator draws from."""
        agents = {
            a: self.token(a, ["tts:IT Support"], DEPARTMENTS[(a - 1) % len(DEPARTMENTS)])
            for a in range(1, AGENTS + 1)
        }
        admin = self.token(ADMIN_ID, ["tts:Admin"])
        requesters = max(1000, self.size // 20)
        sample = rng.sample(range(1, self.size + 1), 2000)
        numbers = ", ".join(f"'BENCH-{i:07d}'" for i in sample)
        tickets = _scalar(
            self.urls["tickets"],
            f"SELECT number, requester_id FROM tickets_ticket WHERE number IN ({numbers})",
        )
        people = [(a, t) for a, t in agents.items()] + [
            (r, self.token(r, []))
            for r in rng.sample(range(FIRST_REQUESTER, FIRST_REQUESTER + requesters), 300)
        ]
        lists = []
        for _ in range(600):  # half agents, a quarter admins, a quarter requesters
            status = rng.choice(["open", "in_progress", "new"])
            who = rng.random()
            if who < 0.5:
                lists.append((f"/api/v1/tickets/?status={status}", agents[rng.randint(1, AGENTS)]))
            elif who < 0.75:
                lists.append((f"/api/v1/tickets/?status={status}", admin))
            else:
                lists.append(("/api/v1/tickets/?status=open", rng.choice(people[AGENTS:])[1]))
        own = {requester: self.token(int(requester), []) for _, requester in tickets}
        return {
            "ticket list (page 1, status filter)": ("tickets", lists),
            "ticket detail (requester)": (
                "tickets",
                [(f"/api/v1/tickets/{number}/", own[requester]) for number, requester in tickets],
            ),
            "my tasks (agent)": ("workflow", [("/api/v1/tasks/", t) for t in agents.values()]),
            "notifications unread count": (
                "notifications",
                [("/api/v1/notifications/unread-count/", t) for _, t in people],
            ),
        }

    def query_counts(self) -> list[tuple[str, int, int]]:
        agent = self.token(7, ["tts:IT Support"], DEPARTMENTS[(7 - 1) % len(DEPARTMENTS)])
        admin = self.token(ADMIN_ID, ["tts:Admin"])
        probes = {
            "tickets": [
                (f"ticket list, {who}, page_size={size}", f"/api/v1/tickets/?status=open&page_size={size}", t)
                for who, t in (("admin", admin), ("agent", agent))
                for size in PAGE_SIZES
            ],
            "workflow": [
                (f"my tasks, agent, page_size={size}", f"/api/v1/tasks/?page_size={size}", agent)
                for size in PAGE_SIZES
            ],
            "notifications": [
                (f"notifications, agent, page_size={size}", f"/api/v1/notifications/?page_size={size}", agent)
                for size in PAGE_SIZES
            ],
        }
        found = []
        for short, probe in probes.items():
            env = {**self.env, "BENCH_PROBES": json.dumps(probe)}
            found += json.loads(self.manage(short, "shell", "-c", COUNT_QUERIES, env=env).splitlines()[-1])
        return found

    def start(self, short: str) -> str:
        port = free_port()
        log = open(ROOT / "var" / f"bench-api-{short}.log", "w")  # noqa: SIM115 - closed with the process
        command = [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(self.workers),
            "--no-control-socket",
        ]
        self.processes.append(
            subprocess.Popen(
                command,
                cwd=BY_SHORT[short].path,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        url = f"http://127.0.0.1:{port}"
        wait_for(
            lambda: requests.get(f"{url}/health/{short}/", timeout=2).status_code == 200,
            timeout=60,
            what=f"{short} to be healthy",
        )
        return url

    def stop(self) -> None:
        stop_processes(self.processes)
        self.processes = []

    def drive(self, url: str, name: str, targets: list[tuple[str, str]], pin: str, workdir: Path) -> dict:
        # warm up: every gunicorn worker imports and connects before the clock runs
        with requests.Session() as session:
            for path, token in targets[:50]:
                response = session.get(url + path, cookies={"access_token": token}, timeout=10)
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: {response.status_code} {response.text[:300]}")
        targets_file = workdir / f"{name.split()[0]}.tsv"
        targets_file.write_text("".join(f"{path}\t{token}\n" for path, token in targets))
        command = [
            "wrk",
            "--threads",
            "1",
            "--connections",
            str(CONCURRENCY),
            "--duration",
            f"{self.duration}s",
            "--timeout",
            "10s",
            "--script",
            str(ROOT / "bench" / "api_wrk.lua"),
            url,
        ]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        result = subprocess.run(
            [*pin.split(), *command] if pin else command,
            env={**os.environ, "BENCH_TARGETS": str(targets_file)},
            check=True,
            capture_output=True,
            text=True,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / (
            time.monotonic() - started
        )
        found = json.loads(result.stdout.strip().splitlines()[-1])
        return {
            "p50": found["p50"],
            "p95": found["p95"],
            "p99": found["p99"],
            "rps": found["requests"] / found["seconds"],
            "requests": found["requests"],
            "failures": found["failures"],
            "load_cpu": load_cpu,
        }

    def profile(self, short: str, targets: list[tuple[str, str]]) -> dict:
        env = {**self.env, "BENCH_PROBES": json.dumps(targets)}
        return json.loads(self.manage(short, "shell", "-c", PROFILE_REQUESTS, env=env).splitlines()[-1])

    def sweep(self) -> dict:
        prepare_sweep(self.urls["workflow"])
        return json.loads(self.manage("workflow", "shell", "-c", TIME_SWEEP).splitlines()[-1])

    def drop(self) -> None:
        for url in self.urls.values():
            drop_database(url)


def pinning() -> tuple[str, str]:
    """The taskset prefix for the load generator, and how to say it. The load generator is
    held to one CPU; the servers, like PostgreSQL, may run on every CPU (in production they
    have the machine; pinning them to one CPU would measure half of it)."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return "", "one CPU only: load generator and servers share it (nothing pinned)"
    return (
        f"taskset -c {cpus[0]}",
        f"wrk pinned to CPU {cpus[0]} (taskset -c {cpus[0]}), so it never has more than one of the "
        f"{len(cpus)} CPUs; gunicorn and PostgreSQL unpinned (the load generator's own CPU use is printed)",
    )


def seed_size(bench: Bench) -> None:
    size = bench.size
    took = bench.seed()
    counts = dict(
        _scalar(
            bench.urls["tickets"],
            f"SELECT 'tickets', count(*) FROM tickets_ticket UNION ALL "
            f"SELECT 'open', count(*) FROM tickets_ticket WHERE status IN {OPEN}",
        )
    )
    notifications = _scalar(bench.urls["notifications"], "SELECT count(*) FROM notifications_notification")
    print(
        f"{size:,}: seeded in {took['seed']:.0f} s after {took['migrate']:.0f} s of migrations: "
        f"{counts['tickets']:,} tickets ({counts['open'] / counts['tickets']:.0%} open), as many tasks and "
        f"task items, {notifications[0][0]:,} notifications; {AGENTS} agents, "
        f"{max(1000, size // 20):,} requesters; VACUUM ANALYZE, CHECKPOINT and sync done"
    )


def measure(benches: list[Bench], load_pin: str) -> dict[int, dict]:
    """Each endpoint at every size in turn, so that the machine's speed, which drifts
    over minutes here, is the same for the sizes compared; then, per size, where a
    request's time goes, the queries per list request and the SLA sweep."""
    callers = {}
    for bench in benches:
        callers[bench.size] = bench.callers(random.Random(bench.size))
        for short in SHORTS:
            bench.service_urls[short] = bench.start(short)
    results: dict[int, dict] = {bench.size: {"endpoints": {}} for bench in benches}
    print(
        f"{'endpoint':38} {'tickets':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'req/s':>7} "
        f"{'requests':>9} {'errors':>6} {'wrk CPU':>8}"
    )
    with tempfile.TemporaryDirectory() as workdir:
        for name in callers[benches[0].size]:
            for bench in benches:
                short, targets = callers[bench.size][name]
                r = bench.drive(bench.service_urls[short], name, targets, load_pin, Path(workdir))
                results[bench.size]["endpoints"][name] = r
                print(
                    f"{name:38} {bench.size:9,} {r['p50']:7.0f} {r['p95']:7.0f} {r['p99']:7.0f} "
                    f"{r['rps']:7.1f} {r['requests']:9d} {r['failures']:6d} {r['load_cpu']:8.0%}"
                )
    for bench in benches:
        bench.stop()
    for bench in benches:
        print(f"\n== {bench.size:,} tickets")
        print(
            "where a request's time goes (in-process, one request at a time, 100 requests; ms per request):"
        )
        for name, (short, targets) in callers[bench.size].items():
            found = bench.profile(short, targets[:50])
            parts = ", ".join(f"{part} {ms * 1000:.1f}" for part, ms in found["parts"].items())
            print(f"  {name:38} {found['total'] * 1000:5.1f}: {parts}")
        queries = bench.query_counts()
        print("SQL queries per list request (page size → queries, rows):")
        for label, n, rows in queries:
            print(f"  {label:42} {n} queries, {rows} rows")
        sweep = bench.sweep()
        print(
            f"SLA sweep over {bench.size:,} open task items: {sweep['due'] * 1000:.0f} ms with {SWEEP_DUE} "
            f"warnings due (fired {sweep['fired']}), {sweep['quiet'] * 1000:.0f} ms for the next one (nothing due)"
        )
        results[bench.size].update({"queries": queries, "sweep": sweep})
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="ticket counts, comma-separated")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per endpoint")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per service")
    parser.add_argument("--keep", action="store_true", help="keep the databases (tts_bench_api_*)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    (ROOT / "var").mkdir(exist_ok=True)
    load_pin, how = pinning()
    print(
        f"wrk, {CONCURRENCY} connections, no think time, {args.duration} s per endpoint; "
        f"gunicorn (sync, {args.workers} workers per service) with DJANGO_ENV=production; callers send "
        f"the access_token cookie as the web UI does; {how}"
    )
    benches: list[Bench] = []
    try:
        for size in sizes:
            benches.append(Bench(size, args.duration, args.workers))
            seed_size(benches[-1])
        results = measure(benches, load_pin)
    finally:
        for bench in benches:
            bench.stop()
            if not args.keep:
                bench.drop()
        from tts_common.celery import delete_topology

        delete_topology(os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"), PREFIX)
    report(results)
    return 0


def report(results: dict[int, dict]) -> None:
    print("\n== targets (issue 12 item 2)")

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    small, large = results.get(100_000), results.get(1_000_000)
    if small:
        worst = max(small["endpoints"].items(), key=lambda kv: kv[1]["p95"])
        print(
            f"{verdict(worst[1]['p95'] < 50)} p95 under 50 ms at 100,000 tickets "
            f"(slowest: {worst[0]}, {worst[1]['p95']:.0f} ms)"
        )
    if small and large:
        for name, r in large["endpoints"].items():
            ratio = r["p95"] / max(small["endpoints"][name]["p95"], 1)
            print(f"{verdict(ratio <= 1.5)} p95 at 1M / 100k = {ratio:.2f} (≤ 1.5): {name}")
    for size, r in results.items():
        most = max(n for _, n, _ in r["queries"])
        print(f"{verdict(most <= 4)} at most 4 queries per list request at {size:,} (most: {most})")
        if size >= 1_000_000:
            print(f"{verdict(r['sweep']['due'] <= 10)} SLA sweep over {size:,} open items in 10 s or less")


if __name__ == "__main__":
    sys.exit(main())

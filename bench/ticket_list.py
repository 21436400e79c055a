"""Benchmark: the ticket list endpoint over a large table.

    .venv/bin/python bench/ticket_list.py [--count 100000] [--iterations 50]

Creates (once) a database ``tts_bench_ticket`` with COUNT seeded tickets, then times
GET /api/v1/tickets/ in-process for several callers and filters and prints, per case,
the latency percentiles, the number of SQL queries per request, and the index the plan
uses. Figures, not assertions: the tests assert query counts and index use.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "ticket_service"))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tts_bench_ticket")
os.environ["TICKET_DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TTS_QUEUE_PREFIX", "bench.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--iterations", type=int, default=50)
    args = parser.parse_args()

    from scripts.infra import ensure_database

    ensure_database(DATABASE_URL)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient
    from tickets.models import Ticket

    from tts_common.testing import _claims, sign

    call_command("migrate", verbosity=0)
    have = Ticket.objects.count()
    if have < args.count:
        call_command("seed_tickets", count=args.count - have, seed=have)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tickets_ticket")

    def client(**claims) -> APIClient:
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION=f"Bearer {sign(_claims(**claims))}")
        return c

    admin = client(user_id="1", roles=["tts:Admin"])
    requester = client(user_id="42", roles=[])
    agent = client(user_id="510", roles=["tts:IT Support"], department="HR")
    cases = [
        ("admin, newest first", admin, {}),
        ("admin, status=open", admin, {"status": "open"}),
        ("admin, priority=urgent, by urgency", admin, {"priority": "urgent", "ordering": "-priority"}),
        ("admin, department=Finance", admin, {"department": "Finance"}),
        ("admin, search=printer", admin, {"search": "printer"}),
        ("admin, page 200", admin, {"page": "200"}),
        ("requester, own tickets", requester, {}),
        ("agent, assigned or department", agent, {}),
    ]
    total = Ticket.objects.count()
    print(f"tickets in table: {total}; iterations per case: {args.iterations}")
    print(f"{'case':38} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for label, c, params in cases:
        timings = []
        for _ in range(args.iterations):
            started = time.perf_counter()
            response = c.get("/api/v1/tickets/", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
        with CaptureQueriesContext(connection) as queries:
            c.get("/api/v1/tickets/", params)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{label:38} {statistics.median(timings):8.1f} {p95:8.1f} {timings[-1]:8.1f} {len(queries):8d}")
        plan = [line for line in _explain(queries.captured_queries[-1]["sql"], connection) if "Scan" in line]
        print(f"{'':38}   plan: {plan[0].strip() if plan else '?'}")
    return 0


def _explain(sql: str, connection) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return [row[0] for row in cursor.fetchall()]


if __name__ == "__main__":
    sys.exit(main())

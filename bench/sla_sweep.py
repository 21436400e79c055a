"""Benchmark: the SLA sweep over many open task items.

    .venv/bin/python bench/sla_sweep.py [--items 100000] [--due 500]

Fills a database of its own (tts_bench_sla) with ITEMS open task items, DUE of them past
their warning time, then times the sweep: first with nothing due (the common minute),
then with the due ones (each fires a warning), as beat's task runs it: batch after
batch (``sla_sweep_due``). Prints the times and the query plans of the due-row lookups
(they should be index scans on the partial due-time indexes).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "workflow_api"))
DATABASE_URL = os.environ.get("BENCH_SLA_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tts_bench_sla")
os.environ.update(
    {"WORKFLOW_DATABASE_URL": DATABASE_URL, "TTS_QUEUE_PREFIX": "bench.sla.", "LOG_LEVEL": "WARNING"}
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=500)
    args = parser.parse_args()

    from scripts.infra import ensure_database

    ensure_database(DATABASE_URL, recreate=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from engine.models import Task, TaskItem
    from engine.sweeps import BATCH, _due_task_ids, sla_sweep_due
    from roles.services import role_sync_apply
    from tickets.models import WorkflowTicket
    from workflows.models import Workflow
    from workflows.services import workflow_graph_save, workflow_publish

    from tts_common.authentication import TokenUser

    call_command("migrate", verbosity=0)
    role_sync_apply(
        message={"action": "upsert", "role": {"id": 1, "system": "tts", "name": "Agents"}, "version": 1}
    )
    admin = TokenUser(id="bench", email="", name="bench", roles=["tts:Admin"])
    workflow = Workflow.objects.create(name="Bench", department="IT", category="Hardware")
    workflow_graph_save(
        workflow=workflow,
        nodes=[{"id": "a", "name": "Work", "role_id": 1, "is_start": True}],
        edges=[{"from": "a", "to": None, "label": "Done"}],
        actor=admin,
    )
    version = workflow_publish(workflow=workflow, actor=admin)
    step_id = version.definition["steps"][0]["id"]
    now = timezone.now()
    started = time.monotonic()
    batch = 10_000
    for offset in range(0, args.items, batch):
        size = min(batch, args.items - offset)
        tickets = WorkflowTicket.objects.bulk_create(
            [
                WorkflowTicket(
                    ticket_number=f"SLA-{offset + n:07d}",
                    subject="bench",
                    category="Hardware",
                    department="IT",
                    priority="medium",
                    status="open",
                    requester_id="1",
                    data={},
                )
                for n in range(size)
            ]
        )
        tasks = Task.objects.bulk_create(
            [
                Task(
                    ticket=t,
                    workflow=workflow,
                    version=version,
                    current_step_id=step_id,
                    path=[step_id],
                    resolution_target_minutes=480,
                    target_resolution_at=now + timedelta(hours=8),
                    resolution_warn_at=now + timedelta(hours=6),
                )
                for t in tickets
            ]
        )
        TaskItem.objects.bulk_create(
            [
                TaskItem(
                    task=task,
                    step_id=step_id,
                    step_name="Work",
                    role_id=1,
                    assignee_id=1000 + (offset + n) % 50,
                    assignee_email="agent@example.com",
                    status="assigned",
                    assigned_at=now,
                    budget_minutes=480,
                    target_at=now + timedelta(hours=8),
                    warn_at=now - timedelta(minutes=1) if offset + n < args.due else now + timedelta(hours=6),
                )
                for n, task in enumerate(tasks)
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE engine_task; ANALYZE engine_taskitem")
    print(f"seeded {args.items} open items ({args.due} due) in {time.monotonic() - started:.1f}s")

    quiet = now - timedelta(minutes=5)  # a minute when nothing is due
    t0 = time.perf_counter()
    sla_sweep_due(now=quiet)
    print(f"sweep with nothing due: {(time.perf_counter() - t0) * 1000:.1f} ms")
    t0 = time.perf_counter()
    fired = sla_sweep_due(now=now)
    print(
        f"sweep with {args.due} due ({-(-args.due // BATCH)} batches of at most {BATCH}): "
        f"{(time.perf_counter() - t0) * 1000:.1f} ms, fired {fired}"
    )
    t0 = time.perf_counter()
    sla_sweep_due(now=now)
    print(f"the next sweep (all fired already): {(time.perf_counter() - t0) * 1000:.1f} ms")
    with connection.cursor() as cursor:
        sql, params = (
            TaskItem.objects.filter(status__in=TaskItem.OPEN, task__status="active", warn_at__lte=now)
            .order_by("warn_at")
            .values_list("task_id", flat=True)[:500]
            .query.sql_with_params()
        )
        cursor.execute("EXPLAIN " + sql, params)
        plan = [row[0] for row in cursor.fetchall() if "Scan" in row[0]]
    print("due-items lookup plan:", "; ".join(p.strip() for p in plan))
    assert _due_task_ids(quiet) == []
    return 0


if __name__ == "__main__":
    sys.exit(main())

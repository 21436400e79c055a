"""Benchmark: ticket ingestion through RabbitMQ with the real workflow_api worker.

    .venv/bin/python bench/ingest.py [--count 2000] [--concurrency 2]

Uses its own database (tts_bench_workflow) and queue prefix, seeds a role replica and a
published workflow, starts a real Celery worker, publishes COUNT tickets to
TICKET_TASKS_PRODUCTION (plain AMQP, persistent) and waits until every ticket has its
task and first assignment. Prints tickets per second end to end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "workflow_api"))

DATABASE_URL = os.environ.get(
    "BENCH_WORKFLOW_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tts_bench_workflow"
)
PREFIX = f"bench.{uuid.uuid4().hex[:6]}."
os.environ.update({"WORKFLOW_DATABASE_URL": DATABASE_URL, "TTS_QUEUE_PREFIX": PREFIX, "LOG_LEVEL": "WARNING"})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def payload(n: int) -> dict:
    return {
        "schema_version": 1,
        "ticket_number": f"BENCH-{PREFIX[6:12]}-{n:07d}",
        "subject": f"Benchmark ticket {n}",
        "description": "",
        "category": "Hardware",
        "subcategory": "",
        "department": "IT",
        "priority": "medium",
        "status": "new",
        "requester": {"id": str(n % 500), "name": "Bench", "email": "bench@example.com"},
        "created_at": datetime.now(UTC).isoformat(),
        "attachments": [],
        "extra": {},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    from scripts.infra import ensure_database

    ensure_database(DATABASE_URL, recreate=True)
    import django

    django.setup()
    from django.core.management import call_command
    from engine.models import Task, TaskItem
    from kombu import Connection, Producer
    from roles.services import role_sync_apply, role_user_sync_apply
    from workflows.models import Workflow
    from workflows.services import workflow_graph_save, workflow_publish

    from tts_common.authentication import TokenUser
    from tts_common.celery import delete_topology

    call_command("migrate", verbosity=0)
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
    workflow = Workflow.objects.create(name="Bench", department="IT", category="Hardware")
    workflow_graph_save(
        workflow=workflow,
        nodes=[{"id": "a", "name": "Triage", "role_id": 2, "is_start": True}],
        edges=[{"from": "a", "to": None, "label": "Done"}],
        actor=admin,
    )
    workflow_publish(workflow=workflow, actor=admin)

    broker = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
    worker = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "config",
            "worker",
            "--concurrency",
            str(args.concurrency),
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
            "--hostname",
            f"bench-{PREFIX}@%h",
        ],
        cwd=ROOT / "workflow_api",
        env=os.environ.copy(),
    )
    try:
        time.sleep(6)  # the worker declares the queues and starts consuming
        started = time.monotonic()
        with Connection(broker) as conn:
            producer = Producer(conn.default_channel)
            for n in range(args.count):
                body = json.dumps(
                    [[payload(n)], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}]
                )
                producer.publish(
                    body,
                    exchange="",
                    routing_key=PREFIX + "TICKET_TASKS_PRODUCTION",
                    headers={"task": "tickets.tasks.receive_ticket", "id": str(uuid.uuid4()), "lang": "py"},
                    content_type="application/json",
                    content_encoding="utf-8",
                    delivery_mode=2,
                )
        published = time.monotonic() - started
        deadline = time.monotonic() + 600
        while Task.objects.count() < args.count and time.monotonic() < deadline:
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        done = Task.objects.count()
        assigned = TaskItem.objects.filter(status="assigned").count()
        print(f"tickets: {args.count}; worker concurrency: {args.concurrency}")
        print(f"published in {published:.1f}s ({args.count / published:.0f}/s)")
        print(
            f"ingested {done} tasks ({assigned} assigned) in {elapsed:.1f}s: {done / elapsed:.1f} tickets/s end to end"
        )
        return 0 if done == args.count else 1
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        delete_topology(broker, PREFIX)


if __name__ == "__main__":
    sys.exit(main())

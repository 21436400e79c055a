"""The pipeline the fault tests break: tickets published to TICKET_TASKS_PRODUCTION with
publisher confirms → workflow_api worker (snapshot, task, assignment, outbox rows) →
outbox relay (on commit, and beat's periodic sweep) → notification_service worker
(stores each notification) and ticket_service worker (applies the status).

``Pipeline.check()`` states what "nothing lost, nothing doubled" means, prints the counts
and asserts them exactly.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import psycopg2
from kombu import Connection, Producer

from e2e.harness import Stack, wait_for

INTAKE = "TICKET_TASKS_PRODUCTION"
RECEIVE = "tickets.tasks.receive_ticket"
SEND_NOTIFICATION = "notifications.tasks.send_notification"
SHORTS = ["workflow", "tickets", "notifications"]

# Two roles and a one-step workflow for IT/Hardware tickets, written straight into the
# role replica (no auth_service needed): every ticket gets a task, a coordinator, one
# assignment and so one "assignment" notification and one status message.
SEED = """
from roles.services import role_sync_apply, role_user_sync_apply
from tts_common.authentication import TokenUser
from workflows.models import Workflow
from workflows.services import workflow_graph_save, workflow_publish

for role_id, name, users in ((1, "Ticket Coordinator", range(1, 4)), (2, "IT Support", range(10, 20))):
    role_sync_apply(message={"action": "upsert", "role": {"id": role_id, "system": "tts", "name": name}, "version": 1})
    for user_id in users:
        role_user_sync_apply(message={"action": "upsert", "role_id": role_id, "version": 1, "user": {
            "id": user_id, "email": f"u{user_id}@example.com", "name": f"User {user_id}", "is_active": True}})
actor = TokenUser(id="faults", email="", name="faults", roles=["tts:Admin"])
workflow = Workflow.objects.create(name="Faults", department="IT", category="Hardware")
workflow_graph_save(workflow=workflow, actor=actor,
    nodes=[{"id": "a", "name": "Triage", "role_id": 2, "is_start": True}],
    edges=[{"from": "a", "to": None, "label": "Done"}])
workflow_publish(workflow=workflow, actor=actor)
"""


def size(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@dataclass
class Message:
    """One AMQP message for the intake queue; ``bad`` names how it is malformed (or "")."""

    id: str
    body: bytes
    headers: dict
    ticket_number: str = ""
    bad: str = ""


def ticket(number: str, **overrides) -> dict:
    return {
        "schema_version": 1,
        "ticket_number": number,
        "subject": f"Fault test {number}",
        "description": "",
        "category": "Hardware",
        "subcategory": "",
        "department": "IT",
        "priority": "medium",
        "status": "new",
        "requester": {"id": "7", "name": "Requester", "email": "requester@example.com"},
        "created_at": datetime.now(UTC).isoformat(),
        "attachments": [],
        "extra": {},
        **overrides,
    }


def task_message(payload, *, task: str = RECEIVE, number: str = "", bad: str = "") -> Message:
    """A Celery protocol-2 message as a plain AMQP producer writes it (docs/queue-producers.md)."""
    message_id = str(uuid.uuid4())
    body = json.dumps([[payload], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}])
    return Message(message_id, body.encode(), {"task": task, "id": message_id, "lang": "py"}, number, bad)


# Malformed or always-failing messages, each a different way a producer gets it wrong.
BAD_KINDS = {
    "not-json": lambda n: Message(
        (i := str(uuid.uuid4())),
        b"{not json " + n.encode(),
        {"task": RECEIVE, "id": i, "lang": "py"},
        bad="not-json",
    ),
    "invalid": lambda n: task_message(ticket(n, priority="whenever", requester={}), bad="invalid"),
    # valid by the schema, refused by PostgreSQL on every attempt (jsonb has no \u0000)
    "always-fails": lambda n: task_message(ticket(n, extra={"note": "nul \u0000 byte"}), bad="always-fails"),
    "unknown-task": lambda n: task_message(ticket(n), task="tickets.tasks.no_such_task", bad="unknown-task"),
}


def messages(count: int, *, bad_every: int = 0) -> list[Message]:
    """``count`` good tickets, and one malformed message after every ``bad_every`` good ones."""
    run = uuid.uuid4().hex[:6]
    found, kinds = [], list(BAD_KINDS)
    for n in range(count):
        number = f"FAULT-{run}-{n:05d}"
        found.append(task_message(ticket(number), number=number))
        if bad_every and (n + 1) % bad_every == 0:
            kind = kinds[len([m for m in found if m.bad]) % len(kinds)]
            found.append(BAD_KINDS[kind](f"BAD-{run}-{n:05d}"))
    return found


@dataclass
class Pipeline:
    stack: Stack
    broker_url: str
    workers: dict = field(default_factory=dict)
    published: list[Message] = field(default_factory=list)
    publish_retries: int = 0

    # ---------------------------------------------------------------- processes

    def start(self) -> None:
        for old in self.stack.log_path("x").parent.glob(f"{self.stack.name}-*.log"):  # an earlier run's
            old.unlink()
        self.stack.prepare(SHORTS)
        self.stack.manage("workflow", "shell", "-c", SEED)
        for short in SHORTS:
            # workflow's on solo: one process, so kill -9 leaves no orphaned pool child
            self.workers[short] = self.stack.start_worker(
                short, pool="solo" if short == "workflow" else "prefork"
            )
        self.stack.start_beat()
        # the workers declare the queues (and their dead-letter queues) when they are ready
        wait_for(lambda: self.queue_depth(INTAKE) == 0, timeout=60, what="the intake queue")

    def restart_worker(self, short: str, **kwargs) -> None:
        self.workers[short] = self.stack.start_worker(
            short, label=f"{short}-worker-{uuid.uuid4().hex[:4]}", **kwargs
        )

    def alive(self) -> bool:
        """The current worker of each service never exited (it reconnected by itself)."""
        return all(worker.poll() is None for worker in self.workers.values())

    # ---------------------------------------------------------------- publishing

    def publish(self, batch: list[Message], *, copies: int = 1) -> None:
        """Publish each message (``copies`` times) with publisher confirms; a message whose
        confirm did not come is published again after reconnecting, as a producer must."""
        queue = self.stack.prefix + INTAKE
        pending = [m for m in batch for _ in range(copies)]
        deadline = time.monotonic() + 300
        while pending:
            try:
                with Connection(self.broker_url, transport_options={"confirm_publish": True}) as conn:
                    producer = Producer(conn.default_channel)
                    while pending:
                        message = pending[0]
                        producer.publish(
                            message.body,
                            exchange="",
                            routing_key=queue,
                            headers=message.headers,
                            content_type="application/json",
                            content_encoding="utf-8",
                            delivery_mode=2,
                        )
                        self.published.append(pending.pop(0))  # confirmed by the broker
            except Exception:
                assert time.monotonic() < deadline, "the broker confirmed nothing for 5 minutes"
                self.publish_retries += 1
                time.sleep(1)

    # ---------------------------------------------------------------- observing

    def query(self, short: str, sql: str) -> list[tuple]:
        with (
            psycopg2.connect(self.stack.database_url(short), connect_timeout=3) as conn,
            conn.cursor() as cur,
        ):
            cur.execute(sql)
            return cur.fetchall()

    def count(self, short: str, sql: str) -> int:
        return self.query(short, sql)[0][0]

    def queue_depth(self, name: str) -> int:
        with Connection(self.broker_url, connect_timeout=3) as conn:
            return conn.default_channel.queue_declare(
                queue=self.stack.prefix + name, passive=True
            ).message_count

    def tasks(self) -> int:
        return self.count("workflow", "SELECT count(*) FROM engine_task")

    def wait_for_tasks(self, share: float, timeout: float = 300) -> None:
        """Until ``share`` of the confirmed tickets have their task (the fault comes in the middle)."""
        goal = int(len({m.ticket_number for m in self.published if not m.bad}) * share)
        wait_for(lambda: self.tasks() >= goal, timeout=timeout, interval=0.2, what=f"{goal} tasks")

    def outbox_pending(self) -> int:
        return sum(
            self.count(short, f"SELECT count(*) FROM {app}_outboxmessage WHERE published_at IS NULL")
            for short, app in (
                ("workflow", "tickets"),
                ("tickets", "tickets"),
                ("notifications", "notifications"),
            )
        )

    def queues_empty(self) -> bool:
        from tts_common import topology

        return all(
            self.queue_depth(q) == 0
            for q in [*topology.MESSAGE_QUEUES, *map(topology.maintenance_queue, SHORTS)]
        )

    def drained(self) -> bool:
        """Every confirmed ticket ingested, its messages delivered, nothing pending anywhere."""
        good = len({m.ticket_number for m in self.published if not m.bad})
        bad = len({m.id for m in self.published if m.bad})
        return (
            self.tasks() >= good
            and self.outbox_pending() == 0
            and self.count("notifications", "SELECT count(*) FROM notifications_notification")
            >= self.count(
                "workflow",
                f"SELECT count(*) FROM tickets_outboxmessage WHERE task_name = '{SEND_NOTIFICATION}'",
            )
            and self.count("tickets", "SELECT count(*) FROM tickets_ticketstatushistory") >= good
            and self.queue_depth(INTAKE + ".dlq") >= bad
            and self.queues_empty()
        )

    def wait_until_drained(self) -> None:
        good = len({m.ticket_number for m in self.published if not m.bad})
        wait_for(self.drained, timeout=240 + good / 5, interval=2, what="the queues to drain")
        time.sleep(5)  # anything still on its way (a late redelivery) would show up now
        wait_for(self.drained, timeout=120, interval=2, what="the queues to drain again")

    def dead_letters(self) -> list:
        """Take every message off every dead-letter queue."""
        from tts_common import topology

        found = []
        with Connection(self.broker_url) as conn:
            channel = conn.default_channel
            for queue in topology.declared_queues(self.stack.prefix):
                if queue.name.endswith(".dlq"):
                    while (message := channel.basic_get(queue.name, no_ack=True)) is not None:
                        found.append((queue.name.removeprefix(self.stack.prefix), message))
        return found

    def worker_logs(self, short: str) -> str:
        logs = sorted(self.stack.log_path("x").parent.glob(f"{self.stack.name}-{short}-worker*.log"))
        return "".join(path.read_text(errors="replace") for path in logs)

    # ---------------------------------------------------------------- the verdict

    def check(self, scenario: str) -> dict:
        good = {m.ticket_number for m in self.published if not m.bad}
        bad = {m.id: m.bad for m in self.published if m.bad}
        tickets = self.query("workflow", "SELECT ticket_number FROM tickets_workflowticket")
        tasks_per_ticket = dict(
            self.query(
                "workflow",
                "SELECT t.ticket_number, count(k.id) FROM tickets_workflowticket t "
                "LEFT JOIN engine_task k ON k.ticket_id = t.id GROUP BY t.ticket_number",
            )
        )
        items = self.query(
            "workflow",
            "SELECT count(*), count(*) FILTER (WHERE status = 'assigned' AND assignee_id IS NOT NULL) "
            "FROM engine_taskitem GROUP BY task_id",
        )
        outbox = dict(
            self.query("workflow", "SELECT task_name, count(*) FROM tickets_outboxmessage GROUP BY 1")
        )
        owed = {
            row[0]
            for row in self.query(
                "workflow",
                f"SELECT payload->>'event_id' FROM tickets_outboxmessage WHERE task_name = '{SEND_NOTIFICATION}'",
            )
        }
        stored = [
            str(row[0])
            for row in self.query("notifications", "SELECT event_id FROM notifications_notification")
        ]
        statuses = self.query(
            "tickets",
            "SELECT t.number, t.status, count(h.id) FROM tickets_ticket t "
            "LEFT JOIN tickets_ticketstatushistory h ON h.ticket_id = t.id GROUP BY t.id",
        )
        dead = self.dead_letters()
        logs = self.worker_logs("workflow")
        reasons = {message_id: _reason(logs, message_id) for message_id in bad}
        counts = {
            "published": len(self.published),
            "publish retries": self.publish_retries,
            "confirmed tickets": len(good),
            "malformed": len(bad),
            "snapshots": len(tickets),
            "tasks": sum(tasks_per_ticket.values()),
            "tickets without task": sum(1 for n in tasks_per_ticket.values() if n == 0),
            "duplicate tasks": sum(n - 1 for n in tasks_per_ticket.values() if n > 1),
            "assignments": sum(assigned for _, assigned in items),
            "status messages": outbox.get("tickets.tasks.update_ticket_status", 0),
            "notifications owed": len(owed),
            "notifications stored": len(stored),
            "tickets at ticket_service": len(statuses),
            "statuses applied": sum(n for _, _, n in statuses),
            "outbox pending": self.outbox_pending(),
            "dead-lettered": len(dead),
        }
        print(f"\n[{scenario}] " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
        for message_id, kind in sorted(bad.items(), key=lambda item: item[1]):
            print(f"[{scenario}] dead-lettered {kind} {message_id}: {reasons[message_id]}")
        for queue, message in dead:
            if message.headers.get("id") not in bad:
                print(
                    f"[{scenario}] unexpected dead letter in {queue}: {message.headers.get('task')} {_death(message)}"
                )

        # every confirmed ticket has exactly one snapshot, task and assignment
        assert _diff(good, [n for (n,) in tickets]) == _diff(good, good), "snapshots"
        assert {n: k for n, k in tasks_per_ticket.items() if k != 1} == {}, "tickets without exactly one task"
        assert items == [(1, 1)] * len(good), "tasks without exactly one assigned item"
        # its announcements were written once and each arrived exactly once
        assert outbox == {SEND_NOTIFICATION: len(good), "tickets.tasks.update_ticket_status": len(good)}
        assert _diff(owed, stored) == _diff(owed, owed), "notifications stored vs owed"
        assert _diff(good, [n for n, _, _ in statuses]) == _diff(good, good), "tickets at ticket_service"
        assert {(status, n) for _, status, n in statuses} <= {("open", 1)}, "statuses applied"
        assert counts["outbox pending"] == 0
        # the dead-letter queues hold exactly the malformed messages, each rejected once
        assert sorted((queue, m.headers.get("id"), _death(m)) for queue, m in dead) == sorted(
            (INTAKE + ".dlq", message_id, "rejected x1") for message_id in bad
        )
        assert all(reasons.values()), f"a dead-lettered message without its reason in the log: {reasons}"
        return counts


def _diff(expected, found) -> dict:
    """What is missing, what is extra and what is there more than once."""
    found = list(found)
    return {
        "missing": sorted(set(expected) - set(found))[:10],
        "extra": sorted(set(found) - set(expected))[:10],
        "duplicates": len(found) - len(set(found)),
    }


def _death(message) -> str:
    deaths = message.headers.get("x-death") or [{}]
    return f"{deaths[0].get('reason')} x{sum(d.get('count', 0) for d in deaths)}"


def _reason(logs: str, message_id: str) -> str:
    """Why the worker dead-lettered ``message_id``: the reason on its log line."""
    for line in logs.splitlines():
        if message_id in line and "dead-lettering" in line:
            try:
                return json.loads(line).get("reason", line)[:200]
            except ValueError:
                return line[:200]
    return ""

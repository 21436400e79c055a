"""Faults during ingestion (issue 12): nothing confirmed is lost, nothing is doubled, only
the malformed messages are dead-lettered, and the workers reconnect by themselves.

Sizes come from the environment: FAULT_TICKETS (default 400; `make faults` runs 5,000),
FAULT_CUT_SECONDS (network cut, default 15; 60 in `make faults`)."""

from __future__ import annotations

import random
import time

from e2e.faults.pipeline import messages, size
from e2e.harness import wait_for

TICKETS = size("FAULT_TICKETS", 400)
CUT_SECONDS = size("FAULT_CUT_SECONDS", 15)


def test_kill_the_workflow_worker_repeatedly(pipeline):
    # given tickets published in waves, so there is always work in flight when the worker dies
    # (a fast worker would otherwise drain one big publish before a second kill could land)
    batch = messages(TICKETS)
    waves = max(3, TICKETS // 400)
    per = -(-TICKETS // waves)

    # when the workflow worker is killed (SIGKILL) once during each wave, and restarted
    kills = 0
    for start in range(0, TICKETS, per):
        before = pipeline.tasks()
        pipeline.publish(batch[start : start + per])
        # once the (new) worker is consuming the wave, at a random moment
        wait_for(lambda before=before: pipeline.tasks() > before, timeout=120, what="progress")
        time.sleep(random.uniform(0, 0.3))
        pipeline.workers["workflow"].kill()
        pipeline.workers["workflow"].wait()
        kills += 1
        pipeline.restart_worker("workflow")

    # then each ticket was ingested once, however often its message was redelivered
    pipeline.wait_until_drained()
    print(f"workflow worker killed {kills} times")
    assert kills == waves
    pipeline.check("kill -9 worker")


def test_restart_rabbitmq_in_the_middle(pipeline, servers):
    _, _, rabbit = servers
    batch = messages(TICKETS)
    pipeline.publish(batch[: TICKETS // 2])
    pipeline.wait_for_tasks(0.3)

    # when the broker restarts (a clean stop: durable queues and persistent messages kept)
    rabbit.restart()
    pipeline.publish(batch[TICKETS // 2 :])

    # then the same worker processes carry on once they have reconnected by themselves
    pipeline.wait_until_drained()
    assert pipeline.alive()
    pipeline.check("restart RabbitMQ")


def test_restart_postgresql_in_the_middle(pipeline, servers):
    _, postgres, _ = servers
    pipeline.publish(messages(TICKETS))
    pipeline.wait_for_tasks(0.3)

    # when the database goes away as in a crash (immediate stop: recovery at start) for a while
    postgres.stop("immediate")
    time.sleep(5)
    postgres.start()

    pipeline.wait_until_drained()
    assert pipeline.alive()
    pipeline.check("restart PostgreSQL")


def test_every_message_published_twice(pipeline):
    # given a second workflow worker, so the two copies of a message are handled at the same time
    pipeline.restart_worker("workflow")

    # when every ticket is published twice, the copies one after the other
    pipeline.publish(messages(TICKETS), copies=2)

    pipeline.wait_until_drained()
    assert len(pipeline.published) == 2 * TICKETS
    pipeline.check("published twice")


def test_cut_the_workflow_workers_network(pipeline, servers):
    namespace, postgres, rabbit = servers
    # given the workflow worker in a network namespace, reaching both servers over a veth pair
    pipeline.workers["workflow"].terminate()
    pipeline.workers["workflow"].wait(timeout=30)
    env = dict(pipeline.stack.env, CELERY_BROKER_URL=rabbit.url.replace("127.0.0.1", namespace.host_ip))
    env["WORKFLOW_DATABASE_URL"] = pipeline.stack.database_url("workflow").replace(
        "127.0.0.1", namespace.host_ip
    )
    pipeline.restart_worker("workflow", wrap=namespace.wrap, env=env)
    pipeline.publish(messages(TICKETS))
    pipeline.wait_for_tasks(0.3)

    # when its link is cut in the middle of the ingestion, then restored
    namespace.cut()
    try:
        before = pipeline.tasks()
        time.sleep(CUT_SECONDS)
        assert pipeline.tasks() <= before + 1, "the worker was not cut off"
    finally:
        namespace.restore()

    # then the same worker reconnects by itself and finishes
    pipeline.wait_until_drained()
    assert pipeline.alive()
    pipeline.check("network cut")


def test_malformed_and_always_failing_messages_mixed_in(pipeline):
    # given 1% of the messages malformed (not JSON, against the schema, unknown task) or
    # valid but refused by the database every time
    batch = messages(TICKETS, bad_every=100)
    assert sum(1 for m in batch if m.bad) == TICKETS // 100

    pipeline.publish(batch)

    # then exactly those are dead-lettered, each once and with its reason, and nothing else is lost
    pipeline.wait_until_drained()
    assert pipeline.alive()
    pipeline.check("1% malformed")

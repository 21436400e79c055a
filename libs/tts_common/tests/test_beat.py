"""The periodic jobs beat sends never end in a dead-letter queue just for waiting."""

import time

from django.conf import settings

from tests.celery_app import app as kernel_app
from tts_common import beat, topology


def test_an_expiring_message_nobody_took_is_dead_lettered(broker):
    # given a task sent with ``expires`` to a queue nobody consumes (Celery makes it an AMQP TTL)
    queue = topology.maintenance_queue("workflow")
    kernel_app.send_task("tts.workflow.outbox_sweep", queue=settings.TTS_QUEUE_PREFIX + queue, expires=0.2)

    # when it expires, then RabbitMQ moves it to the dead-letter queue: why beat must not set it
    time.sleep(1)
    dead = broker.drain(queue + ".dlq")
    assert [m.headers["x-death"][0]["reason"] for m in dead] == ["expired"]


def test_beat_sends_its_jobs_without_an_expiry():
    # a sweep a stopped or busy worker missed must wait for it, not fill the maintenance DLQ
    schedule = beat.app.conf.beat_schedule
    assert {name: entry["options"].get("expires") for name, entry in schedule.items()} == dict.fromkeys(
        schedule
    )
    assert {entry["options"]["queue"].removeprefix(beat._prefix) for entry in schedule.values()} <= {
        topology.maintenance_queue(s) for s in topology.SERVICES
    }

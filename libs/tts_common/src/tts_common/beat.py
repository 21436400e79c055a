"""One Celery beat for the whole deployment: ``celery -A tts_common.beat beat``.

It needs no Django: it only sends task names to queues. Each service's worker consumes
its own maintenance queue and runs what lands there.
"""

from __future__ import annotations

from celery import Celery
from decouple import config

from tts_common import topology
from tts_common.celery import broker_config
from tts_common.settings import broker_settings

_url, _options = broker_settings()
_prefix = config("TTS_QUEUE_PREFIX", default="")
_interval = config("OUTBOX_SWEEP_INTERVAL_SECONDS", default=15, cast=float)

app = Celery("tts-beat", set_as_current=False)  # importing it never changes a service's current app
app.conf.update(
    broker_config(
        broker_url=_url,
        transport_options=_options,
        prefix=_prefix,
        default_queue=topology.maintenance_queue("workflow"),
    )
)
app.conf.beat_schedule = {
    f"outbox-sweep-{short}": {
        "task": topology.outbox_sweep_task(short),
        "schedule": _interval,
        # No ``expires``: Celery turns it into an AMQP TTL, and RabbitMQ dead-letters an
        # expired message, so every sweep a busy or stopped worker missed would sit in the
        # maintenance DLQ, which must hold poison messages only. Missed sweeps run late
        # instead; a sweep is cheap and idempotent.
        "options": {"queue": _prefix + topology.maintenance_queue(short)},
    }
    for short in topology.SERVICES
}
app.conf.beat_schedule["sla-sweep"] = {
    "task": "tts.workflow.sla_sweep",
    "schedule": config("SLA_SWEEP_INTERVAL_SECONDS", default=60, cast=float),
    "options": {"queue": _prefix + topology.maintenance_queue("workflow")},  # no expires: see above
}

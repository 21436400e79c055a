"""Shared fixtures of the kernel suite. ``make_token``, ``api_client`` and ``client_as``
come from the kernel's own pytest plugin (tts_common.testing, loaded by entry point)."""

from __future__ import annotations

import pytest
from django.conf import settings
from kombu import Queue
from kombu.message import Message

from tests.celery_app import app as kernel_celery_app
from tts_common import topology
from tts_common.celery import declare_topology

# Nothing listens on port 1: connecting is refused at once.
DEAD_BROKER_URL = "amqp://guest:guest@127.0.0.1:1//"


class Broker:
    """The run's prefixed queues on the real RabbitMQ."""

    def __init__(self, app):
        self.app = app
        self.prefix = settings.TTS_QUEUE_PREFIX

    def queue(self, name: str) -> Queue:
        """The declared queue for logical ``name`` (same arguments as the topology)."""
        return self.app.amqp.queues[self.prefix + name]

    def all_queues(self) -> list[Queue]:
        return topology.declared_queues(self.prefix)

    def drain(self, name: str) -> list[Message]:
        """Take every message now on queue ``name`` (acknowledged: they are gone after)."""
        messages = []
        with self.app.connection_for_write() as conn:
            queue = self.queue(name)(conn.default_channel)
            while (message := queue.get(no_ack=True)) is not None:
                messages.append(message)
        return messages

    def purge_all(self) -> None:
        with self.app.connection_for_write() as conn:
            for queue in self.all_queues():
                queue(conn.default_channel).purge()

    def delete_all(self) -> None:
        with self.app.connection_for_write() as conn:
            channel = conn.default_channel
            exchanges = {}
            for queue in self.all_queues():
                bound = queue(channel)
                bound.delete()
                exchanges[queue.exchange.name] = queue.exchange
            for exchange in exchanges.values():
                exchange(channel).delete()
            for name in (self.prefix + "celery.pidbox", "reply." + self.prefix + "celery.pidbox"):
                channel.exchange_delete(name)


def use_broker(app, url: str) -> None:
    """Point ``app`` at ``url`` and drop its pooled connections and producers."""
    app.conf.update(broker_url=url)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="session")
def celery_app():
    return kernel_celery_app


@pytest.fixture(scope="session")
def broker_topology(celery_app):
    """Declare this run's prefixed queues once; delete every one of them at the end."""
    broker = Broker(celery_app)
    assert broker.prefix.startswith("kerneltest."), "refusing to touch unprefixed queues"
    declare_topology(celery_app)
    yield broker
    broker.delete_all()


@pytest.fixture
def broker(broker_topology):
    """The prefixed queues, empty at the start of the test."""
    broker_topology.purge_all()
    return broker_topology


@pytest.fixture
def broker_down(celery_app, monkeypatch):
    """The Celery app publishes to a closed port until the test ends (or calls ``restore()``)."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    good = celery_app.conf.broker_url

    class Switch:
        @staticmethod
        def restore():
            use_broker(celery_app, good)

    use_broker(celery_app, DEAD_BROKER_URL)
    yield Switch
    use_broker(celery_app, good)

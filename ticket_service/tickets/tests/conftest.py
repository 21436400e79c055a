"""Fixtures of the ticket_service suite.

The kernel's pytest plugin gives every test run its own queue prefix (``test.<random>.``)
and deletes those queues at the end, so publishing here never reaches a deployment.
"""

import pytest
from django.conf import settings
from kombu import Connection

from tts_common import topology


@pytest.fixture(scope="session")
def isolated_queues():
    prefix = settings.TTS_QUEUE_PREFIX
    assert prefix.startswith("test."), "refusing to run against unprefixed queues"
    return prefix


@pytest.fixture
def intake_queue(isolated_queues):
    """The session's prefixed TICKET_TASKS_PRODUCTION queue, declared, empty, read with plain kombu."""
    name = isolated_queues + topology.TICKET_INTAKE
    queue = next(q for q in topology.declared_queues(isolated_queues) if q.name == name)
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=5) as conn:
        bound = queue(conn.default_channel)
        bound.declare()
        bound.purge()
        yield bound
        bound.purge()


@pytest.fixture
def requester(client_as):
    return client_as(user_id="101", email="rita@example.com", name="Rita Requester", roles=[])


@pytest.fixture
def other_requester(client_as):
    return client_as(user_id="202", email="sam@example.com", name="Sam Other", roles=[])


@pytest.fixture
def admin(client_as):
    return client_as(user_id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])


@pytest.fixture(autouse=True)
def _isolated_cache(isolated_cache):
    """The creation throttle counts in Redis; every test starts from zero."""
    return isolated_cache


@pytest.fixture
def agent(client_as):
    """An IT Support agent (not an admin); the department travels in the token's ``department`` claim."""
    return client_as(
        user_id="303", email="alex@example.com", name="Alex Agent", roles=["tts:IT Support"], department="IT"
    )


@pytest.fixture
def service(client_as):
    """workflow_api calling with a service token."""
    return client_as(user_id="workflow_api", email="", name="workflow_api", roles=["service:workflow"])


# Nothing listens on port 1: connecting is refused at once.
DEAD_BROKER_URL = "amqp://guest:guest@127.0.0.1:1//"


def _use_broker(app, url: str) -> None:
    """Point ``app`` at ``url`` and drop its pooled connections and producers."""
    app.conf.update(broker_url=url)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down(monkeypatch):
    """The service's Celery app publishes to a closed port until ``restore()`` or the test's end."""
    from config.celery import app

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    good = app.conf.broker_url

    class Switch:
        @staticmethod
        def restore():
            _use_broker(app, good)

    _use_broker(app, DEAD_BROKER_URL)
    yield Switch
    _use_broker(app, good)

"""Fixtures of the ticket_service suite.

The suite must never publish onto the deployment's real queues. ``TTS_QUEUE_PREFIX`` is
read when the settings load, and pytest-django loads them (building the Celery app)
before any conftest is imported, so setting the variable here would come too late.
Instead the session gets its own Celery app from the service's own factory with a unique
prefix, made current for the whole run: every declared queue and every route is then
prefixed, and a publish to an un-prefixed queue fails (``task_create_missing_queues``
is off). The prefixed queues are deleted when the session ends.
"""

import uuid

import pytest
from celery import current_app
from django.conf import settings
from django.test import override_settings
from kombu import Connection

from tts_common import topology
from tts_common.celery import make_celery

QUEUE_PREFIX = f"svctest.{uuid.uuid4().hex[:12]}."


@pytest.fixture(scope="session", autouse=True)
def isolated_queues():
    previous = current_app._get_current_object()
    with override_settings(TTS_QUEUE_PREFIX=QUEUE_PREFIX):
        app = make_celery("tickets")
        app.set_current()
        assert current_app.conf.task_default_queue.startswith(QUEUE_PREFIX)
        assert all(name.startswith(QUEUE_PREFIX) for name in current_app.amqp.queues)
        try:
            yield QUEUE_PREFIX
        finally:
            previous.set_current()
            app.close()
            _delete_queues(QUEUE_PREFIX)


def _delete_queues(prefix: str) -> None:
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=5) as conn:
        for queue in topology.declared_queues(prefix):
            channel = conn.channel()
            try:
                channel.queue_delete(queue.name)
                channel.exchange_delete(queue.exchange.name)
            finally:
                channel.close()


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

"""Private PostgreSQL and RabbitMQ for the whole session (started once, broken by the tests,
torn down at the end), and a fresh pipeline per test: its own databases and queue prefix."""

from __future__ import annotations

import os

import pytest

from e2e.faults.pipeline import SHORTS, Pipeline
from e2e.faults.servers import Namespace, Postgres, RabbitMQ
from e2e.harness import Stack


@pytest.fixture(scope="session")
def servers():
    """The namespace first: both servers also listen on its veth's host address."""
    namespace = Namespace()
    postgres = rabbit = None
    try:
        listen = ["127.0.0.1", namespace.host_ip]
        postgres = Postgres(listen=listen, trust=[namespace.subnet])
        postgres.start()
        rabbit = RabbitMQ(listen=listen)
        rabbit.start()
        yield namespace, postgres, rabbit
    finally:
        if rabbit:
            rabbit.close()
        if postgres:
            postgres.close()
        namespace.close()


@pytest.fixture
def pipeline(servers, request):
    namespace, postgres, rabbit = servers
    # a test that broke a server and failed must not leave it down for the next one
    if not postgres.running():
        postgres.start()
    if rabbit.process.poll() is not None:
        rabbit.start()
    stack = Stack.create(
        f"faults-{request.node.name[5:25]}", database_server=postgres.url, broker_url=rabbit.url
    )
    stack.env.update(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # the relay's safety net runs often, so a message left behind is found in seconds
            "OUTBOX_SWEEP_INTERVAL_SECONDS": "3",
            "OUTBOX_SWEEP_AFTER_SECONDS": "5",
        }
    )
    pipeline = Pipeline(stack=stack, broker_url=rabbit.url)
    try:
        pipeline.start()
        yield pipeline
    finally:
        if os.environ.get("E2E_KEEP"):
            stack.stop()
        else:
            stack.stop()
            try:
                stack.destroy(SHORTS)
            except Exception as exc:  # a server the test broke; the session teardown removes it anyway
                print(f"teardown: {exc}")

import os

import pytest

from e2e.harness import Client, Stack

# e2e/faults is a suite of its own (private servers, scripts/test.py "faults")
collect_ignore = ["faults"]

SHORTS = ["auth", "tickets", "workflow", "notifications", "messaging"]
WSGI = ["auth", "tickets", "workflow", "notifications"]


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """auth, ticket, workflow and notification web processes and their workers, on PostgreSQL and RabbitMQ."""
    stack = Stack.create("main")
    stack.env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    stack.env["EMAIL_FILE_PATH"] = str(tmp_path_factory.mktemp("mail"))
    try:
        stack.prepare(SHORTS)
        for short in WSGI:
            stack.start_web(short)
        stack.start_asgi("messaging")
        stack.start_worker("workflow")
        stack.start_worker("tickets")
        stack.start_worker("notifications")
        stack.start_worker("messaging")
        # The demo workflows need the seeded roles, which reach workflow_api by RabbitMQ.
        stack.manage("workflow", "seed_workflows", "--wait", "60")
        yield stack
    finally:
        if os.environ.get("E2E_KEEP"):  # keep databases and queues to inspect a failure
            stack.stop()
        else:
            stack.destroy(SHORTS)


@pytest.fixture(scope="session")
def client(stack):
    return Client(stack)


@pytest.fixture(scope="session")
def admin(client):
    return client.login("admin@example.com")

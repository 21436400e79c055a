import os

import pytest

from e2e.harness import Client, Stack

SHORTS = ["auth", "tickets", "workflow"]


@pytest.fixture(scope="session")
def stack():
    """auth, ticket and workflow web processes plus the workflow and ticket workers, on PostgreSQL and RabbitMQ."""
    stack = Stack.create("main")
    try:
        stack.prepare(SHORTS)
        for short in SHORTS:
            stack.start_web(short)
        stack.start_worker("workflow")
        stack.start_worker("tickets")
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

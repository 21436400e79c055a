"""Fixtures of the workflow designer's suite: roles in the replica, callers of each kind."""

from types import SimpleNamespace

import pytest
from roles.tests.factories import RoleFactory

from workflows.tests.factories import WorkflowFactory


@pytest.fixture
def roles(db):
    """Live roles the graph may name, and one auth_service has deleted."""
    return SimpleNamespace(
        coordinator=RoleFactory(id=10, name="Ticket Coordinator"),
        support=RoleFactory(id=11, name="IT Support"),
        supervisor=RoleFactory(id=12, name="Supervisor"),
        deleted=RoleFactory(id=13, name="Retired", is_deleted=True),
    )


@pytest.fixture
def draft(db):
    return WorkflowFactory(name="Draft", department="IT", category="Hardware")


@pytest.fixture
def admin(client_as):
    return client_as(user_id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])


@pytest.fixture
def agent(client_as):
    return client_as(user_id="7", email="alan@example.com", name="Alan Agent", roles=["tts:IT Support"])


@pytest.fixture
def requester(client_as):
    """Someone who files tickets but holds no tts role."""
    return client_as(user_id="9", email="rita@example.com", name="Rita Requester", roles=[])

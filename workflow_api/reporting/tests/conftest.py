"""The engine's cast (roles, agents, the "IT support" workflow) plus a second workflow,
the shared data set (see builders.py) and callers of each kind."""

import pytest
from engine.tests.conftest import client_for, holder, ingest, team, workflow  # noqa: F401 - fixtures
from workflows.tests.factories import single_step_graph, workflow_published

from reporting.tests.builders import dataset_build


@pytest.fixture
def access_workflow(team):  # noqa: F811 - the imported fixture
    nodes, edges = single_step_graph(team.support_role.id)
    return workflow_published(name="Access requests", department="HR", nodes=nodes, edges=edges)


@pytest.fixture
def dataset(team, workflow, access_workflow):  # noqa: F811
    return dataset_build(team, workflow, access_workflow)


@pytest.fixture
def coordinator(client_as):
    return client_as(user_id="100", email="cora@example.com", name="Cora", roles=["tts:Ticket Coordinator"])


@pytest.fixture
def admin(client_as):
    return client_as(user_id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])

"""Workflows for tests: a draft factory and a builder that saves a graph and publishes it
through the real services (validation included), as an admin would."""

from __future__ import annotations

import factory

from tts_common.authentication import TokenUser
from workflows.models import Workflow
from workflows.services import workflow_graph_save, workflow_publish

ADMIN_ACTOR = TokenUser(id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])


class WorkflowFactory(factory.django.DjangoModelFactory):
    """A draft workflow without steps."""

    class Meta:
        model = Workflow

    name = factory.Sequence(lambda n: f"Workflow {n}")
    # The defaults match TicketSnapshotPayloadFactory's tickets at the department + category level.
    department = "IT"
    category = "IT"
    subcategory = ""
    priority = ""


def node(node_id: str, name: str, role_id: int | None, **extra) -> dict:
    return {"id": node_id, "name": name, "role_id": role_id, **extra}


def edge(edge_id: str, source: str, target: str | None, label: str, **extra) -> dict:
    return {"id": edge_id, "from": source, "to": target, "label": label, **extra}


def graph_save(workflow: Workflow, nodes: list[dict], edges: list[dict]) -> Workflow:
    return workflow_graph_save(workflow=workflow, nodes=nodes, edges=edges, actor=ADMIN_ACTOR)


def workflow_published(*, nodes: list[dict], edges: list[dict], **fields) -> Workflow:
    """A workflow with this graph, published as version 1."""
    workflow = WorkflowFactory(**fields)
    graph_save(workflow, nodes, edges)
    workflow_publish(workflow=workflow, actor=ADMIN_ACTOR)
    workflow.refresh_from_db()
    return workflow


def single_step_graph(role_id: int) -> tuple[list[dict], list[dict]]:
    """One step that resolves the ticket."""
    return [node("s", "Handle", role_id, is_start=True)], [edge("e", "s", None, "Done")]


def step_named(workflow: Workflow, name: str):
    return workflow.steps.get(name=name)

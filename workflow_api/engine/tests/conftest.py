"""The engine's cast: a team whose roles come from the replica, a published two-step
workflow, and a way to ingest tickets as ``receive_ticket`` does.

Diagnose (IT Support, escalates to Supervisor) —Accept→ Approve (Supervisor) —Approve→ end
Diagnose —Reject→ end (rejected);  Approve —Send back→ Diagnose
"""

import pytest
from roles.models import Role, RoleUser
from roles.tests.factories import RoleFactory, RoleUserFactory
from tickets.models import WorkflowTicket
from tickets.tasks import receive_ticket
from tickets.tests.factories import TicketSnapshotPayloadFactory
from workflows.models import Workflow
from workflows.tests.factories import workflow_published

from engine.models import Task, TaskItem
from engine.tests.builders import Team, diagnose_approve_graph


@pytest.fixture
def team(db) -> Team:
    admin_role = RoleFactory(id=1, name="Admin")
    coordinator_role = RoleFactory(id=10, name="Ticket Coordinator")
    support_role = RoleFactory(id=11, name="IT Support")
    supervisor_role = RoleFactory(id=12, name="Supervisor")
    return Team(
        admin_role=admin_role,
        coordinator_role=coordinator_role,
        support_role=support_role,
        supervisor_role=supervisor_role,
        admin=RoleUserFactory(role=admin_role, user_id=1, email="ada@example.com", name="Ada Admin"),
        coordinators=[RoleUserFactory(role=coordinator_role, user_id=u) for u in (100, 101)],
        agents=[RoleUserFactory(role=support_role, user_id=u) for u in (200, 201, 202)],
        supervisors=[RoleUserFactory(role=supervisor_role, user_id=u) for u in (300, 301)],
    )


@pytest.fixture
def workflow(team) -> Workflow:
    nodes, edges = diagnose_approve_graph(team)
    return workflow_published(name="IT support", nodes=nodes, edges=edges)


@pytest.fixture
def ingest():
    """``ingest(**payload_fields)`` delivers a ticket as the worker would and returns its snapshot."""

    def _ingest(**fields) -> WorkflowTicket:
        payload = TicketSnapshotPayloadFactory(**fields)
        receive_ticket.apply(args=[payload], throw=True)
        return WorkflowTicket.objects.get(ticket_number=payload["ticket_number"])

    return _ingest


@pytest.fixture
def task(workflow, ingest) -> Task:
    """A task at Diagnose, assigned to an IT Support agent."""
    return Task.objects.get(ticket=ingest())


@pytest.fixture
def client_for(client_as):
    """``client_for(member)``: an API client for a replica member, with their role in the token."""

    def _client(member: RoleUser, *extra_roles: str):
        role = Role.objects.get(pk=member.role_id)
        return client_as(
            user_id=str(member.user_id),
            email=member.email,
            name=member.name,
            roles=[f"tts:{role.name}", *extra_roles],
        )

    return _client


@pytest.fixture
def admin_client(client_as):
    return client_as(user_id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])


@pytest.fixture
def holder(client_for):
    """``holder(task)`` → (the open item of the current step, a client for its assignee)."""

    def _holder(task: Task):
        item = task.items.get(status__in=TaskItem.OPEN, step_id=task.current_step_id)
        member = RoleUser.objects.get(role_id=item.role_id, user_id=item.assignee_id)
        return item, client_for(member)

    return _holder

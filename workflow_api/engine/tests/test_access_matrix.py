"""Who may call what on workflow_api: every endpoint × every kind of caller
(tts_common.access_matrix).

The cast: the agent (IT Support) holds the current step of a running task; the other
agent holds the same role but has never been involved (a task they cannot see is 404);
the requester holds no tts role. Workflows are read by role holders and services, changed
by admins; calendars, the audit log, ticket snapshots and the waiting queue are the
admins'; reports are for admins and ticket coordinators. Acting on a task is for whoever
holds its current step, or an admin; a service sees every task but acts on none. A refused
request changes nothing.
"""

import pytest
from calendars.services import calendar_save
from roles.tests.factories import RoleFactory, RoleUserFactory
from tickets.tests.factories import WorkflowTicketFactory
from workflows.graph import graph_of
from workflows.tests.factories import ADMIN_ACTOR, WorkflowFactory, edge, node, workflow_published

from engine import services
from engine.models import Task
from tts_common.access_matrix import (
    ADMIN_ID,
    AGENT_ID,
    OTHER_AGENT_ID,
    REQUESTER_ID,
    AccessMatrix,
    Expect,
    World,
)

pytestmark = pytest.mark.django_db

WORKFLOW = "/api/v1/workflows/{workflow}/"
STEP = "/api/v1/steps/{step}/"
TRANSITION = "/api/v1/transitions/{transition}/"
CALENDAR = "/api/v1/calendars/{calendar}/"
TASK = "/api/v1/tasks/{task}/"
TICKET = "/api/v1/workflow-tickets/{parked}/"
PARK = {"workflow": "{workflow}", "from_step": "{step}", "label": "Park"}
WEEK = [{"weekday": day, "start": "09:00", "end": "17:00"} for day in range(5)]

# anonymous, requester, agent, other agent, admin, service
ADMINS = (401, 403, 403, 403, 200, 403)
READERS = (401, 403, 200, 200, 200, 200)  # tts role holders and services
EVERYONE = (401, 200, 200, 200, 200, 200)
TASK_READERS = (401, 404, 200, 404, 200, 200)  # the holder, admins, services
TASK_ACTORS = (401, 404, 200, 404, 200, 403)  # the holder and admins

MATRIX = AccessMatrix(
    {
        # --- the workflow designer
        ("GET", "/api/v1/workflows/"): READERS,
        ("POST", "/api/v1/workflows/"): Expect(
            401, 403, 403, 403, 201, 403, body={"name": "Network", "department": "IT", "category": "Network"}
        ),
        ("GET", WORKFLOW): READERS,
        ("PUT", WORKFLOW): Expect(
            *ADMINS, body={"name": "IT support", "department": "IT", "category": "IT", "subcategory": ""}
        ),
        ("PATCH", WORKFLOW): Expect(*ADMINS, body={"description": "Hardware and accounts."}),
        ("DELETE", "/api/v1/workflows/{draft}/"): Expect(401, 403, 403, 403, 204, 403),
        ("GET", WORKFLOW + "graph/"): READERS,
        ("PUT", WORKFLOW + "graph/"): Expect(*ADMINS, body=lambda ids: ids["graph"]),
        ("POST", WORKFLOW + "publish/"): Expect(401, 403, 403, 403, 201, 403),
        ("POST", WORKFLOW + "archive/"): ADMINS,
        ("GET", WORKFLOW + "versions/"): READERS,
        ("GET", "/api/v1/steps/"): READERS,
        ("POST", "/api/v1/steps/"): Expect(
            401, 403, 403, 403, 201, 403, body={"workflow": "{workflow}", "name": "Review", "role_id": 12}
        ),
        ("GET", STEP): READERS,
        ("PUT", STEP): Expect(*ADMINS, body={"workflow": "{workflow}", "name": "Diagnose", "role_id": 11}),
        ("PATCH", STEP): Expect(*ADMINS, body={"instructions": "Ask for the asset tag."}),
        ("DELETE", STEP): Expect(401, 403, 403, 403, 204, 403),
        ("GET", "/api/v1/transitions/"): READERS,
        ("POST", "/api/v1/transitions/"): Expect(401, 403, 403, 403, 201, 403, body=PARK),
        ("GET", TRANSITION): READERS,
        ("PUT", TRANSITION): Expect(
            *ADMINS, body={"workflow": "{workflow}", "from_step": "{step}", "label": "Refuse"}
        ),
        ("PATCH", TRANSITION): Expect(*ADMINS, body={"label": "Refuse"}),
        ("DELETE", TRANSITION): Expect(401, 403, 403, 403, 204, 403),
        # --- business calendars
        ("GET", "/api/v1/calendars/"): ADMINS,
        ("POST", "/api/v1/calendars/"): Expect(
            401, 403, 403, 403, 201, 403, body={"name": "Night shift", "time_zone": "UTC", "intervals": WEEK}
        ),
        ("GET", CALENDAR): ADMINS,
        ("PUT", CALENDAR): Expect(*ADMINS, body={"name": "Office", "time_zone": "UTC", "intervals": WEEK}),
        ("PATCH", CALENDAR): Expect(*ADMINS, body={"name": "Head office"}),
        ("DELETE", CALENDAR): Expect(401, 403, 403, 403, 204, 403),
        ("GET", CALENDAR + "preview/?minutes=60"): ADMINS,
        # --- tickets as received, the admins' queue, the audit log, reports
        ("GET", "/api/v1/workflow-tickets/"): ADMINS,
        ("GET", TICKET): ADMINS,
        ("POST", TICKET + "assign-workflow/"): Expect(
            401, 403, 403, 403, 201, 403, body={"workflow_id": "{workflow}"}
        ),
        ("GET", "/api/v1/tasks/unassigned/"): ADMINS,
        ("GET", "/api/v1/audit/"): ADMINS,
        ("GET", "/api/v1/reports/summary/"): ADMINS,
        ("GET", "/api/v1/reports/sla/"): ADMINS,
        ("GET", "/api/v1/reports/agents/"): ADMINS,
        ("GET", "/api/v1/reports/steps/"): ADMINS,
        ("GET", "/api/v1/reports/volume/"): ADMINS,
        # --- tasks: the list shows each caller their own; a person sets their availability
        ("GET", "/api/v1/tasks/"): EVERYONE,
        ("GET", "/api/v1/tasks/?scope=all"): Expect(401, 403, 403, 403, 200, 403),
        ("GET", "/api/v1/tasks/availability/"): Expect(401, 200, 200, 200, 200, 403),
        ("PUT", "/api/v1/tasks/availability/"): Expect(
            401, 200, 200, 200, 200, 403, body={"is_available": True}
        ),
        ("GET", TASK): TASK_READERS,
        # a service sees the task; only the holder and admins get its actions
        ("GET", TASK + "available-actions/"): TASK_READERS,
        ("POST", TASK + "action/"): Expect(*TASK_ACTORS, body={"action_id": "{accept}", "comment": "On it."}),
        ("POST", TASK + "start/"): TASK_ACTORS,
        ("POST", TASK + "transfer/"): Expect(
            *TASK_ACTORS, body={"user_id": int(OTHER_AGENT_ID), "reason": "Holiday."}
        ),
        ("GET", TASK + "transfer-candidates/"): TASK_ACTORS,
        ("POST", TASK + "escalate/"): Expect(*TASK_ACTORS, body={"reason": "Needs a supervisor."}),
        ("POST", TASK + "hold/"): Expect(*TASK_ACTORS, body={"reason": "Waiting for a part."}),
        ("POST", "/api/v1/tasks/{held}/resume/"): Expect(*TASK_ACTORS, body={"reason": "The part came."}),
        ("POST", TASK + "assign/"): Expect(
            401, 403, 403, 403, 200, 403, body={"user_id": int(OTHER_AGENT_ID)}
        ),
    }
)


@pytest.fixture
def world(ingest) -> World:
    # given the replica's roles: the agent is the only IT Support member when tickets arrive
    admin = RoleFactory(id=1, name="Admin")
    coordinator = RoleFactory(id=10, name="Ticket Coordinator")
    support = RoleFactory(id=11, name="IT Support")
    supervisor = RoleFactory(id=12, name="Supervisor")
    RoleUserFactory(role=admin, user_id=int(ADMIN_ID), email="ada@example.com", name="Ada Admin")
    RoleUserFactory(role=coordinator, user_id=100)
    RoleUserFactory(role=supervisor, user_id=300)
    RoleUserFactory(role=support, user_id=int(AGENT_ID), email="alex@example.com", name="Alex Agent")
    workflow = workflow_published(
        name="IT support",
        nodes=[
            node("d", "Diagnose", support.id, is_start=True, escalate_to_role_id=supervisor.id),
            node("a", "Approve", supervisor.id),
        ],
        edges=[
            edge("accept", "d", "a", "Accept"),
            edge("reject", "d", None, "Reject", end_status="rejected"),
            edge("approve", "a", None, "Approve", end_status="resolved"),
        ],
    )
    requester = {"id": REQUESTER_ID, "name": "Rita Requester", "email": "rita@example.com"}
    task = Task.objects.get(ticket=ingest(requester=requester))
    held = Task.objects.get(ticket=ingest(requester=requester))
    services.task_hold(task_id=held.pk, actor=ADMIN_ACTOR, reason="Waiting for the requester.")
    # and the other agent joins the role afterwards: same role, never involved
    RoleUserFactory(role=support, user_id=int(OTHER_AGENT_ID), email="olga@example.com", name="Olga Other")
    parked = WorkflowTicketFactory(department="Facilities", category="Furniture")
    calendar = calendar_save(
        calendar=None,
        name="Office",
        time_zone="UTC",
        intervals=[{"weekday": d, "start_minute": 540, "end_minute": 1020} for d in range(5)],
        holidays=[],
    )
    accept = next(a["id"] for a in services.available_actions(task=task) if a["label"] == "Accept")
    start = workflow.steps.get(name="Diagnose")
    return World(
        ids={
            "workflow": workflow.pk,
            "draft": WorkflowFactory(name="Draft").pk,
            "graph": graph_of(workflow),
            "step": start.pk,
            "transition": workflow.transitions.get(label="Reject").pk,
            "calendar": calendar.pk,
            "parked": parked.ticket_number,
            "task": task.pk,
            "held": held.pk,
            "accept": accept,
        }
    )


@pytest.mark.parametrize("endpoint", MATRIX.endpoints(), ids=str)
def test_who_may_call_what(check_access, world, endpoint):
    check_access(MATRIX, endpoint, world)


def test_every_endpoint_has_a_row(world):
    MATRIX.assert_complete(world)

"""Schemathesis against workflow_api's own schema, as every role (tts_common.fuzzing).

The seed is the engine's cast (conftest.py): a published two-step workflow and a task on
it; the ``agent`` role is the task's assignee, so actions on it can succeed."""

import pytest
from calendars.models import Calendar
from roles.models import RoleUser

from engine.models import TaskItem
from tts_common import fuzzing

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(task, workflow):
    item = task.items.get(status__in=TaskItem.OPEN, step_id=task.current_step_id)
    assignee = RoleUser.objects.get(role_id=item.role_id, user_id=item.assignee_id)
    steps = list(workflow.steps.values_list("id", flat=True))
    transitions = list(workflow.transitions.values_list("id", flat=True))
    return {
        "claims": {
            "agent": {"user_id": str(assignee.user_id), "email": assignee.email, "name": assignee.name}
        },
        "known": {
            "id": [workflow.id, *steps, *transitions, Calendar.objects.order_by("id").first().id],
            "task_id": [task.id],
            "ticket_number": [task.ticket.ticket_number],
        },
    }


@pytest.mark.parametrize("operation", fuzzing.operations("workflow"))
@pytest.mark.parametrize("role", fuzzing.ROLES)
def test_fuzz(fuzz, seeded, role, operation):
    fuzz(role, operation, known=seeded["known"], claims=seeded["claims"].get(role))

"""A ticket no workflow matches is parked for admins (who are told), listed in
GET /api/v1/tasks/unassigned/, and started on a chosen workflow through
POST /api/v1/workflow-tickets/{number}/assign-workflow/."""

import pytest
from audit.models import AuditLog
from tickets.models import WorkflowTicket
from tickets.tasks import receive_ticket
from tickets.tests.factories import TicketSnapshotPayloadFactory
from workflows.tests.factories import WorkflowFactory

from engine.models import Task
from engine.tests.builders import NOTIFY, STATUS, outbox
from tts_common.messages import NotificationSchema, parse

pytestmark = pytest.mark.django_db

UNASSIGNED = "/api/v1/tasks/unassigned/"


def assign_url(ticket) -> str:
    return f"/api/v1/workflow-tickets/{ticket.ticket_number}/assign-workflow/"


@pytest.fixture
def parked(workflow, team, ingest) -> WorkflowTicket:
    """A ticket of a department no workflow serves (and no default exists)."""
    return ingest(department="Legal", category="Contracts")


def test_a_ticket_nothing_matches_is_parked_without_a_task(parked):
    assert not Task.objects.filter(ticket=parked).exists()
    assert "No workflow matches" in parked.unassigned_reason


def test_admins_are_told_about_a_parked_ticket(parked, team):
    [payload] = outbox(NOTIFY)
    message = parse(NotificationSchema, payload)
    assert message["type"] == "unassigned"
    assert message["recipient"] == {"user_id": "1", "email": team.admin.email}
    assert parked.ticket_number in message["title"]


def test_only_active_admins_are_told(workflow, team, ingest):
    # given a second admin whose grant was revoked and a third whose account is disabled
    from roles.tests.factories import RoleUserFactory

    RoleUserFactory(role=team.admin_role, user_id=2, is_active=False)
    RoleUserFactory(role=team.admin_role, user_id=3, user_is_active=False)
    RoleUserFactory(role=team.admin_role, user_id=4)

    # when
    ingest(department="Legal", category="Contracts")

    # then
    assert sorted(p["recipient"]["user_id"] for p in outbox(NOTIFY)) == ["1", "4"]


def test_ticket_service_hears_the_ticket_is_still_new(parked):
    [payload] = outbox(STATUS)
    assert (payload["status"], payload["assignee"]) == ("new", None)


def test_a_redelivered_parked_ticket_tells_nobody_twice(workflow, team):
    payload = TicketSnapshotPayloadFactory(department="Legal", category="Contracts")
    receive_ticket.apply(args=[payload], throw=True)

    receive_ticket.apply(args=[payload], throw=True)

    assert len(outbox(NOTIFY)) == 1
    assert len(outbox(STATUS)) == 1


def test_a_corrected_snapshot_of_a_parked_ticket_starts_its_task(workflow, team):
    # given
    payload = TicketSnapshotPayloadFactory(department="Legal", category="Contracts")
    receive_ticket.apply(args=[payload], throw=True)

    # when the producer republishes it with the right department and category
    receive_ticket.apply(args=[{**payload, "department": "IT", "category": "IT"}], throw=True)

    # then
    ticket = WorkflowTicket.objects.get()
    assert Task.objects.get(ticket=ticket).workflow == workflow
    assert ticket.unassigned_reason == ""


def test_an_admin_sees_parked_tickets_and_waiting_steps(parked, admin_client):
    response = admin_client.get(UNASSIGNED)

    assert response.status_code == 200
    assert [t["ticket_number"] for t in response.json()["tickets"]] == [parked.ticket_number]
    assert response.json()["waiting"] == []


def test_a_ticket_with_a_task_is_not_listed_as_unassigned(workflow, team, ingest, admin_client):
    ingest()

    assert admin_client.get(UNASSIGNED).json()["tickets"] == []


def test_an_agent_may_not_see_the_unassigned_queue(parked, client_for, team):
    response = client_for(team.agents[0]).get(UNASSIGNED)

    assert response.status_code == 403


def test_an_admin_starts_a_parked_ticket_on_a_chosen_workflow(parked, workflow, admin_client):
    # when
    response = admin_client.post(assign_url(parked), {"workflow_id": workflow.pk}, format="json")

    # then
    assert response.status_code == 201, response.content
    task = Task.objects.get(ticket=parked)
    assert response.json()["id"] == task.pk
    assert response.json()["workflow"] == {"id": workflow.pk, "name": workflow.name, "version": 1}
    assert task.items.get().status == "assigned"
    parked.refresh_from_db()
    assert parked.unassigned_reason == ""
    assert admin_client.get(UNASSIGNED).json()["tickets"] == []
    entry = AuditLog.objects.get(action="task.workflow_assigned")
    assert (entry.actor_id, entry.object_id) == ("1", str(task.pk))


def test_assigning_a_workflow_to_a_ticket_that_has_a_task_is_409(workflow, team, ingest, admin_client):
    ticket = ingest()

    response = admin_client.post(assign_url(ticket), {"workflow_id": workflow.pk}, format="json")

    assert response.status_code == 409
    assert Task.objects.filter(ticket=ticket).count() == 1


def test_a_draft_workflow_cannot_run_a_ticket(parked, admin_client):
    draft = WorkflowFactory(name="Unfinished")

    response = admin_client.post(assign_url(parked), {"workflow_id": draft.pk}, format="json")

    assert response.status_code == 400
    assert "workflow_id" in response.json()
    assert not Task.objects.exists()


@pytest.mark.parametrize("body", [{"workflow_id": 999_999}, {"workflow_id": "x"}, {}])
def test_an_unknown_or_missing_workflow_is_400(parked, admin_client, body):
    response = admin_client.post(assign_url(parked), body, format="json")

    assert response.status_code == 400
    assert "workflow_id" in response.json()


def test_an_unknown_ticket_is_404(workflow, admin_client):
    response = admin_client.post(
        "/api/v1/workflow-tickets/TKT-0000-404404/assign-workflow/",
        {"workflow_id": workflow.pk},
        format="json",
    )

    assert response.status_code == 404


def test_an_agent_may_not_assign_a_workflow(parked, workflow, client_for, team):
    response = client_for(team.agents[0]).post(
        assign_url(parked), {"workflow_id": workflow.pk}, format="json"
    )

    assert response.status_code == 403
    assert not Task.objects.exists()

"""Changing a ticket through the API: the requester edits subject and description while
the ticket is new; admins correct the routing fields; status only ever comes from the
workflow. Admins soft delete and push to the workflow. Someone who cannot see the ticket
gets 404; someone who can but may not act gets 403. Each change republishes the snapshot."""

import pytest

from tickets.models import OutboxMessage, Ticket
from tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def url(ticket, suffix: str = "") -> str:
    return f"{TICKETS}{ticket.id}/{suffix}"


@pytest.fixture
def ticket():
    """Rita's new ticket in the IT department."""
    return TicketFactory(requester_id="101", department="IT", subject="Printer jam", priority="low")


def test_the_requester_edits_subject_and_description_while_new(requester, ticket):
    # when
    response = requester.patch(
        url(ticket), {"subject": "Printer jam on floor 3", "description": "Tray 2"}, format="json"
    )

    # then
    assert response.status_code == 200
    assert (response.data["subject"], response.data["description"]) == ("Printer jam on floor 3", "Tray 2")
    ticket.refresh_from_db()
    assert ticket.subject == "Printer jam on floor 3"

    # and the workflow hears of it: a new receive_ticket row with the new snapshot
    row = OutboxMessage.objects.get()
    assert row.task_name == "tickets.tasks.receive_ticket"
    assert (row.payload["ticket_number"], row.payload["subject"]) == (ticket.number, "Printer jam on floor 3")


def test_put_behaves_like_patch(requester, ticket):
    response = requester.put(url(ticket), {"description": "More detail"}, format="json")

    assert response.status_code == 200
    assert response.data["description"] == "More detail"
    assert response.data["subject"] == "Printer jam"


def test_an_edit_that_changes_nothing_publishes_nothing(requester, ticket):
    response = requester.patch(url(ticket), {"subject": "Printer jam"}, format="json")

    assert response.status_code == 200
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("category", "Network"), ("priority", "urgent"), ("department", "Finance"), ("tags", ["vip"])],
)
def test_the_requester_may_not_change_other_fields(requester, ticket, field, value):
    # when
    response = requester.patch(url(ticket), {"subject": "also this", field: value}, format="json")

    # then nothing changes, the refused field is named
    assert response.status_code == 400
    assert list(response.data) == [field]
    ticket.refresh_from_db()
    assert ticket.subject == "Printer jam"
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("status", ["open", "in_progress", "resolved", "closed"])
def test_the_requester_may_not_edit_once_the_ticket_left_new(requester, status):
    ticket = TicketFactory(requester_id="101", status=status)

    response = requester.patch(url(ticket), {"subject": "too late"}, format="json")

    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.subject != "too late"


@pytest.mark.parametrize("viewer", ["requester", "admin"])
def test_status_in_the_body_is_400_saying_it_comes_from_the_workflow(request, ticket, viewer):
    response = request.getfixturevalue(viewer).patch(url(ticket), {"status": "closed"}, format="json")

    assert response.status_code == 400
    assert response.data == {"status": ["Status changes come from the workflow, not from this API."]}
    ticket.refresh_from_db()
    assert ticket.status == "new"


def test_an_admin_corrects_category_priority_and_department(admin):
    # given a ticket already being worked on
    ticket = TicketFactory(status="in_progress", category="IT", priority="low", department="IT")

    # when
    response = admin.patch(
        url(ticket), {"category": "Network", "priority": "urgent", "department": "Finance"}, format="json"
    )

    # then
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert (ticket.category, ticket.priority, ticket.department) == ("Network", "urgent", "Finance")
    assert ticket.status == "in_progress"
    payload = OutboxMessage.objects.get().payload
    assert (payload["category"], payload["priority"], payload["department"]) == (
        "Network",
        "urgent",
        "Finance",
    )


def test_an_invalid_priority_in_an_edit_names_the_valid_values(admin, ticket):
    response = admin.patch(url(ticket), {"priority": "asap"}, format="json")

    assert response.status_code == 400
    assert response.data == {"priority": ['"asap" is not a valid priority: use low, medium, high or urgent.']}


def test_a_user_who_cannot_see_the_ticket_gets_404_on_edit(other_requester, ticket):
    response = other_requester.patch(url(ticket), {"subject": "mine now"}, format="json")

    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.subject == "Printer jam"


def test_an_agent_who_sees_the_ticket_may_not_edit_it(agent, ticket):
    response = agent.patch(url(ticket), {"subject": "agent edit"}, format="json")

    assert response.status_code == 403
    assert not OutboxMessage.objects.exists()


def test_an_admin_soft_deletes_a_ticket(admin, ticket):
    # when
    response = admin.delete(url(ticket))

    # then it is kept, marked, and gone from the API
    assert response.status_code == 204
    ticket.refresh_from_db()
    assert ticket.is_deleted
    assert ticket.deleted_at is not None
    assert admin.get(url(ticket)).status_code == 404
    assert admin.delete(url(ticket)).status_code == 404


@pytest.mark.parametrize(
    ("viewer", "expected"), [("requester", 403), ("agent", 403), ("other_requester", 404)]
)
def test_only_admins_delete(request, ticket, viewer, expected):
    response = request.getfixturevalue(viewer).delete(url(ticket))

    assert response.status_code == expected
    assert Ticket.objects.filter(pk=ticket.pk, is_deleted=False).exists()


def test_a_service_token_may_not_delete(service, ticket):
    assert service.delete(url(ticket)).status_code == 403


def test_an_admin_pushes_a_ticket_to_the_workflow_again(admin, ticket):
    # when
    response = admin.post(url(ticket, "push_to_workflow/"))

    # then
    assert response.status_code == 202
    assert response.data == {"detail": f"{ticket.number} queued for the workflow."}
    row = OutboxMessage.objects.get()
    assert (row.task_name, row.payload["ticket_number"]) == ("tickets.tasks.receive_ticket", ticket.number)


@pytest.mark.parametrize(
    ("viewer", "expected"), [("requester", 403), ("agent", 403), ("other_requester", 404)]
)
def test_only_admins_push_to_the_workflow(request, ticket, viewer, expected):
    response = request.getfixturevalue(viewer).post(url(ticket, "push_to_workflow/"))

    assert response.status_code == expected
    assert not OutboxMessage.objects.exists()

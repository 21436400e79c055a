"""Who sees which ticket: a requester their own; an agent also those assigned to them and
those of their department; admins and services all. Anything else is 404 on retrieve and
absent from the list; a soft-deleted ticket is gone for everyone."""

import pytest

from tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def numbers(response) -> set[str]:
    assert response.status_code == 200
    return {t["number"] for t in response.data["results"]}


@pytest.fixture
def tickets():
    """One ticket in each relation to the agent (user 303, department IT)."""
    return {
        "own": TicketFactory(requester_id="303", department="Finance"),
        "assigned": TicketFactory(requester_id="101", department="Finance", assignee_id="303"),
        "department": TicketFactory(requester_id="101", department="IT"),
        "other": TicketFactory(requester_id="202", department="Finance", assignee_id="404"),
    }


def test_a_requester_sees_only_their_own_tickets_even_when_assigned_or_of_a_department(client_as, tickets):
    # given a user without any tts role, whose token still names a department
    requester = client_as(user_id="101", roles=[], department="IT")

    # when
    listed = requester.get(TICKETS)

    # then only the tickets they raised, not the IT department's others
    assert numbers(listed) == {tickets["assigned"].number, tickets["department"].number}
    assert requester.get(f"{TICKETS}{tickets['own'].id}/").status_code == 404


def test_an_agent_lists_their_own_assigned_and_department_tickets(agent, tickets):
    listed = agent.get(TICKETS)

    assert numbers(listed) == {t.number for key, t in tickets.items() if key != "other"}


@pytest.mark.parametrize("relation", ["own", "assigned", "department"])
def test_an_agent_reads_a_ticket_they_are_related_to(agent, tickets, relation):
    response = agent.get(f"{TICKETS}{tickets[relation].id}/")

    assert response.status_code == 200
    assert response.data["number"] == tickets[relation].number


def test_an_agent_cannot_read_another_departments_unassigned_ticket(agent, tickets):
    response = agent.get(f"{TICKETS}{tickets['other'].id}/")

    assert response.status_code == 404
    assert tickets["other"].subject not in str(response.data)


def test_any_tts_role_makes_an_agent_not_only_it_support(client_as, tickets):
    # given a Finance coordinator (another role, another department)
    coordinator = client_as(user_id="404", roles=["tts:Ticket Coordinator"], department="Finance")

    # when
    listed = coordinator.get(TICKETS)

    # then: assigned to them ("other") plus every Finance ticket
    assert numbers(listed) == {tickets["own"].number, tickets["assigned"].number, tickets["other"].number}


def test_a_role_of_another_system_does_not_make_an_agent(client_as, tickets):
    outsider = client_as(user_id="404", roles=["hr:Manager"], department="Finance")

    assert numbers(outsider.get(TICKETS)) == set()


def test_an_agent_without_a_department_claim_sees_no_department_tickets(client_as, tickets):
    # given the agent's token has no department (an empty one must not match blank departments)
    TicketFactory(requester_id="101", department="")
    agent = client_as(user_id="303", roles=["tts:IT Support"])

    # when / then
    assert numbers(agent.get(TICKETS)) == {tickets["own"].number, tickets["assigned"].number}


def test_an_admin_sees_every_ticket(admin, tickets):
    assert numbers(admin.get(TICKETS)) == {t.number for t in tickets.values()}
    assert admin.get(f"{TICKETS}{tickets['other'].id}/").status_code == 200


def test_a_service_token_sees_every_ticket(service, tickets):
    assert numbers(service.get(TICKETS)) == {t.number for t in tickets.values()}
    assert service.get(f"{TICKETS}{tickets['other'].number}/").status_code == 200


def test_a_ticket_is_retrieved_by_id_or_by_number(requester):
    ticket = TicketFactory(requester_id="101")

    by_id = requester.get(f"{TICKETS}{ticket.id}/")
    by_number = requester.get(f"{TICKETS}{ticket.number}/")

    assert by_id.status_code == by_number.status_code == 200
    assert by_id.data == by_number.data


def test_another_users_ticket_is_404_by_number_too(requester):
    theirs = TicketFactory(requester_id="202")

    assert requester.get(f"{TICKETS}{theirs.number}/").status_code == 404


@pytest.mark.parametrize("viewer", ["requester", "agent", "admin", "service"])
def test_a_soft_deleted_ticket_is_404_and_unlisted_for_everyone(request, viewer):
    # given a deleted ticket each viewer could otherwise see, next to a live one
    deleted = TicketFactory(requester_id="101", department="IT", is_deleted=True)
    live = TicketFactory(requester_id="101", department="IT")
    client = request.getfixturevalue(viewer)

    # then
    assert client.get(f"{TICKETS}{deleted.id}/").status_code == 404
    assert client.get(f"{TICKETS}{deleted.number}/").status_code == 404
    assert numbers(client.get(TICKETS)) == {live.number}

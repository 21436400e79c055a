"""Who may see and create tickets: a requester their own, an admin all, anything else 404 (not 403)."""

import pytest

from tickets.tests.factories import TicketFactory
from tts_common.fuzzing import assert_conforms
from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"
FORGED = forged_tokens()


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_token_is_401(api_client, token):
    # given a ticket of the user the forged token claims to be
    TicketFactory(requester_id="1")

    # when
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api_client.get(TICKETS)

    # then
    assert response.status_code == 401
    assert "results" not in response.data


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", TICKETS), ("post", TICKETS), ("get", f"{TICKETS}1/")],
    ids=["list", "create", "detail"],
)
def test_without_a_token_it_is_401(api_client, method, path):
    response = getattr(api_client, method)(path, {"subject": "s", "category": "IT"}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tts"'


def test_a_requester_lists_only_their_own_tickets(requester):
    # given
    mine = TicketFactory.create_batch(2, requester_id="101")
    TicketFactory(requester_id="202")

    # when
    response = requester.get(TICKETS)

    # then
    assert response.status_code == 200
    assert response.data["count"] == 2
    assert {t["number"] for t in response.data["results"]} == {t.number for t in mine}


def test_a_requester_reads_their_own_ticket(requester):
    ticket = TicketFactory(requester_id="101")

    response = requester.get(f"{TICKETS}{ticket.id}/")

    assert response.status_code == 200
    assert response.data["number"] == ticket.number


def test_another_requesters_ticket_is_404_not_403(requester):
    # given
    theirs = TicketFactory(requester_id="202")

    # when
    response = requester.get(f"{TICKETS}{theirs.id}/")

    # then
    assert response.status_code == 404
    assert theirs.subject not in str(response.data)


def test_an_agent_without_admin_role_sees_only_their_own_tickets_too(client_as):
    # given
    TicketFactory(requester_id="202")
    agent = client_as(user_id="303", roles=["tts:IT Support", "tts:Ticket Coordinator"])

    # when
    response = agent.get(TICKETS)

    # then
    assert response.status_code == 200
    assert response.data["count"] == 0


def test_an_admin_lists_and_reads_every_ticket(admin):
    # given
    tickets = [TicketFactory(requester_id="101"), TicketFactory(requester_id="202")]

    # when
    listed = admin.get(TICKETS)
    read = admin.get(f"{TICKETS}{tickets[1].id}/")

    # then
    assert listed.data["count"] == 2
    assert read.status_code == 200
    assert read.data["requester"]["id"] == "202"


def test_a_deleted_ticket_is_hidden_even_from_its_requester_and_admins(requester, admin):
    # given
    ticket = TicketFactory(requester_id="101", is_deleted=True)

    # then
    assert requester.get(f"{TICKETS}{ticket.id}/").status_code == 404
    assert admin.get(f"{TICKETS}{ticket.id}/").status_code == 404
    assert admin.get(TICKETS).data["count"] == 0


@pytest.mark.parametrize("ticket_id", ["abc", "99999999", "99999999999999999999999"])
def test_an_unknown_or_malformed_ticket_id_is_404(admin, ticket_id):
    response = admin.get(f"{TICKETS}{ticket_id}/")

    assert response.status_code == 404


def test_a_cookie_authenticated_create_needs_the_csrf_header(api_client, make_token):
    # given a browser session: the access token and csrftoken travel as cookies
    api_client.cookies["access_token"] = make_token(user_id="101", email="rita@example.com")
    api_client.cookies["csrftoken"] = "csrf-value-0123456789"
    body = {"subject": "Printer jam", "category": "IT"}

    # when
    without = api_client.post(TICKETS, body, format="json")
    with_header = api_client.post(TICKETS, body, format="json", HTTP_X_CSRFTOKEN="csrf-value-0123456789")

    # then
    assert without.status_code == 403
    assert with_header.status_code == 201
    assert with_header.data["requester"]["id"] == "101"


def test_an_id_no_ticket_can_have_is_a_json_404_as_documented(requester):
    # given an id outside the lookup pattern: no URL matches, so Django (not DRF) answers
    response = requester.patch(f"{TICKETS}%C3%98%F1%B6/", {"subject": "x"}, format="json")

    # then it is the API's JSON error, not Django's HTML page
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert_conforms("tickets", "PATCH /api/v1/tickets/{id}/", response)

"""GET /api/v1/workflow-tickets/: for tts:Admin only; other callers 401/403, unknown numbers 404."""

import pytest

from tickets.tasks import receive_ticket
from tickets.tests.factories import TicketSnapshotPayloadFactory, WorkflowTicketFactory
from tts_common.jwt import issue_service_token
from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/workflow-tickets/"
FORGED = forged_tokens()


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_token_is_401(api_client, token):
    # given
    WorkflowTicketFactory()

    # when
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api_client.get(TICKETS)

    # then
    assert response.status_code == 401
    assert "results" not in response.data


@pytest.mark.parametrize("path", [TICKETS, f"{TICKETS}TKT-2026-000001/"], ids=["list", "detail"])
def test_without_a_token_it_is_401(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 401


@pytest.mark.parametrize("path", [TICKETS, f"{TICKETS}TKT-2026-000001/"], ids=["list", "detail"])
def test_an_agent_without_the_admin_role_is_403(agent, path):
    # given
    WorkflowTicketFactory(payload__ticket_number="TKT-2026-000001")

    # when
    response = agent.get(path)

    # then
    assert response.status_code == 403
    assert response.data == {"detail": "Requires one of the roles: tts:Admin."}


def test_an_admin_role_of_another_system_is_not_enough(client_as):
    response = client_as(user_id="8", roles=["other:Admin", "tts:admin"]).get(TICKETS)

    assert response.status_code == 403


def test_a_service_token_is_403(api_client):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_service_token('tickets')}")

    response = api_client.get(TICKETS)

    assert response.status_code == 403


def test_an_admin_sees_a_received_ticket(admin):
    # given a ticket that arrived through the task
    payload = TicketSnapshotPayloadFactory(ticket_number="TKT-2026-000042", priority="high")
    receive_ticket.apply(args=[payload])

    # when
    response = admin.get(f"{TICKETS}TKT-2026-000042/")

    # then
    assert response.status_code == 200
    assert response.data["ticket_number"] == "TKT-2026-000042"
    assert response.data["priority"] == "high"
    assert response.data["requester_id"] == payload["requester"]["id"]
    assert response.data["data"] == payload


@pytest.mark.parametrize("number", ["TKT-2026-999999", "no-such-ticket", "x" * 64])
def test_an_unknown_ticket_number_is_404_for_an_admin(admin, number):
    WorkflowTicketFactory()

    response = admin.get(f"{TICKETS}{number}/")

    assert response.status_code == 404

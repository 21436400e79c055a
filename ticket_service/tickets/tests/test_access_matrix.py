"""Who may call what on ticket_service: every endpoint × every kind of caller
(tts_common.access_matrix). The requester owns the ticket; the agent is its assignee, in
its department; the other agent holds the same role in another department. A ticket one
may not see is 404, never 403 (DESIGN §4); a refused request changes nothing."""

import pytest

from tickets.tests.factories import AttachmentFactory, TicketFactory
from tts_common.access_matrix import AGENT_ID, DEPARTMENT, REQUESTER_ID, AccessMatrix, Expect, World
from tts_common.upload_samples import TEXT, upload

pytestmark = pytest.mark.django_db

TICKET = "/api/v1/tickets/{ticket}/"
FILE = TICKET + "attachments/{attachment}/"


def a_file(ids):
    return {"file": upload("printer.log", TEXT)}


MATRIX = AccessMatrix(
    {
        # ............................ anonymous, requester, agent, other agent, admin, service
        ("GET", "/api/v1/tickets/"): Expect(401, 200, 200, 200, 200, 200),
        ("POST", "/api/v1/tickets/"): Expect(
            401, 201, 201, 201, 201, 201, body={"subject": "Printer jam", "category": "IT"}
        ),
        ("GET", TICKET): Expect(401, 200, 200, 404, 200, 200),
        # the number works wherever the id does
        ("GET", "/api/v1/tickets/{number}/"): Expect(401, 200, 200, 404, 200, 200),
        # the requester edits a new ticket, admins correct it; an agent works it in workflow_api
        ("PUT", TICKET): Expect(401, 200, 403, 404, 200, 403, body={"subject": "Printer jam, floor 3"}),
        ("PATCH", TICKET): Expect(401, 200, 403, 404, 200, 403, body={"subject": "Printer jam, floor 3"}),
        ("DELETE", TICKET): Expect(401, 403, 403, 404, 204, 403),
        ("POST", TICKET + "push_to_workflow/"): Expect(401, 403, 403, 404, 202, 403),
        ("GET", TICKET + "history/"): Expect(401, 200, 200, 404, 200, 200),
        ("GET", TICKET + "attachments/"): Expect(401, 200, 200, 404, 200, 200),
        ("POST", TICKET + "attachments/"): Expect(
            401, 201, 201, 404, 201, 201, body=a_file, format="multipart"
        ),
        # the uploader (the requester) or an admin removes a file
        ("DELETE", FILE): Expect(401, 204, 403, 404, 204, 403),
        ("GET", FILE + "download/"): Expect(401, 200, 200, 404, 200, 200),
    }
)


@pytest.fixture
def world(media_root) -> World:
    ticket = TicketFactory(
        requester_id=REQUESTER_ID,
        requester_name="Rita Requester",
        department=DEPARTMENT,
        assignee_id=AGENT_ID,
        assignee_name="Alex Agent",
    )
    attachment = AttachmentFactory(ticket=ticket)
    return World(ids={"ticket": ticket.id, "number": ticket.number, "attachment": attachment.id})


@pytest.mark.parametrize("endpoint", MATRIX.endpoints(), ids=str)
def test_who_may_call_what(check_access, world, endpoint):
    check_access(MATRIX, endpoint, world)


def test_every_endpoint_has_a_row(world):
    MATRIX.assert_complete(world)

"""Who may call what on messaging_service: every endpoint × every kind of caller
(tts_common.access_matrix). Access to a ticket's comments follows the ticket, as
ticket_service answers it (the stand-in here sees it the way ticket_service's own matrix
does: the requester, the assigned agent, admins and services; not an agent of another
department). Internal notes are for agents and admins only; only the author edits a
comment, the author or an admin deletes it. A refused request changes nothing."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from comments.models import CommentAttachment, CommentRevision
from comments.tests.factories import CommentFactory
from tts_common.access_matrix import ADMIN_ID, AGENT_ID, REQUESTER_ID, AccessMatrix, Expect, World
from tts_common.upload_samples import TEXT

pytestmark = pytest.mark.django_db

TICKET = "TKT-2026-000001"
COMMENT = "/api/v1/comments/{comment}/"

MATRIX = AccessMatrix(
    {
        # ....................................... anonymous, requester, agent, other agent, admin, service
        ("GET", "/api/v1/comments/?ticket={ticket}"): Expect(401, 200, 200, 404, 200, 200),
        ("POST", "/api/v1/comments/"): Expect(
            401, 201, 201, 404, 201, 201, body={"ticket": "{ticket}", "body": "Any news?"}
        ),
        ("GET", COMMENT): Expect(401, 200, 200, 404, 200, 200),
        # an internal note: not for the requester, nor for a service (it holds no tts role)
        ("GET", "/api/v1/comments/{note}/"): Expect(401, 404, 200, 404, 200, 404),
        ("PATCH", COMMENT): Expect(401, 200, 403, 404, 403, 403, body={"body": "Any news, please?"}),
        ("DELETE", COMMENT): Expect(401, 204, 403, 404, 204, 403),
        ("GET", COMMENT + "history/"): Expect(401, 200, 200, 404, 200, 200),
        ("GET", COMMENT + "attachments/{attachment}/download/"): Expect(401, 200, 200, 404, 200, 200),
    }
)


@pytest.fixture
def world(ticket_service, media_root) -> World:
    for user_id in (REQUESTER_ID, AGENT_ID, ADMIN_ID):
        ticket_service.allow(user_id, TICKET)
    ticket_service.add(TICKET, requester_id=REQUESTER_ID, assignee_id=AGENT_ID, department="IT")
    comment = CommentFactory(ticket_number=TICKET, author_id=REQUESTER_ID, body="The printer jams.")
    CommentRevision.objects.create(comment=comment, body="The printer jam.", edited_by_id=REQUESTER_ID)
    attachment = CommentAttachment.objects.create(
        comment=comment,
        file=ContentFile(TEXT, name="printer.log"),
        name="printer.log",
        content_type="text/plain",
        size=len(TEXT),
        sha256=hashlib.sha256(TEXT).hexdigest(),
    )
    note = CommentFactory(ticket_number=TICKET, author_id=AGENT_ID, body="Tray 2 again.", is_internal=True)
    return World(ids={"ticket": TICKET, "comment": comment.pk, "note": note.pk, "attachment": attachment.pk})


@pytest.mark.parametrize("endpoint", MATRIX.endpoints(), ids=str)
def test_who_may_call_what(check_access, world, endpoint):
    check_access(MATRIX, endpoint, world)


def test_every_endpoint_has_a_row(world):
    MATRIX.assert_complete(world)

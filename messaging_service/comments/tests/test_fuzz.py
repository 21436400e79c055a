"""Schemathesis against messaging_service's own schema, as every role (tts_common.fuzzing).

ticket_service and auth_service are the suite's stand-ins (conftest.py): every role may see
the seeded ticket, and the directory knows the people a comment may mention."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from comments.models import CommentAttachment
from comments.tests.factories import CommentFactory
from tts_common import fuzzing

pytestmark = pytest.mark.django_db
TICKET = "TKT-2026-000001"


@pytest.fixture
def known(ticket_service, auth_service):
    ticket_service.add(TICKET, requester_id=fuzzing.REQUESTER_ID, assignee_id=fuzzing.AGENT_ID)
    for claims in fuzzing.ROLES.values():
        if claims is not None:
            ticket_service.allow(claims["user_id"], TICKET)
            auth_service.add(
                id=claims["user_id"], email=claims["email"] or "fuzz@example.com", name=claims["name"]
            )
    public = CommentFactory(ticket_number=TICKET, author_id=fuzzing.REQUESTER_ID, body="public")
    internal = CommentFactory(ticket_number=TICKET, author_id=fuzzing.AGENT_ID, body="note", is_internal=True)
    content = b"printer log\n"
    attachment = CommentAttachment.objects.create(
        comment=public,
        file=ContentFile(content, name="printer.log"),
        name="printer.log",
        content_type="text/plain",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    return {"id": [public.id, internal.id], "attachment_id": [attachment.id]}


@pytest.mark.parametrize("operation", fuzzing.operations("messaging"))
@pytest.mark.parametrize("role", fuzzing.ROLES)
def test_fuzz(fuzz, known, role, operation):
    fuzz(role, operation, known=known)

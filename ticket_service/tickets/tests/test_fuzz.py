"""Schemathesis against ticket_service's own schema, as every role (tts_common.fuzzing)."""

import pytest

from tickets.tests.factories import AttachmentFactory, TicketFactory
from tts_common import fuzzing

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(media_root):
    mine = TicketFactory(requester_id=fuzzing.REQUESTER_ID)
    assigned = TicketFactory(assignee_id=fuzzing.AGENT_ID, assignee_name="Alex Agent")
    attachment = AttachmentFactory(ticket=mine)
    return {"id": [mine.number, str(assigned.id)], "attachment_id": [attachment.id]}


@pytest.mark.parametrize("operation", fuzzing.operations("tickets"))
@pytest.mark.parametrize("role", fuzzing.ROLES)
def test_fuzz(fuzz, known, role, operation):
    fuzz(role, operation, known=known)

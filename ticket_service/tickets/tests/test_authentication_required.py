"""Every ticket endpoint answers 401 to an expired token, even an admin's, and does nothing:
no ticket, file, outbox row or deletion. (No token at all: test_access_matrix.py.)"""

import time

import pytest

from tickets.models import Attachment, OutboxMessage, Ticket
from tickets.tests.factories import AttachmentFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("get", "/api/v1/tickets/"),
    ("post", "/api/v1/tickets/"),
    ("get", "/api/v1/tickets/{ticket}/"),
    ("get", "/api/v1/tickets/{number}/"),
    ("put", "/api/v1/tickets/{ticket}/"),
    ("patch", "/api/v1/tickets/{ticket}/"),
    ("delete", "/api/v1/tickets/{ticket}/"),
    ("post", "/api/v1/tickets/{ticket}/push_to_workflow/"),
    ("get", "/api/v1/tickets/{ticket}/history/"),
    ("get", "/api/v1/tickets/{ticket}/attachments/"),
    ("post", "/api/v1/tickets/{ticket}/attachments/"),
    ("delete", "/api/v1/tickets/{ticket}/attachments/{attachment}/"),
    ("get", "/api/v1/tickets/{ticket}/attachments/{attachment}/download/"),
]
IDS = [f"{method} {path}" for method, path in ENDPOINTS]


@pytest.fixture
def attachment(media_root):
    return AttachmentFactory()


def call(client, method, path, attachment):
    ticket = attachment.ticket
    url = path.format(ticket=ticket.id, number=ticket.number, attachment=attachment.id)
    return getattr(client, method)(url, {"subject": "s", "category": "IT"}, format="json")


def assert_nothing_changed(attachment) -> None:
    assert Ticket.objects.filter(is_deleted=False).count() == 1
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(("method", "path"), ENDPOINTS, ids=IDS)
def test_with_an_expired_admin_token_every_endpoint_is_401(api_client, make_token, attachment, method, path):
    # given an admin's token that expired a minute ago
    now = int(time.time())
    token = make_token(user_id="1", roles=["tts:Admin"], iat=now - 700, exp=now - 60)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    # when
    response = call(api_client, method, path, attachment)

    # then
    assert response.status_code == 401
    assert_nothing_changed(attachment)

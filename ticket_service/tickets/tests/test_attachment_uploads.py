"""POST /api/v1/tickets/{id}/attachments/ (multipart ``file``): a file is judged by its
bytes, not its name; names that try to leave their folder are refused, not tidied up;
each refusal is a 400 naming ``file`` and leaves nothing behind."""

import hashlib

import pytest

from tickets.models import Attachment, OutboxMessage
from tickets.tests.factories import AttachmentFactory, TicketFactory
from tts_common.upload_samples import (
    CSV,
    DISGUISED,
    PDF,
    PNG,
    TEXT,
    TRAVERSAL_NAMES,
    multipart,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db


def attachments_url(ticket) -> str:
    return f"/api/v1/tickets/{ticket.id}/attachments/"


def send(client, ticket, name, content):
    return client.post(attachments_url(ticket), {"file": upload(name, content)}, format="multipart")


def send_raw(client, ticket, name, content):
    """Send ``name`` byte for byte (the test client would strip any directory from it)."""
    body, content_type = multipart("file", name, content)
    return client.generic("POST", attachments_url(ticket), body, content_type=content_type)


@pytest.fixture
def ticket():
    return TicketFactory(requester_id="101")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("scan.pdf", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        ("printer.log", TEXT, "text/plain"),
        ("notes.txt", "Grüße aus dem Büro\n".encode(), "text/plain"),
        ("assets.csv", CSV, "text/csv"),
    ],
)
def test_a_valid_file_is_accepted_with_the_content_type_its_bytes_show(
    requester, ticket, media_root, name, content, content_type
):
    # when the client claims a generic type
    response = send(requester, ticket, name, content)

    # then the stored type is the detected one
    assert response.status_code == 201, response.data
    assert response.data["name"] == name
    assert response.data["content_type"] == content_type
    assert response.data["size"] == len(content)
    assert response.data["sha256"] == hashlib.sha256(content).hexdigest()
    assert response.data["uploaded_by"] == {"id": "101", "name": "Rita Requester"}
    with Attachment.objects.get().file.open("rb") as handle:
        assert handle.read() == content


def test_a_file_over_the_size_limit_is_400_naming_file(requester, ticket, media_root, settings):
    # given
    settings.ATTACHMENT_MAX_BYTES = 100

    # when
    too_big = send(requester, ticket, "big.txt", b"x" * 101)
    at_limit = send(requester, ticket, "ok.txt", b"x" * 100)

    # then
    assert too_big.status_code == 400
    assert too_big.data == {"file": ["The file is 101 bytes; the limit is 100 bytes."]}
    assert at_limit.status_code == 201
    assert [a.name for a in Attachment.objects.all()] == ["ok.txt"]
    assert len(stored_files(media_root)) == 1


@pytest.mark.parametrize(
    ("name", "content"), [(n, c) for _, n, c in DISGUISED], ids=[c for c, _, _ in DISGUISED]
)
def test_a_file_whose_bytes_are_not_what_its_name_says_is_400_and_stores_nothing(
    requester, ticket, media_root, name, content
):
    response = send(requester, ticket, name, content)

    assert response.status_code == 400
    [message] = response.data["file"]
    assert "not accepted" in message or "does not match" in message
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []
    assert not OutboxMessage.objects.exists()


def test_a_png_named_pdf_is_400_for_the_mismatch(requester, ticket, media_root):
    response = send(requester, ticket, "report.pdf", PNG)

    assert response.status_code == 400
    assert response.data == {"file": ["The content is image/png, which does not match the extension .pdf."]}


@pytest.mark.parametrize("name", [n for _, n in TRAVERSAL_NAMES], ids=[c for c, _ in TRAVERSAL_NAMES])
def test_a_path_or_control_character_in_the_name_is_400_naming_file(requester, ticket, media_root, name):
    # when the name reaches the server exactly as written
    response = send_raw(requester, ticket, name, TEXT)

    # then it is refused, not silently shortened to its last part
    assert response.status_code == 400, response.data
    assert list(response.data) == ["file"]
    assert "path separators" in response.data["file"][0]
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_large_upload_with_an_unsafe_name_is_400_too(requester, ticket, media_root, settings):
    # given uploads over this size are spooled to a temporary file named after the upload
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16

    # when
    response = send_raw(requester, ticket, "../report.t\x00xt", TEXT * 4)

    # then
    assert response.status_code == 400
    assert list(response.data) == ["file"]


@pytest.mark.parametrize("name", ["no-extension", "two..dots.txt", "semi;colon.txt"])
def test_other_unsafe_names_are_400_naming_file(requester, ticket, media_root, name):
    response = send_raw(requester, ticket, name, TEXT)

    assert response.status_code == 400
    assert list(response.data) == ["file"]


def test_an_empty_file_is_400(requester, ticket, media_root):
    response = send(requester, ticket, "empty.txt", b"")

    assert response.status_code == 400
    assert response.data == {"file": ["The file is empty."]}


def test_a_request_without_a_file_is_400_naming_file(requester, ticket, media_root):
    response = requester.post(attachments_url(ticket), {}, format="multipart")

    assert response.status_code == 400
    assert list(response.data) == ["file"]


def test_a_ticket_holds_at_most_the_configured_number_of_files(requester, ticket, media_root, settings):
    # given a ticket at the limit
    settings.ATTACHMENT_MAX_PER_TICKET = 2
    AttachmentFactory.create_batch(2, ticket=ticket)

    # when
    response = send(requester, ticket, "third.txt", TEXT)

    # then
    assert response.status_code == 400
    assert response.data == {"file": ["This ticket already has 2 files."]}
    assert ticket.attachments.count() == 2


def test_uploading_to_a_ticket_one_cannot_see_is_404(other_requester, ticket, media_root):
    response = send(other_requester, ticket, "scan.pdf", PDF)

    assert response.status_code == 404
    assert not Attachment.objects.exists()


def test_a_body_longer_than_any_valid_upload_is_413_before_it_is_read(
    requester, ticket, media_root, settings
):
    # given room for 2 files of 100 bytes and 1,000 bytes of other fields
    settings.ATTACHMENT_MAX_BYTES, settings.ATTACHMENT_MAX_PER_TICKET = 100, 2
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    limit = 2 * (100 + 64 * 1024) + 1000

    # when a body longer than that arrives
    response = send(requester, ticket, "huge.txt", b"x" * (limit + 1))

    # then it is refused by its Content-Length, and nothing is stored
    assert response.status_code == 413
    assert f"uploads are limited to {limit} bytes (2 files of at most 100 bytes)" in response.data["detail"]
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []

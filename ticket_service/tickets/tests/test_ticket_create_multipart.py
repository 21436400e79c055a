"""POST /api/v1/tickets/ as multipart/form-data: the web form's shape, with files. Files
are checked by content before anything is written, stored, and listed in the intake
message's ``attachments``."""

import hashlib

import pytest

from tickets.models import Attachment, OutboxMessage, Ticket
from tts_common.messages import TicketSnapshotSchema, parse
from tts_common.upload_samples import (
    DISGUISED,
    ELF,
    PDF,
    PNG,
    TEXT,
    TRAVERSAL_NAMES,
    multipart,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


@pytest.mark.parametrize("missing", ["subject", "category"])
def test_a_form_without_subject_or_category_is_400_naming_it(requester, missing):
    form = {"subject": "Printer jam", "category": "IT"}
    del form[missing]

    response = requester.post(TICKETS, form, format="multipart")

    assert response.status_code == 400
    assert response.data == {missing: ["This field is required."]}


def test_a_form_with_files_creates_the_ticket_and_stores_them(requester, media_root):
    # when
    response = requester.post(
        TICKETS,
        {
            "subject": "Printer jam",
            "category": "IT",
            "priority": "high",
            "tags": ["printer", "floor-3"],
            "attachments": [upload("scan.pdf", PDF), upload("photo.png", PNG)],
        },
        format="multipart",
    )

    # then the ticket answers with its files, typed by their content
    assert response.status_code == 201, response.data
    assert response.data["priority"] == "high"
    assert response.data["tags"] == ["printer", "floor-3"]
    assert [(a["name"], a["content_type"], a["size"]) for a in response.data["attachments"]] == [
        ("scan.pdf", "application/pdf", len(PDF)),
        ("photo.png", "image/png", len(PNG)),
    ]

    # and the bytes are stored under the media root, under names of our own
    ticket = Ticket.objects.get(number=response.data["number"])
    for attachment, content in zip(ticket.attachments.all(), (PDF, PNG), strict=True):
        assert attachment.file.path.startswith(str(media_root))
        assert attachment.file.name.startswith(f"tickets/{ticket.number}/")
        assert not attachment.file.name.endswith((".pdf", ".png"))
        with attachment.file.open("rb") as handle:
            assert handle.read() == content
        assert attachment.sha256 == hashlib.sha256(content).hexdigest()
        assert attachment.uploaded_by_id == "101"


def test_the_intake_message_lists_the_files(requester, media_root):
    # when
    response = requester.post(
        TICKETS,
        {"subject": "Printer jam", "category": "IT", "attachments": [upload("printer.log", TEXT)]},
        format="multipart",
    )

    # then
    row = OutboxMessage.objects.get()
    snapshot = parse(TicketSnapshotSchema, row.payload)
    assert snapshot["ticket_number"] == response.data["number"]
    [listed] = row.payload["attachments"]
    attachment = Attachment.objects.get()
    assert listed == {
        "id": attachment.id,
        "name": "printer.log",
        "content_type": "text/plain",
        "size": len(TEXT),
        "sha256": hashlib.sha256(TEXT).hexdigest(),
        "url": f"/api/v1/tickets/{attachment.ticket_id}/attachments/{attachment.id}/download/",
    }


def test_one_refused_file_refuses_the_whole_ticket_and_stores_nothing(requester, media_root):
    # when one of two files is an executable in disguise
    response = requester.post(
        TICKETS,
        {
            "subject": "Printer jam",
            "category": "IT",
            "attachments": [upload("scan.pdf", PDF), upload("invoice.pdf", ELF)],
        },
        format="multipart",
    )

    # then
    assert response.status_code == 400
    [message] = response.data["attachments"]
    assert message.startswith("invoice.pdf:")
    assert not Ticket.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert stored_files(media_root) == []


def test_more_files_than_a_ticket_may_hold_is_400(requester, media_root, settings):
    # given
    settings.ATTACHMENT_MAX_PER_TICKET = 2

    # when
    response = requester.post(
        TICKETS,
        {"subject": "s", "category": "IT", "attachments": [upload(f"log{i}.txt", TEXT) for i in range(3)]},
        format="multipart",
    )

    # then
    assert response.status_code == 400
    assert response.data == {"attachments": ["At most 2 files per ticket."]}
    assert not Ticket.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content"), [(n, c) for _, n, c in DISGUISED], ids=[c for c, _, _ in DISGUISED]
)
def test_a_disguised_file_refuses_the_ticket_and_stores_nothing(requester, media_root, name, content):
    response = requester.post(
        TICKETS,
        {"subject": "Printer jam", "category": "IT", "attachments": [upload(name, content)]},
        format="multipart",
    )

    assert response.status_code == 400
    [message] = response.data["attachments"]
    assert message.startswith(f"{name}:")
    assert not Ticket.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_size_limit_refuses_the_ticket_and_stores_nothing(requester, media_root, settings):
    # given
    settings.ATTACHMENT_MAX_BYTES = len(PDF) - 1

    # when
    response = requester.post(
        TICKETS,
        {"subject": "Printer jam", "category": "IT", "attachments": [upload("scan.pdf", PDF)]},
        format="multipart",
    )

    # then
    assert response.status_code == 400
    assert response.data == {
        "attachments": [f"scan.pdf: The file is {len(PDF)} bytes; the limit is {len(PDF) - 1} bytes."]
    }
    assert not Ticket.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("name", [n for _, n in TRAVERSAL_NAMES], ids=[c for c, _ in TRAVERSAL_NAMES])
def test_a_file_name_with_a_path_refuses_the_ticket_naming_attachments(requester, media_root, name):
    # given a form whose file name reaches the server exactly as written
    body, content_type = multipart("attachments", name, TEXT, subject="Printer jam", category="IT")

    # when
    response = requester.generic("POST", TICKETS, body, content_type=content_type)

    # then
    assert response.status_code == 400
    [message] = response.data["attachments"]
    assert "path separators" in message
    assert not Ticket.objects.exists()
    assert stored_files(media_root) == []

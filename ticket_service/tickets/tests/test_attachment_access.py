"""A ticket's files: listed, downloaded and deleted only by those who see the ticket;
downloads are the exact bytes, always as an attachment; deleting is for the uploader or
an admin; every change republishes the ticket's snapshot with the new list of files."""

import pytest

from tickets.models import Attachment, OutboxMessage
from tickets.tests.factories import AttachmentFactory, TicketFactory
from tts_common.upload_samples import PDF, PNG, upload

pytestmark = pytest.mark.django_db


def files_url(ticket) -> str:
    return f"/api/v1/tickets/{ticket.id}/attachments/"


def file_url(attachment) -> str:
    return f"{files_url(attachment.ticket)}{attachment.id}/"


def download_url(attachment) -> str:
    return f"{file_url(attachment)}download/"


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def ticket():
    """Rita's ticket of the IT department."""
    return TicketFactory(requester_id="101", requester_name="Rita Requester", department="IT")


@pytest.fixture
def scan(ticket, media_root):
    return AttachmentFactory(
        ticket=ticket, name="scan.pdf", content_type="application/pdf", content=PDF, uploaded_by_id="101"
    )


@pytest.mark.parametrize("viewer", ["requester", "agent", "admin", "service"])
def test_whoever_sees_the_ticket_downloads_the_exact_bytes_as_an_attachment(request, scan, viewer):
    # when
    response = request.getfixturevalue(viewer).get(download_url(scan))

    # then
    assert response.status_code == 200
    assert body_of(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="scan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_user_who_cannot_see_the_ticket_gets_404_for_its_files(other_requester, scan):
    assert other_requester.get(download_url(scan)).status_code == 404
    assert other_requester.get(files_url(scan.ticket)).status_code == 404


def test_a_file_is_only_reachable_through_its_own_ticket(requester, scan):
    # given another ticket of the same requester
    mine_too = TicketFactory(requester_id="101")

    # when the file's id is asked for under the wrong ticket
    response = requester.get(f"{files_url(mine_too)}{scan.id}/download/")

    # then
    assert response.status_code == 404


def test_a_file_missing_from_storage_is_404_not_500(requester, scan):
    scan.file.storage.delete(scan.file.name)

    response = requester.get(download_url(scan))

    assert response.status_code == 404


def test_the_list_shows_each_file_with_its_download_link(agent, scan, ticket):
    # given a second file, uploaded by the agent
    log = AttachmentFactory(ticket=ticket, uploaded_by_id="303", uploaded_by_name="Alex Agent")

    # when
    response = agent.get(files_url(ticket))

    # then oldest first
    assert response.status_code == 200
    assert [(f["id"], f["name"], f["download_url"]) for f in response.data] == [
        (scan.id, "scan.pdf", download_url(scan)),
        (log.id, "printer.log", download_url(log)),
    ]
    assert response.data[1]["uploaded_by"] == {"id": "303", "name": "Alex Agent"}


def test_the_uploader_deletes_their_file(requester, scan, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = requester.delete(file_url(scan))

    # then the row, and once committed the stored bytes, are gone
    assert response.status_code == 204
    assert not Attachment.objects.exists()
    assert not scan.file.storage.exists(scan.file.name)


def test_an_admin_deletes_anyones_file(admin, scan):
    assert admin.delete(file_url(scan)).status_code == 204
    assert not Attachment.objects.exists()


def test_someone_who_sees_the_ticket_but_did_not_upload_the_file_gets_403(agent, scan):
    response = agent.delete(file_url(scan))

    assert response.status_code == 403
    assert Attachment.objects.filter(pk=scan.pk).exists()
    assert scan.file.storage.exists(scan.file.name)


def test_the_requester_cannot_delete_an_agents_file_on_their_ticket(requester, ticket, media_root):
    log = AttachmentFactory(ticket=ticket, uploaded_by_id="303")

    assert requester.delete(file_url(log)).status_code == 403


def test_someone_who_cannot_see_the_ticket_gets_404_on_delete(other_requester, scan):
    assert other_requester.delete(file_url(scan)).status_code == 404
    assert Attachment.objects.filter(pk=scan.pk).exists()


def test_adding_a_file_republishes_the_snapshot_with_it(requester, scan, ticket):
    # when
    response = requester.post(files_url(ticket), {"file": upload("photo.png", PNG)}, format="multipart")

    # then a new receive_ticket row lists both files
    assert response.status_code == 201
    row = OutboxMessage.objects.get()
    assert row.task_name == "tickets.tasks.receive_ticket"
    assert row.payload["ticket_number"] == ticket.number
    assert [(a["id"], a["name"]) for a in row.payload["attachments"]] == [
        (scan.id, "scan.pdf"),
        (response.data["id"], "photo.png"),
    ]


def test_deleting_a_file_republishes_the_snapshot_without_it(requester, scan, ticket):
    # given a second file
    kept = AttachmentFactory(ticket=ticket, uploaded_by_id="101")

    # when
    requester.delete(file_url(scan))

    # then
    row = OutboxMessage.objects.get()
    assert row.payload["ticket_number"] == ticket.number
    assert [a["id"] for a in row.payload["attachments"]] == [kept.id]


def test_a_refused_delete_publishes_nothing(agent, scan):
    agent.delete(file_url(scan))

    assert not OutboxMessage.objects.exists()

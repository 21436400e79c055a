"""Files on comments: checked like ticket attachments (content, extension, size, names);
downloaded only by whoever may see the comment; a refused request stores nothing."""

import re

import pytest

from comments.models import Comment, CommentAttachment
from tts_common.upload_samples import (
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
URL = "/api/v1/comments/"
TICKET = "TKT-2026-000001"


@pytest.fixture
def shared(ticket_service, media_root):
    for user in ("1", "7", "42"):
        ticket_service.allow(user, TICKET)
    return ticket_service


def test_a_comment_carries_checked_files_and_the_requester_downloads_them(shared, requester, media_root):
    # when the requester replies with a PDF and a screenshot
    response = requester.post(
        URL,
        {
            "ticket": TICKET,
            "body": "see attached",
            "files": [upload("invoice.pdf", PDF), upload("shot.png", PNG)],
        },
        format="multipart",
    )

    # then both are stored, described by content
    assert response.status_code == 201, response.content
    files = response.json()["attachments"]
    assert [(f["name"], f["content_type"], f["size"]) for f in files] == [
        ("invoice.pdf", "application/pdf", len(PDF)),
        ("shot.png", "image/png", len(PNG)),
    ]
    assert len(stored_files(media_root)) == 2

    # and the download is the same bytes, as an attachment that is never rendered
    download = requester.get(files[0]["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_list_shows_each_comments_files(shared, requester, agent):
    requester.post(
        URL, {"ticket": TICKET, "body": "log", "files": [upload("log.txt", TEXT)]}, format="multipart"
    )

    (comment,) = agent.get(URL, {"ticket": TICKET}).json()["results"]

    assert [f["name"] for f in comment["attachments"]] == ["log.txt"]


@pytest.mark.parametrize(
    "name, content, reason",
    [*((n, c, "not accepted|does not match") for _, n, c in DISGUISED), ("noext", PDF, "extension")],
    ids=[*(c for c, _, _ in DISGUISED), "no extension"],
)
def test_a_bad_file_refuses_the_whole_comment_and_stores_nothing(
    shared, agent, media_root, name, content, reason
):
    response = agent.post(
        URL,
        {"ticket": TICKET, "body": "x", "files": [upload("ok.txt", TEXT), upload(name, content)]},
        format="multipart",
    )

    assert response.status_code == 400
    [message] = response.json()["files"]
    assert message.startswith(f"{name}:") and re.search(reason, message)
    assert not Comment.objects.exists() and stored_files(media_root) == []


@pytest.mark.parametrize("name", [n for _, n in TRAVERSAL_NAMES], ids=[c for c, _ in TRAVERSAL_NAMES])
def test_a_name_with_a_path_or_control_character_is_refused_as_sent(shared, agent, media_root, name):
    # given a form whose file name reaches the server exactly as written
    body, content_type = multipart("files", name, TEXT, ticket=TICKET, body="x")

    # when
    response = agent.generic("POST", URL, body, content_type=content_type)

    # then it is refused, not shortened to its last part and stored
    assert response.status_code == 400
    [message] = response.json()["files"]
    assert "path separators" in message
    assert not Comment.objects.exists() and stored_files(media_root) == []


def test_an_oversized_file_is_refused_and_stores_nothing(shared, agent, settings, media_root):
    settings.ATTACHMENT_MAX_BYTES = 10

    response = agent.post(
        URL, {"ticket": TICKET, "body": "x", "files": [upload("a.pdf", PDF)]}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json() == {"files": [f"a.pdf: The file is {len(PDF)} bytes; the limit is 10 bytes."]}
    assert not Comment.objects.exists() and stored_files(media_root) == []


def test_more_than_ten_files_is_refused(shared, agent):
    files = [upload(f"f{i}.txt", TEXT) for i in range(11)]

    response = agent.post(URL, {"ticket": TICKET, "body": "x", "files": files}, format="multipart")

    assert response.status_code == 400
    assert response.json() == {"files": ["At most 10 files per comment."]}


def test_files_of_an_internal_note_or_a_hidden_ticket_are_404(shared, agent, requester, client_as):
    note = agent.post(
        URL,
        {"ticket": TICKET, "body": "internal", "is_internal": True, "files": [upload("x.txt", TEXT)]},
        format="multipart",
    ).json()
    url = note["attachments"][0]["download_url"]
    stranger = client_as(user_id="99", roles=["tts:IT Support"])

    assert agent.get(url).status_code == 200
    assert requester.get(url).status_code == 404
    assert stranger.get(url).status_code == 404
    other = CommentAttachment.objects.get().pk + 1000
    assert agent.get(f"{URL}{note['id']}/attachments/{other}/download/").status_code == 404


def test_a_body_longer_than_any_valid_upload_is_413_before_it_is_read(shared, agent, settings, media_root):
    settings.ATTACHMENT_MAX_BYTES, settings.ATTACHMENT_MAX_PER_TICKET = 10, 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    limit = 10 + 64 * 1024 + 100

    response = agent.post(
        URL, {"ticket": TICKET, "body": "x", "files": [upload("a.txt", b"x" * limit)]}, format="multipart"
    )

    assert response.status_code == 413
    assert f"uploads are limited to {limit} bytes" in response.json()["detail"]
    assert not Comment.objects.exists() and stored_files(media_root) == []

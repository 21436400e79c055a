"""/api/v1/comments/: the ticket's own rules decide access; internal notes stay with agents;
Markdown is rendered and sanitized; authors edit (history kept) and delete."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from comments.tests.factories import CommentFactory
from tts_common.fuzzing import assert_conforms
from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db
URL = "/api/v1/comments/"
TICKET = "TKT-2026-000001"
FORGED = forged_tokens()


@pytest.fixture
def thread(ticket_service):
    for user in ("1", "7", "42"):
        ticket_service.allow(user, TICKET)
    CommentFactory(ticket_number=TICKET, body="public", author_id="42")
    CommentFactory(ticket_number=TICKET, body="internal", author_id="7", is_internal=True)
    return ticket_service


def bodies(response):
    return [c["body"] for c in response.json()["results"]]


def test_the_requester_sees_public_replies_but_never_internal_notes(thread, requester):
    assert bodies(requester.get(URL, {"ticket": TICKET})) == ["public"]


def test_agents_and_admins_see_internal_notes_too(thread, agent, admin):
    assert bodies(agent.get(URL, {"ticket": TICKET})) == ["public", "internal"]
    assert bodies(admin.get(URL, {"ticket": TICKET})) == ["public", "internal"]


def test_someone_the_ticket_hides_from_gets_404(thread, client_as):
    stranger = client_as(user_id="99", roles=["tts:IT Support"])

    assert stranger.get(URL, {"ticket": TICKET}).status_code == 404
    assert stranger.post(URL, {"ticket": TICKET, "body": "hi"}, format="json").status_code == 404
    comment = Comment.objects.first()
    assert stranger.get(f"{URL}{comment.pk}/").status_code == 404


def test_commenting_on_a_ticket_one_cannot_see_is_a_documented_404(thread, client_as):
    stranger = client_as(user_id="99", roles=["tts:IT Support"])

    response = stranger.post(URL, {"ticket": TICKET, "body": "hi"}, format="json")

    assert response.status_code == 404
    assert_conforms("messaging", "POST /api/v1/comments/", response)


def test_a_requester_cannot_read_an_internal_note_by_id(thread, requester):
    note = Comment.objects.get(is_internal=True)

    assert requester.get(f"{URL}{note.pk}/").status_code == 404


def test_a_requester_cannot_write_internal_notes(thread, requester):
    response = requester.post(URL, {"ticket": TICKET, "body": "psst", "is_internal": True}, format="json")

    assert response.status_code == 403


def test_markdown_is_rendered_and_script_and_handlers_are_stripped(thread, agent):
    body = "**bold** <script>alert(1)</script> <img src=x onerror=alert(1)> [link](javascript:alert(1)) [ok](https://x.test)"

    response = agent.post(URL, {"ticket": TICKET, "body": body}, format="json")

    assert response.status_code == 201
    html = response.json()["body_html"]
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert 'href="https://x.test"' in html
    assert response.json()["body"] == body, "the author's text is kept as written"


def test_the_author_edits_and_the_history_keeps_the_old_text(thread, agent, admin):
    comment = agent.post(URL, {"ticket": TICKET, "body": "first"}, format="json").json()

    edited = agent.patch(f"{URL}{comment['id']}/", {"body": "second"}, format="json")
    assert edited.status_code == 200 and edited.json()["edited_at"] is not None
    assert admin.patch(f"{URL}{comment['id']}/", {"body": "admin"}, format="json").status_code == 403
    history = agent.get(f"{URL}{comment['id']}/history/").json()
    assert [h["body"] for h in history] == ["first"]


def test_the_author_or_an_admin_deletes(thread, agent, admin, requester):
    mine = agent.post(URL, {"ticket": TICKET, "body": "oops"}, format="json").json()
    public = Comment.objects.get(body="public")

    assert requester.delete(f"{URL}{mine['id']}/").status_code == 403
    assert agent.delete(f"{URL}{mine['id']}/").status_code == 204
    assert admin.delete(f"{URL}{public.pk}/").status_code == 204
    assert bodies(agent.get(URL, {"ticket": TICKET})) == ["internal"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"ticket": TICKET, "body": "   "}, "body"),
        ({"ticket": "a\x00b", "body": "x"}, "ticket"),
        ({"body": "x"}, "ticket"),
    ],
    ids=["blank body", "NUL in ticket", "no ticket"],
)
def test_bad_input_is_400_naming_the_field(thread, agent, body, field):
    response = agent.post(URL, body, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_listing_needs_the_ticket_parameter(thread, agent):
    assert agent.get(URL).status_code == 400
    assert agent.get(URL, {"ticket": "a b"}).status_code == 400


def test_access_answers_are_cached_briefly(thread, agent):
    agent.get(URL, {"ticket": TICKET})
    agent.get(URL, {"ticket": TICKET})

    assert thread.calls == 1


def test_with_ticket_service_down_access_is_refused_not_guessed(thread, agent):
    thread.down = True

    assert agent.get(URL, {"ticket": TICKET}).status_code == 503


@pytest.mark.parametrize("suffix", ["", "history/"])
def test_with_ticket_service_down_a_comment_by_id_is_503_not_500(thread, agent, suffix):
    # given: ticket_service stops answering before the access answer is cached
    comment = Comment.objects.get(body="public")
    thread.down = True

    # when
    response = agent.get(f"{URL}{comment.pk}/{suffix}")

    # then
    assert response.status_code == 503
    assert "ticket_service" in response.json()["detail"]
    assert_conforms("messaging", f"GET /api/v1/comments/{{id}}/{suffix}", response)


def test_the_list_uses_a_constant_number_of_queries(thread, agent):
    agent.get(URL, {"ticket": TICKET})  # warm the access cache
    with CaptureQueriesContext(connection) as few:
        agent.get(URL, {"ticket": TICKET})
    for _ in range(10):
        CommentFactory(ticket_number=TICKET)
    with CaptureQueriesContext(connection) as many:
        agent.get(URL, {"ticket": TICKET})

    assert len(few) == len(many)


def test_anonymous_is_401(api_client):
    assert api_client.get(URL, {"ticket": TICKET}).status_code == 401
    assert api_client.post(URL, {"ticket": TICKET, "body": "x"}, format="json").status_code == 401


@pytest.mark.parametrize("token", [t for _, t in FORGED], ids=[c for c, _ in FORGED])
def test_a_forged_token_is_401(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert api_client.get(URL, {"ticket": TICKET}).status_code == 401

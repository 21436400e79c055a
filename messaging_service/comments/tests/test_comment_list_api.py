"""GET /api/v1/comments/?ticket=<number>: that ticket's comments, oldest first; bad input is 4xx."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

COMMENTS = "/api/v1/comments/"


def test_it_lists_only_the_tickets_comments_oldest_first(admin):
    # given comments inserted out of chronological order, and another ticket's comment
    now = timezone.now()
    latest = CommentFactory(ticket_number="TKT-2026-000001", created_at=now - timedelta(minutes=1))
    earliest = CommentFactory(ticket_number="TKT-2026-000001", created_at=now - timedelta(hours=2))
    middle = CommentFactory(ticket_number="TKT-2026-000001", created_at=now - timedelta(hours=1))
    CommentFactory(ticket_number="TKT-2026-000002", created_at=now - timedelta(hours=3))

    # when
    response = admin.get(COMMENTS, {"ticket": "TKT-2026-000001"})

    # then
    assert response.status_code == 200
    assert set(response.data) == {"count", "next", "previous", "results"}
    assert [c["id"] for c in response.data["results"]] == [earliest.id, middle.id, latest.id]
    assert {c["ticket_number"] for c in response.data["results"]} == {"TKT-2026-000001"}


def test_comments_of_the_same_instant_keep_insertion_order(admin):
    # given
    instant = timezone.now()
    first = CommentFactory(created_at=instant)
    second = CommentFactory(created_at=instant)

    # when
    response = admin.get(COMMENTS, {"ticket": first.ticket_number})

    # then
    assert [c["id"] for c in response.data["results"]] == [first.id, second.id]


def test_it_shows_the_comment_fields(admin):
    comment = CommentFactory(author_id="55", author_name="Alan Agent", body="Rebooted it.", is_internal=True)

    [shown] = admin.get(COMMENTS, {"ticket": comment.ticket_number}).data["results"]

    assert shown["author_id"] == "55"
    assert shown["author_name"] == "Alan Agent"
    assert shown["body"] == "Rebooted it."
    assert shown["is_internal"] is True
    assert shown["edited_at"] is None


def test_a_ticket_without_comments_is_an_empty_list(admin):
    response = admin.get(COMMENTS, {"ticket": "TKT-2026-000099"})

    assert response.status_code == 200
    assert response.data["count"] == 0


@pytest.mark.parametrize("query", [{}, {"ticket": ""}, {"ticket": "   "}], ids=["absent", "empty", "blank"])
def test_without_the_ticket_parameter_it_is_400_naming_it(admin, query):
    # given
    CommentFactory()

    # when
    response = admin.get(COMMENTS, query)

    # then
    assert response.status_code == 400
    assert response.data == {"ticket": ["This query parameter is required (a ticket number)."]}


@pytest.mark.parametrize(
    "ticket", ["TKT\x002026", "a b", "../../etc", "x" * 65], ids=["NUL", "space", "path", "too long"]
)
def test_a_malformed_ticket_number_is_400_not_500(admin, ticket):
    response = admin.get(COMMENTS, {"ticket": ticket})

    assert response.status_code == 400
    assert response.data == {"ticket": ["Not a valid ticket number."]}


@pytest.mark.parametrize("page", ["abc", "999"])
def test_a_page_that_does_not_exist_is_404_not_500(admin, page):
    CommentFactory()

    response = admin.get(COMMENTS, {"ticket": "TKT-2026-000001", "page": page})

    assert response.status_code == 404
    assert response.data == {"detail": "Invalid page."}


def test_page_size_is_honoured(admin):
    CommentFactory.create_batch(3)

    response = admin.get(COMMENTS, {"ticket": "TKT-2026-000001", "page_size": 2})

    assert len(response.data["results"]) == 2
    assert response.data["count"] == 3

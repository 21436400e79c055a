"""Operators read comments, their history, files and mentions in the Django admin."""

import pytest
from django.urls import reverse

from comments.models import CommentMention, CommentRevision
from comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_the_comment_page_shows_its_history_and_mentions(admin_client):
    comment = CommentFactory(body="now", author_name="Alan Agent")
    CommentRevision.objects.create(comment=comment, body="before", edited_by_id="7")
    CommentMention.objects.create(comment=comment, user_id="42")

    listing = admin_client.get(reverse("admin:comments_comment_changelist"), {"q": "Alan"})
    page = admin_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))

    assert listing.status_code == 200 and "Alan Agent" in listing.content.decode()
    assert page.status_code == 200
    html = page.content.decode()
    assert "before" in html and "42" in html


def test_presence_is_listed_for_operators(admin_client):
    assert admin_client.get(reverse("admin:realtime_ticketviewer_changelist")).status_code == 200


def test_someone_without_a_staff_session_is_sent_to_sign_in(client):
    response = client.get(reverse("admin:comments_comment_changelist"))

    assert response.status_code == 302 and "login" in response["Location"]

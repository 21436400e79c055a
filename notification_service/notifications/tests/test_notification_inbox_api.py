"""The in-app inbox: read one, mark read, mark all read, count unread, delete — only one's own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Notification
from notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/api/v1/notifications/"


def detail(notification) -> str:
    return f"{NOTIFICATIONS}{notification.pk}/"


def test_the_list_leaves_out_what_is_not_shown_in_app(rita):
    # given
    shown = NotificationFactory(in_app=True)
    NotificationFactory(in_app=False)  # email only, or in-app turned off

    # when
    response = rita.get(NOTIFICATIONS)

    # then
    assert [n["id"] for n in response.data["results"]] == [shown.id]


def test_the_list_combines_filters_and_stays_newest_first(rita):
    # given
    now = timezone.now()
    older = NotificationFactory(type="mention", created_at=now - timedelta(hours=2))
    newer = NotificationFactory(type="mention", created_at=now - timedelta(hours=1))
    NotificationFactory(type="mention", is_read=True)
    NotificationFactory(type="assignment")

    # when
    response = rita.get(NOTIFICATIONS, {"type": "mention", "is_read": "false"})

    # then
    assert [n["id"] for n in response.data["results"]] == [newer.id, older.id]


# --- GET /{id}/ -------------------------------------------------------------------------


def test_it_shows_one_of_mine(rita):
    notification = NotificationFactory(title="Yours now")

    response = rita.get(detail(notification))

    assert response.status_code == 200
    assert (response.data["id"], response.data["title"]) == (notification.id, "Yours now")


@pytest.mark.parametrize(
    "other", [{"user_id": "202"}, {"user_id": "101", "in_app": False}], ids=["someone else's", "not in-app"]
)
def test_one_i_may_not_see_is_404(rita, other):
    notification = NotificationFactory(**other)

    response = rita.get(detail(notification))

    assert response.status_code == 404


# --- PATCH /{id}/ -----------------------------------------------------------------------


def test_patch_marks_mine_read_and_back_unread(rita):
    # given
    notification = NotificationFactory(is_read=False)

    # when
    read = rita.patch(detail(notification), {"is_read": True}, format="json")
    unread = rita.patch(detail(notification), {"is_read": False}, format="json")

    # then
    assert (read.status_code, read.data["is_read"]) == (200, True)
    assert (unread.status_code, unread.data["is_read"]) == (200, False)
    notification.refresh_from_db()
    assert notification.is_read is False


def test_patch_changes_nothing_but_is_read(rita):
    # given
    notification = NotificationFactory(title="Original")

    # when
    response = rita.patch(detail(notification), {"is_read": True, "title": "Changed"}, format="json")

    # then
    assert response.status_code == 200
    notification.refresh_from_db()
    assert (notification.is_read, notification.title) == (True, "Original")


def test_patch_of_someone_elses_is_404_and_changes_nothing(rita):
    # given
    theirs = NotificationFactory(user_id="202", is_read=False)

    # when
    response = rita.patch(detail(theirs), {"is_read": True}, format="json")

    # then
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_read is False


@pytest.mark.parametrize(
    "body", [{}, {"is_read": "perhaps"}, {"is_read": None}], ids=["empty", "word", "null"]
)
def test_patch_with_a_bad_body_is_400_naming_is_read(rita, body):
    # given
    notification = NotificationFactory(is_read=False)

    # when
    response = rita.patch(detail(notification), body, format="json")

    # then
    assert response.status_code == 400
    assert "is_read" in response.data
    notification.refresh_from_db()
    assert notification.is_read is False


def test_put_is_not_allowed(rita):
    notification = NotificationFactory()

    response = rita.put(detail(notification), {"is_read": True}, format="json")

    assert response.status_code == 405


# --- POST /mark-all-read/ and GET /unread-count/ ----------------------------------------


def test_mark_all_read_marks_only_my_unread_in_app_ones_and_counts_them(rita):
    # given
    mine = NotificationFactory.create_batch(3, is_read=False)
    already = NotificationFactory(is_read=True)
    hidden = NotificationFactory(in_app=False, is_read=False)
    theirs = NotificationFactory(user_id="202", is_read=False)

    # when
    response = rita.post(f"{NOTIFICATIONS}mark-all-read/")

    # then
    assert response.status_code == 200
    assert response.data == {"marked": 3}
    read = set(Notification.objects.filter(is_read=True).values_list("pk", flat=True))
    assert read == {n.pk for n in mine} | {already.pk}
    assert hidden.pk not in read and theirs.pk not in read


def test_mark_all_read_with_nothing_unread_marks_none(rita):
    NotificationFactory(is_read=True)

    assert rita.post(f"{NOTIFICATIONS}mark-all-read/").data == {"marked": 0}


def test_unread_count_counts_only_my_unread_in_app_ones(rita):
    # given
    NotificationFactory.create_batch(2, is_read=False)
    NotificationFactory(is_read=True)
    NotificationFactory(in_app=False, is_read=False)
    NotificationFactory(user_id="202", is_read=False)

    # when
    response = rita.get(f"{NOTIFICATIONS}unread-count/")

    # then
    assert response.status_code == 200
    assert response.data == {"unread": 2}


def test_unread_count_follows_marking_read(rita):
    notification = NotificationFactory(is_read=False)
    NotificationFactory(is_read=False)

    rita.patch(detail(notification), {"is_read": True}, format="json")

    assert rita.get(f"{NOTIFICATIONS}unread-count/").data == {"unread": 1}


# --- DELETE /{id}/ ----------------------------------------------------------------------


def test_delete_removes_mine(rita):
    # given
    notification = NotificationFactory()
    kept = NotificationFactory()

    # when
    response = rita.delete(detail(notification))

    # then
    assert response.status_code == 204
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk]


def test_delete_of_someone_elses_is_404_and_keeps_it(rita):
    theirs = NotificationFactory(user_id="202")

    response = rita.delete(detail(theirs))

    assert response.status_code == 404
    assert Notification.objects.filter(pk=theirs.pk).exists()


# --- authentication ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("post", ""),
        ("get", "{id}/"),
        ("patch", "{id}/"),
        ("delete", "{id}/"),
        ("post", "mark-all-read/"),
        ("get", "unread-count/"),
        ("get", "preferences/"),
        ("put", "preferences/"),
    ],
)
def test_every_endpoint_is_401_without_a_token(api_client, method, path):
    # given
    notification = NotificationFactory(is_read=False)

    # when
    response = getattr(api_client, method)(
        NOTIFICATIONS + path.format(id=notification.pk), {"is_read": True}, format="json"
    )

    # then
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tts"'
    notification.refresh_from_db()
    assert notification.is_read is False
    assert Notification.objects.count() == 1

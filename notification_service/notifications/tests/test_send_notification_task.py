"""notifications.tasks.send_notification: store once per event_id; a bad payload is rejected."""

import uuid

import pytest

from notifications.models import Delivery, Notification, OutboxMessage
from notifications.tasks import send_notification
from notifications.tests.factories import NotificationPayloadFactory

pytestmark = pytest.mark.django_db


def _nothing_written():
    return (Notification.objects.count(), Delivery.objects.count(), OutboxMessage.objects.count()) == (
        0,
        0,
        0,
    )


def test_a_valid_message_stores_one_notification_as_sent():
    # given
    payload = NotificationPayloadFactory(
        type="mention",
        title="You were mentioned",
        body="@rita look",
        link="/tickets/TKT-1",
        channels=["inapp"],
        data={"comment": 9},
    )

    # when
    result = send_notification.apply(args=[payload])

    # then
    assert result.state == "SUCCESS"
    stored = Notification.objects.get()
    assert str(stored.event_id) == payload["event_id"]
    assert (stored.user_id, stored.email, stored.type) == ("101", "rita@example.com", "mention")
    assert (stored.title, stored.body, stored.link) == ("You were mentioned", "@rita look", "/tickets/TKT-1")
    assert stored.data == {"comment": 9}
    assert stored.in_app is True
    assert stored.is_read is False


def test_the_same_event_id_again_changes_nothing():
    # given a message that asks for an email, consumed once
    payload = NotificationPayloadFactory(channels=["inapp", "email"])
    send_notification.apply(args=[payload])
    first = Notification.objects.get()

    # when it is delivered again, even with different content
    again = send_notification.apply(args=[{**payload, "title": "Changed"}])

    # then
    assert again.state == "SUCCESS"
    assert list(Notification.objects.values_list("pk", "title")) == [(first.pk, first.title)]
    assert Delivery.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def _missing_recipient():
    payload = NotificationPayloadFactory()
    del payload["recipient"]
    return payload


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        (_missing_recipient(), "recipient"),
        (NotificationPayloadFactory(type="birthday"), "type"),
        (NotificationPayloadFactory(event_id="not-a-uuid"), "event_id"),
        (NotificationPayloadFactory(recipient__user_id=""), "recipient.user_id"),
        (NotificationPayloadFactory(schema_version=2), "schema_version"),
        (NotificationPayloadFactory(channels=["sms"]), "channels"),
        (["not", "a", "dict"], "JSON object"),
        ("a string", "JSON object"),
    ],
    ids=[
        "missing recipient",
        "unknown type",
        "bad uuid",
        "blank user id",
        "other schema version",
        "unknown channel",
        "a list",
        "a string",
    ],
)
def test_an_invalid_message_is_rejected_without_requeue_and_writes_nothing(payload, named):
    # when
    result = send_notification.apply(args=[payload])

    # then the worker would dead-letter it (reject, requeue False), never retry it
    assert result.state == "REJECTED"
    assert result.result.requeue is False
    assert named in str(result.result)
    assert _nothing_written()


def test_a_rejected_message_does_not_block_a_later_valid_one_with_the_same_event_id():
    # given
    event_id = str(uuid.uuid4())
    send_notification.apply(args=[NotificationPayloadFactory(event_id=event_id, type="birthday")])

    # when
    result = send_notification.apply(args=[NotificationPayloadFactory(event_id=event_id)])

    # then
    assert result.state == "SUCCESS"
    assert Notification.objects.filter(event_id=event_id).count() == 1


def test_it_logs_each_reception_and_whether_it_was_new(caplog):
    # given
    payload = NotificationPayloadFactory()

    # when
    with caplog.at_level("INFO", logger="notifications.tasks"):
        send_notification.apply(args=[payload])
        send_notification.apply(args=[payload])

    # then
    received = [r for r in caplog.records if r.getMessage() == "notification received"]
    assert [(r.event_id, r.type, r.new) for r in received] == [
        (payload["event_id"], "assignment", True),
        (payload["event_id"], "assignment", False),
    ]

"""``notifications_receive`` (notification-queue-default consumed in batches): what
``notification_receive`` stores for each message, once per event id, with one delivery
per email and one outbox row naming all of the batch's, live pushes after the commit, and
a fixed number of queries.

The one-by-one result is taken inside a savepoint that is then rolled back, so both paths
start from the same state and are compared row by row."""

import asyncio
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from notifications.models import Delivery, Notification, OutboxMessage
from notifications.services import BATCH_HANDLER, DELIVER_EMAIL, notification_receive
from notifications.tests.factories import (
    NotificationFactory,
    NotificationPayloadFactory,
    PreferenceFactory,
    RecipientPayloadFactory,
)
from tts_common.live import user_group
from tts_common.messages import MessageInvalid, NotificationSchema, parse

pytestmark = pytest.mark.django_db
OMAR = RecipientPayloadFactory(user_id="202", email="omar@example.com")
NOEL = RecipientPayloadFactory(user_id="303", email="noel@example.com")


def batch_receive(payloads: list[dict]) -> None:
    """As the batch consumer does: parse each payload, hand them over in one call."""
    BATCH_HANDLER.handle([BATCH_HANDLER.parse(payload) for payload in payloads])


class _Undo(Exception):
    pass


def one_by_one(payloads: list[dict]) -> dict:
    try:
        with transaction.atomic():
            for payload in payloads:
                notification_receive(message=parse(NotificationSchema, payload))
            result = stored()
            raise _Undo
    except _Undo:
        return result


def stored() -> dict[str, tuple]:
    """Each stored notification by event id, with its deliveries and the task of the outbox
    row naming each."""
    emails = {pk: row.task_name for row in OutboxMessage.objects.all() for pk in row.payload["delivery_ids"]}
    return {
        str(n.event_id): (
            n.user_id,
            n.email,
            n.type,
            n.title,
            n.body,
            n.link,
            n.data,
            n.in_app,
            n.is_read,
            [(d.channel, d.status, emails.get(d.pk)) for d in n.deliveries.all()],
        )
        for n in Notification.objects.prefetch_related("deliveries")
    }


@pytest.fixture
def preferences():
    """Omar wants nothing in the app for assignments; Noel no email for mentions nor resets."""
    PreferenceFactory(user_id="202", type="assignment", in_app=False, email=True)
    PreferenceFactory(user_id="303", type="mention", in_app=True, email=False)
    PreferenceFactory(user_id="303", type="password_reset", in_app=True, email=False)


def test_a_batch_stores_what_receiving_one_by_one_stores(preferences):
    # given messages to people with and without preferences, of types emailed and not
    payloads = [
        NotificationPayloadFactory(type="assignment"),
        NotificationPayloadFactory(type="sla_warning"),
        NotificationPayloadFactory(type="assignment", recipient=OMAR),
        NotificationPayloadFactory(type="mention", recipient=NOEL),
        NotificationPayloadFactory(type="password_reset", recipient=NOEL),
        NotificationPayloadFactory(type="assignment", channels=["inapp"]),
        NotificationPayloadFactory(
            type="escalation", recipient=RecipientPayloadFactory(user_id="404", email="")
        ),
    ]
    expected = one_by_one(payloads)

    # when
    batch_receive(payloads)

    # then
    assert stored() == expected
    # and that is: preferences applied per recipient, an email (a delivery the outbox row
    # names) where due
    in_app = {p["event_id"]: expected[p["event_id"]][7] for p in payloads}
    emailed = {p["event_id"]: bool(expected[p["event_id"]][9]) for p in payloads}
    ids = [p["event_id"] for p in payloads]
    assert [in_app[i] for i in ids] == [True, True, False, True, False, True, True]
    assert [emailed[i] for i in ids] == [True, False, True, False, True, False, False]
    assert all(expected[i][9] == [("email", "queued", DELIVER_EMAIL)] for i in ids if emailed[i])
    assert Delivery.objects.count() == 3


def test_a_batch_queues_its_emails_as_one_message_naming_every_delivery():
    # given a batch of five notifications, four of them emailed
    payloads = NotificationPayloadFactory.build_batch(5)
    payloads[2]["channels"] = ["inapp"]

    # when
    batch_receive(payloads)

    # then
    [row] = OutboxMessage.objects.all()
    assert (row.task_name, row.queue) == (DELIVER_EMAIL, "tts.notifications.maintenance")
    assert sorted(row.payload["delivery_ids"]) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert len(row.payload["delivery_ids"]) == 4


def test_a_batch_without_email_queues_no_message():
    batch_receive(NotificationPayloadFactory.build_batch(3, channels=["inapp"]))

    assert Notification.objects.count() == 3
    assert not OutboxMessage.objects.exists()


def test_more_deliveries_than_a_message_takes_are_split(monkeypatch):
    # given messages of at most two deliveries
    monkeypatch.setattr("notifications.services.DELIVERIES_PER_MESSAGE", 2)

    # when a batch owes five emails
    batch_receive(NotificationPayloadFactory.build_batch(5))

    # then
    payloads = [row.payload["delivery_ids"] for row in OutboxMessage.objects.order_by("created_at")]
    assert sorted(map(len, payloads)) == [1, 2, 2]
    assert sorted(pk for chunk in payloads for pk in chunk) == sorted(
        Delivery.objects.values_list("pk", flat=True)
    )


def test_each_event_id_is_stored_once_within_a_batch_and_across_batches():
    # given one event stored before (with its email)
    before = NotificationPayloadFactory(title="first")
    batch_receive([before])
    repeated = NotificationPayloadFactory(title="once")

    # when a batch carries it again, and another event twice (the copy changed)
    batch_receive([{**before, "title": "changed"}, repeated, {**repeated, "title": "twice"}])

    # then
    assert sorted(Notification.objects.values_list("title", flat=True)) == ["first", "once"]
    assert Delivery.objects.count() == 2
    assert [row.payload["delivery_ids"] for row in OutboxMessage.objects.order_by("created_at")] == [
        [d.pk] for d in Delivery.objects.order_by("pk")
    ]


def test_a_batch_of_events_all_seen_before_writes_nothing(django_capture_on_commit_callbacks):
    payloads = NotificationPayloadFactory.build_batch(3)
    batch_receive(payloads)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch_receive(payloads)

    assert callbacks == []
    assert Notification.objects.count() == Delivery.objects.count() == 3
    assert OutboxMessage.objects.count() == 1


# --- live pushes --------------------------------------------------------------------------


@pytest.fixture
def browsers():
    """``browsers(user_id, ...)``: a channel in each user's group, as connected websockets
    are; ``pushes(user_id)`` then takes the events sent to that user so far."""
    layer = get_channel_layer()
    joined = {}

    def _join(*user_ids):
        for user_id in user_ids:
            # a plain channel name (not new_channel's "!" one): read from any event loop
            joined[user_id] = f"browser-{user_id}-{uuid.uuid4().hex}"
            async_to_sync(layer.group_add)(user_group(user_id), joined[user_id])

    async def _take(channel):
        events = []
        while True:
            try:
                events.append(await asyncio.wait_for(layer.receive(channel), timeout=0.5))
            except TimeoutError:
                return events

    _join.pushes = lambda user_id: [m["event"] for m in async_to_sync(_take)(joined[user_id])]
    yield _join
    for user_id, channel in joined.items():
        async_to_sync(layer.group_discard)(user_group(user_id), channel)


def test_in_app_notifications_are_pushed_after_commit_with_the_unread_counts(
    preferences, browsers, django_capture_on_commit_callbacks
):
    # given Rita has one unread notification already, and both have a browser open
    NotificationFactory(user_id="101")
    browsers("101", "202")
    payloads = [
        NotificationPayloadFactory(title="to rita 1"),
        NotificationPayloadFactory(title="to omar", type="mention", recipient=OMAR),
        NotificationPayloadFactory(title="to rita 2", type="task_completed"),
        NotificationPayloadFactory(title="not in omar's app", type="assignment", recipient=OMAR),
    ]

    # when the batch is stored, and then committed
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch_receive(payloads)
    assert browsers.pushes("101") == [], "nothing is pushed before the commit"
    for callback in callbacks:
        callback()

    # then each in-app notification was pushed once, to its recipient, with their unread count
    to_rita, to_omar = browsers.pushes("101"), browsers.pushes("202")
    assert sorted(e["notification"]["title"] for e in to_rita) == ["to rita 1", "to rita 2"]
    assert [e["notification"]["title"] for e in to_omar] == ["to omar"]
    assert {e["type"] for e in to_rita + to_omar} == {"notification"}
    assert {e["unread"] for e in to_rita} == {3}
    assert [e["unread"] for e in to_omar] == [1]
    ids = {e["notification"]["id"] for e in to_rita + to_omar}
    assert ids == set(
        Notification.objects.filter(in_app=True, event_id__in=[p["event_id"] for p in payloads]).values_list(
            "pk", flat=True
        )
    )


# --- cost ------------------------------------------------------------------------------


def _mixed(count: int) -> list[dict]:
    kinds = ["assignment", "sla_warning", "mention", "password_reset", "task_completed"]
    return [
        NotificationPayloadFactory(
            type=kinds[n % len(kinds)],
            recipient=RecipientPayloadFactory(user_id=str(1000 + n), email=f"u{n}@example.com"),
        )
        for n in range(count)
    ]


def test_a_batch_costs_the_same_queries_for_10_and_for_50_notifications(preferences):
    PreferenceFactory(user_id="1002", type="mention", email=True)
    batch_receive(_mixed(3))  # warm caches
    counts = []
    for size in (10, 50):
        with CaptureQueriesContext(connection) as queries:
            batch_receive(_mixed(size))
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1] <= 10
    assert Notification.objects.count() == 63


def test_the_handler_takes_notification_messages_and_refuses_invalid_ones():
    payload = NotificationPayloadFactory()

    assert BATCH_HANDLER.task_name == "notifications.tasks.send_notification"
    assert BATCH_HANDLER.parse(payload)["event_id"] == uuid.UUID(payload["event_id"])
    with pytest.raises(MessageInvalid):
        BATCH_HANDLER.parse({**payload, "type": "birthday"})

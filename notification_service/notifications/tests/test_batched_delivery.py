"""The emails of a batch go out from one ``deliver_email`` task, over one SMTP connection,
in a fixed number of queries; a failure is recorded and retried for its own delivery only."""

import threading

import pytest
from celery import signals
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from notifications.models import Delivery, Notification, OutboxMessage
from notifications.services import BATCH_HANDLER, deliveries_attempt
from notifications.tasks import EMAIL_RETRIES, deliver_email
from notifications.tests.factories import (
    DeliveryFactory,
    NotificationPayloadFactory,
    RecipientPayloadFactory,
)

pytestmark = pytest.mark.django_db


def deliveries(count: int, *, start: int = 0) -> list[Delivery]:
    """Queued deliveries to u<n>@example.com, one recipient each."""
    return [DeliveryFactory(notification__email=f"u{n}@example.com") for n in range(start, start + count)]


def ids(rows: list[Delivery]) -> list[int]:
    return [row.pk for row in rows]


def states(rows: list[Delivery]) -> list[tuple[str, int]]:
    for row in rows:
        row.refresh_from_db()
    return [(row.status, row.attempts) for row in rows]


@pytest.fixture
def retries_seen():
    """Each retry the task asked for: its countdown, the ids it names, and every delivery's
    status at that moment."""
    seen = []

    def _record(sender=None, request=None, reason=None, **kwargs):
        if sender.name == deliver_email.name:
            statuses = dict(Delivery.objects.values_list("pk", "status"))
            seen.append((reason.when, reason.sig.args[0]["delivery_ids"], statuses))

    signals.task_retry.connect(_record, weak=False)
    yield seen
    signals.task_retry.disconnect(_record)


def test_the_emails_of_a_consumed_batch_go_out_from_its_one_message(mailbox):
    # given a batch of notifications, four of them emailed
    payloads = [
        NotificationPayloadFactory(
            recipient=RecipientPayloadFactory(user_id=str(n), email=f"u{n}@example.com"),
            channels=["inapp", "email"] if n != 2 else ["inapp"],
        )
        for n in range(5)
    ]
    BATCH_HANDLER.handle([BATCH_HANDLER.parse(payload) for payload in payloads])
    [row] = OutboxMessage.objects.all()

    # when the task runs the message the outbox publishes
    result = deliver_email.apply(args=[row.payload])

    # then
    assert result.state == "SUCCESS"
    assert sorted(sent.to[0] for sent in mailbox) == [f"u{n}@example.com" for n in (0, 1, 3, 4)]
    assert list(Delivery.objects.values_list("status", "attempts")) == [("sent", 1)] * 4


def test_they_are_sent_over_one_smtp_connection(smtp_sink):
    # given
    rows = deliveries(5)

    # when
    result = deliver_email.apply(args=[{"delivery_ids": ids(rows)}])

    # then
    assert result.state == "SUCCESS"
    assert smtp_sink.sessions == 1
    assert [mail.rcpt_to for mail in smtp_sink.received] == [[f"u{n}@example.com"] for n in range(5)]
    assert states(rows) == [("sent", 1)] * 5


def test_the_queries_do_not_grow_with_the_number_of_emails(mailbox):
    counts = []
    for size, start in ((2, 0), (20, 100)):
        # given
        rows = deliveries(size, start=start)

        # when
        with CaptureQueriesContext(connection) as queries:
            deliver_email.apply(args=[{"delivery_ids": ids(rows)}])

        # then
        counts.append(len(queries.captured_queries))
        assert states(rows) == [("sent", 1)] * size
    assert counts[0] == counts[1]
    assert len(mailbox) == 22


def test_a_redelivered_message_sends_nothing_more(mailbox):
    # given a message whose emails were sent
    rows = deliveries(3)
    payload = {"delivery_ids": ids(rows)}
    deliver_email.apply(args=[payload])

    # when the same message comes again
    result = deliver_email.apply(args=[payload])

    # then
    assert result.state == "SUCCESS"
    assert len(mailbox) == 3
    assert states(rows) == [("sent", 1)] * 3


def test_only_the_queued_ones_are_attempted_the_rest_skipped(mailbox):
    # given deliveries sent and failed before, one that no longer exists, and two queued
    sent, failed, queued = DeliveryFactory(status="sent"), DeliveryFactory(status="failed"), deliveries(2)

    # when
    outcome = deliveries_attempt(
        delivery_ids=[sent.pk, queued[0].pk, 999_999_999, failed.pk, queued[1].pk], final=False
    )

    # then
    assert (outcome.sent, outcome.failed) == (ids(queued), [])
    assert outcome.skipped == [sent.pk, 999_999_999, failed.pk]
    assert sorted(mail.to[0] for mail in mailbox) == ["u0@example.com", "u1@example.com"]
    assert states([sent, failed]) == [("sent", 0), ("failed", 0)]


# --- failures ----------------------------------------------------------------------------


def test_a_refused_recipient_is_retried_alone_while_the_others_are_sent(smtp_sink, retries_seen):
    # given three emails, the server refusing the second one's recipient
    rows = deliveries(3)
    smtp_sink.refused = {"u1@example.com"}
    refused = rows[1].pk
    before = list(Notification.objects.order_by("pk").values())

    # when
    result = deliver_email.apply(args=[{"delivery_ids": ids(rows)}])

    # then every retry named the refused one alone, the others sent by the first run; the
    # last run (eager apply runs the retries at once) recorded it failed
    assert [(when, retried) for when, retried, _ in retries_seen] == [
        (10, [refused]),
        (20, [refused]),
        (40, [refused]),
        (80, [refused]),
        (160, [refused]),
    ]
    first_retry_statuses = retries_seen[0][2]
    assert [first_retry_statuses[pk] for pk in ids(rows)] == ["sent", "queued", "sent"]
    assert result.state == "SUCCESS"
    assert [mail.rcpt_to for mail in smtp_sink.received] == [["u0@example.com"], ["u2@example.com"]]
    assert states(rows) == [("sent", 1), ("failed", EMAIL_RETRIES + 1), ("sent", 1)]
    assert rows[1].last_error.startswith("SMTPRecipientsRefused")
    assert "550" in rows[1].last_error and "u1@example.com" in rows[1].last_error
    assert rows[0].last_error == rows[2].last_error == ""
    assert list(Notification.objects.order_by("pk").values()) == before


def test_the_run_at_the_retry_limit_marks_the_refused_one_failed_with_its_error(smtp_sink, retries_seen):
    # given
    rows = deliveries(3)
    smtp_sink.refused = {"u2@example.com"}

    # when a worker runs the message with request.retries at the maximum
    result = deliver_email.apply(args=[{"delivery_ids": ids(rows)}], retries=EMAIL_RETRIES)

    # then
    assert result.state == "SUCCESS"
    assert retries_seen == []
    assert smtp_sink.sessions == 1
    assert states(rows) == [("sent", 1), ("sent", 1), ("failed", 1)]
    assert "Recipient address rejected" in rows[2].last_error


def test_an_unreachable_server_fails_each_delivery_with_the_error(smtp_unreachable):
    # given
    rows = deliveries(3)

    # when
    outcome = deliveries_attempt(delivery_ids=ids(rows), final=False)

    # then
    assert (outcome.sent, outcome.failed, outcome.skipped) == ([], ids(rows), [])
    assert states(rows) == [("queued", 1)] * 3
    assert all(row.last_error.startswith("ConnectionRefusedError") for row in rows)


# --- another worker ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_delivery_another_worker_holds_is_skipped_not_waited_for(mailbox):
    # given another worker holding one of the two deliveries locked (counting its attempt)
    busy, free = deliveries(2)
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                Delivery.objects.select_for_update().get(pk=busy.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    other = threading.Thread(target=other_worker)
    other.start()
    assert locked.wait(10)

    # when
    try:
        outcome = deliveries_attempt(delivery_ids=[busy.pk, free.pk], final=False)
    finally:
        release.set()
        other.join(10)

    # then the free one was sent at once, the busy one left to the worker holding it
    assert (outcome.sent, outcome.skipped) == ([free.pk], [busy.pk])
    assert [mail.to for mail in mailbox] == [["u1@example.com"]]
    assert states([busy, free]) == [("queued", 0), ("sent", 1)]


@pytest.mark.django_db(transaction=True)
def test_a_duplicate_consumed_while_the_first_is_still_sending_sends_nothing(smtp_sink):
    # given a worker in the middle of sending the email (the server has not answered yet)
    row = deliveries(1)[0]
    smtp_sink.release = threading.Event()
    first = {}

    def first_worker():
        try:
            first["outcome"] = deliveries_attempt(delivery_ids=[row.pk], final=False)
        finally:
            connections.close_all()

    worker = threading.Thread(target=first_worker)
    worker.start()
    assert smtp_sink.holding.wait(10)

    # when a duplicate of the message is consumed meanwhile, and again after the first is done
    try:
        during = deliveries_attempt(delivery_ids=[row.pk], final=False)
    finally:
        smtp_sink.release.set()
        worker.join(10)
    after = deliveries_attempt(delivery_ids=[row.pk], final=False)

    # then the email went out once, from the first worker
    assert first["outcome"].sent == [row.pk]
    assert (during.sent, during.skipped) == ([], [row.pk])
    assert (after.sent, after.skipped) == ([], [row.pk])
    assert [mail.rcpt_to for mail in smtp_sink.received] == [["u0@example.com"]]
    assert states([row]) == [("sent", 1)]

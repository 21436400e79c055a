"""Email delivery: rendering for every type, recording the outcome, retrying SMTP failures.

One ``deliver_email`` message names many deliveries (``{"delivery_ids": [...]}``); how a
batch of them is sent over one connection is in test_batched_delivery.py."""

import pytest
from celery import signals

from notifications.models import Delivery
from notifications.services import DELIVERIES_PER_MESSAGE, deliveries_attempt
from notifications.tasks import EMAIL_RETRIES, deliver_email
from notifications.tests.factories import DeliveryFactory
from tts_common.messages import NOTIFICATION_TYPES, MessageInvalid

pytestmark = pytest.mark.django_db

INTRO = {
    "assignment": "A task is now yours.",
    "transfer": "A task was handed over to you.",
    "escalation": "A task was escalated to you.",
    "sla_warning": "A task is close to its SLA deadline.",
    "sla_breach": "A task has passed its SLA deadline.",
    "task_completed": "A ticket you own was completed.",
    "mention": "You were mentioned in a comment.",
    "password_reset": "Use the link below within one hour to choose a new password.",
    "digest": "Several alerts arrived for you at once.",
    "unassigned": "A ticket waits for an admin",
    "generic": "You have a new notification.",
}


def attempt(delivery, *, final=False):
    """``deliveries_attempt`` of this one delivery; what became of it."""
    outcome = deliveries_attempt(delivery_ids=[delivery.pk], final=final)
    [status] = [name for name in ("sent", "failed", "skipped") if delivery.pk in getattr(outcome, name)]
    return status


def test_every_type_has_an_intro_here():
    assert set(INTRO) == set(NOTIFICATION_TYPES)


@pytest.mark.parametrize("kind", NOTIFICATION_TYPES)
def test_it_sends_the_email_of_each_type_with_its_deep_link(mailbox, web_url, kind):
    # given
    delivery = DeliveryFactory(
        notification__type=kind,
        notification__title="TKT-2026-000042 needs you",
        notification__body="Printer on floor 3 jams.",
        notification__link="/tasks/42",
    )

    # when
    status = attempt(delivery)

    # then
    assert status == "sent"
    [sent] = mailbox
    assert sent.subject == "[TTS] TKT-2026-000042 needs you"
    assert sent.to == ["rita@example.com"]
    [(html, mimetype)] = sent.alternatives
    assert mimetype == "text/html"
    for part in (sent.body, html):
        assert f"{web_url}/tasks/42" in part
        assert INTRO[kind] in part
        assert "Printer on floor 3 jams." in part
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 1, "")
    assert delivery.sent_at is not None


def test_the_html_part_escapes_what_the_producer_wrote(mailbox, web_url):
    # given
    delivery = DeliveryFactory(notification__body="<script>alert(1)</script>")

    # when
    attempt(delivery)

    # then
    [sent] = mailbox
    [(html, _)] = sent.alternatives
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" in sent.body  # plain text is not HTML


def test_an_absolute_link_is_kept_as_it_is(mailbox, web_url):
    delivery = DeliveryFactory(notification__link="https://elsewhere.example/x")

    attempt(delivery)

    assert "https://elsewhere.example/x" in mailbox[0].body
    assert web_url not in mailbox[0].body


def test_it_speaks_smtp_to_a_real_server(smtp_sink, web_url, settings):
    # given
    settings.DEFAULT_FROM_EMAIL = "TTS <noreply@tts.example.test>"
    delivery = DeliveryFactory(notification__type="escalation", notification__title="Escalated: TKT-7")

    # when
    result = deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}])

    # then
    assert result.state == "SUCCESS"
    [received] = smtp_sink.received
    assert (received.mail_from, received.rcpt_to) == ("noreply@tts.example.test", ["rita@example.com"])
    message = received.message
    assert message["Subject"] == "[TTS] Escalated: TKT-7"
    assert message["To"] == "rita@example.com"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"{web_url}/tickets/1" in text and f"{web_url}/tickets/1" in html
    assert INTRO["escalation"] in text and INTRO["escalation"] in html
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)


# --- failures ---------------------------------------------------------------------------


def test_a_failed_attempt_is_counted_kept_queued_and_reported(smtp_unreachable):
    # given
    delivery = DeliveryFactory()
    before = _snapshot(delivery.notification)

    # when
    outcome = deliveries_attempt(delivery_ids=[delivery.pk], final=False)

    # then
    assert (outcome.sent, outcome.failed, outcome.skipped) == ([], [delivery.pk], [])
    assert outcome.errors[delivery.pk].startswith("ConnectionRefusedError")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("queued", 1, None)
    assert delivery.last_error == outcome.errors[delivery.pk]
    assert _snapshot(delivery.notification) == before


def test_the_final_failed_attempt_marks_it_failed(smtp_unreachable):
    # given two earlier failures
    delivery = DeliveryFactory()
    before = _snapshot(delivery.notification)
    for _ in range(2):
        assert attempt(delivery) == "failed"
        delivery.refresh_from_db()
        assert delivery.status == "queued"

    # when
    status = attempt(delivery, final=True)

    # then
    assert status == "failed"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("failed", 3, None)
    assert "ConnectionRefusedError" in delivery.last_error
    assert _snapshot(delivery.notification) == before


def test_a_long_error_is_cut_to_2000_characters(mailbox, monkeypatch):
    # given a backend failing with a very long reason
    def refuse(self, messages):
        raise OSError("x" * 5000)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    delivery = DeliveryFactory()

    # when
    attempt(delivery)

    # then
    delivery.refresh_from_db()
    assert delivery.last_error == ("OSError: " + "x" * 5000)[:2000]


def test_a_later_success_clears_the_error(smtp_unreachable, mailoutbox, settings):
    # given a failed attempt
    delivery = DeliveryFactory()
    assert attempt(delivery) == "failed"

    # when the server is back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    status = attempt(delivery)

    # then
    assert status == "sent"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("status", ["sent", "failed"])
def test_a_delivery_already_settled_is_not_attempted_again(mailbox, status):
    # given
    delivery = DeliveryFactory(status=status, attempts=1)

    # when
    result = deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}])

    # then
    assert result.state == "SUCCESS"
    assert mailbox == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (status, 1)


def test_a_delivery_sent_by_the_task_is_not_sent_twice_when_redelivered(mailbox):
    # given
    delivery = DeliveryFactory()
    deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}])

    # when the same message comes again
    deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}])

    # then
    assert len(mailbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)


def test_a_delivery_that_no_longer_exists_is_a_no_op(mailbox):
    outcome = deliveries_attempt(delivery_ids=[999_999_999], final=False)

    assert (outcome.sent, outcome.failed, outcome.skipped) == ([], [], [999_999_999])
    assert deliver_email.apply(args=[{"delivery_ids": [999_999_999]}]).state == "SUCCESS"
    assert mailbox == []


def test_a_message_queued_before_batching_is_still_delivered(mailbox):
    # given a message of the old shape, naming one delivery
    delivery = DeliveryFactory()

    # when
    result = deliver_email.apply(args=[{"delivery_id": delivery.pk}])

    # then
    assert result.state == "SUCCESS"
    assert [sent.to for sent in mailbox] == [["rita@example.com"]]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)


# --- the Celery task's retries ----------------------------------------------------------


@pytest.fixture
def retries_seen():
    """Each retry the task asked for (Celery's task_retry signal, sent when a run ends in
    state RETRY): its countdown and the delivery it names as it stood at that moment (a
    retry of one delivery; test_batched_delivery.py retries some of many)."""
    seen = []

    def _record(sender=None, request=None, reason=None, **kwargs):
        if sender.name == deliver_email.name:
            [delivery_id] = reason.sig.args[0]["delivery_ids"]
            delivery = Delivery.objects.get(pk=delivery_id)
            seen.append((reason.when, delivery.status, delivery.attempts))

    signals.task_retry.connect(_record, weak=False)
    yield seen
    signals.task_retry.disconnect(_record)


def test_the_task_retries_with_backoff_then_ends_failed(smtp_unreachable, retries_seen):
    # given
    delivery = DeliveryFactory()
    before = _snapshot(delivery.notification)

    # when
    result = deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}])

    # then each failing run but the last ended in RETRY with a doubling countdown and left
    # the delivery queued. Celery's eager apply() runs each retry at once (ignoring the
    # countdown) with request.retries + 1, and returns the result of the last run, which
    # recorded the failure and returned normally.
    assert retries_seen == [
        (10, "queued", 1),
        (20, "queued", 2),
        (40, "queued", 3),
        (80, "queued", 4),
        (160, "queued", 5),
    ]
    assert result.state == "SUCCESS"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", EMAIL_RETRIES + 1)
    assert "ConnectionRefusedError" in delivery.last_error
    assert _snapshot(delivery.notification) == before


def test_the_next_to_last_run_retries_once_more_then_fails(smtp_unreachable, retries_seen):
    # given
    delivery = DeliveryFactory()

    # when a worker runs it with one retry left
    deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}], retries=EMAIL_RETRIES - 1)

    # then
    assert retries_seen == [(160, "queued", 1)]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 2)


def test_the_run_at_the_retry_limit_marks_it_failed_without_retrying(smtp_unreachable, retries_seen):
    # given
    delivery = DeliveryFactory()

    # when a worker runs it with request.retries at the maximum
    result = deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}], retries=EMAIL_RETRIES)

    # then
    assert result.state == "SUCCESS"
    assert retries_seen == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)


def test_the_task_recovers_when_the_server_comes_back(smtp_unreachable, mailoutbox, settings, retries_seen):
    # given a delivery whose first attempt failed
    delivery = DeliveryFactory()
    assert attempt(delivery) == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    # when the retry runs
    result = deliver_email.apply(args=[{"delivery_ids": [delivery.pk]}], retries=1)

    # then
    assert result.state == "SUCCESS"
    assert retries_seen == []
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)


def _snapshot(notification):
    notification.refresh_from_db()
    return (notification.in_app, notification.is_read, notification.title, notification.body)


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"delivery_id": "abc"},
        {"delivery_id": None},
        ["not", "a", "dict"],
        {"delivery_ids": []},
        {"delivery_ids": ["x"]},
        {"delivery_ids": [1, None]},
        {"delivery_ids": [True]},
        {"delivery_ids": 7},
        {"delivery_ids": list(range(1, DELIVERIES_PER_MESSAGE + 2))},
    ],
    ids=[
        "no id",
        "not a number",
        "null",
        "a list",
        "no ids",
        "an id not a number",
        "a null id",
        "a boolean id",
        "ids not a list",
        "too many ids",
    ],
)
def test_a_malformed_message_is_dead_lettered_not_retried(mailbox, retries_seen, payload):
    # given a queued delivery the message cannot name
    delivery = DeliveryFactory()

    # when
    result = deliver_email.apply(args=[payload])

    # then the worker rejects it without requeue (to the dead-letter queue) at once
    assert result.state == "REJECTED"
    assert result.result.requeue is False
    assert retries_seen == []
    assert mailbox == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("queued", 0)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({}, "payload needs delivery_ids"),
        ({"delivery_ids": []}, "must be a non-empty list"),
        ({"delivery_ids": ["x"]}, "must be integers"),
        ({"delivery_id": "abc"}, "must be integers"),
        ({"delivery_ids": [1] * (DELIVERIES_PER_MESSAGE + 1)}, f"at most {DELIVERIES_PER_MESSAGE}"),
    ],
)
def test_a_malformed_message_is_dead_lettered_with_its_reason(payload, reason):
    with pytest.raises(MessageInvalid, match=reason):
        deliver_email.run(payload)
    assert reason in deliver_email.apply(args=[payload]).result.reason

"""Storing notifications once, honouring preferences, and delivering email."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.models import Delivery, Notification, OutboxMessage, Preference
from tts_common.batching import BatchHandler
from tts_common.live import live_push_many
from tts_common.messages import NOTIFICATION_TYPES
from tts_common.outbox import outbox_batch, outbox_enqueue

logger = logging.getLogger(__name__)
DELIVER_EMAIL = "notifications.tasks.deliver_email"
# A deliver_email message names at most this many deliveries (a batch of the consumer's,
# BATCH_SIZE, fits in one), so that one task and one SMTP connection stay short.
DELIVERIES_PER_MESSAGE = 1000
# Email for what needs acting on; the rest in the app only, unless the user asks.
EMAIL_BY_DEFAULT = {
    "assignment",
    "transfer",
    "escalation",
    "sla_breach",
    "mention",
    "password_reset",
    "digest",
    "unassigned",
}
ALWAYS_EMAILED = {"password_reset"}  # the user asked for it: preferences do not apply


def preferences_for(*, user_id: str) -> dict[str, dict[str, bool]]:
    """Every type with its channels, the user's choices over the defaults."""
    return preferences_of(user_ids=[user_id])[user_id]


def preferences_of(*, user_ids) -> dict[str, dict[str, dict[str, bool]]]:
    """``preferences_for`` of many users, in one query."""
    chosen: dict[str, dict[str, Preference]] = {user_id: {} for user_id in user_ids}
    for pref in Preference.objects.filter(user_id__in=list(chosen)):
        chosen[pref.user_id][pref.type] = pref
    return {user_id: _preferences(prefs) for user_id, prefs in chosen.items()}


def _preferences(chosen: dict[str, Preference]) -> dict[str, dict[str, bool]]:
    result = {}
    for kind in NOTIFICATION_TYPES:
        pref = chosen.get(kind)
        result[kind] = {
            "in_app": pref.in_app if pref else True,
            "email": pref.email if pref else kind in EMAIL_BY_DEFAULT,
        }
    return result


@transaction.atomic
def preferences_set(*, user_id: str, choices: dict[str, dict[str, bool]]) -> dict[str, dict[str, bool]]:
    for kind, channels in choices.items():
        Preference.objects.update_or_create(
            user_id=user_id, type=kind, defaults={"in_app": channels["in_app"], "email": channels["email"]}
        )
    return preferences_for(user_id=user_id)


@transaction.atomic
def notification_receive(*, message: dict[str, Any]) -> tuple[Notification, bool]:
    """Store the notification once per event id and queue its email in the same transaction.

    Returns (notification, created); a redelivered message returns the first one, False."""
    existing = Notification.objects.filter(event_id=message["event_id"]).first()
    if existing is not None:
        return existing, False
    allowed = preferences_for(user_id=message["recipient"]["user_id"])
    # get_or_create, not create: a worker racing on the same event commits first, and the
    # unique event_id makes this one wait for it and then return its row.
    notification, created = Notification.objects.get_or_create(
        event_id=message["event_id"], defaults=_fields(message, allowed)
    )
    if not created:
        return notification, False
    if notification.in_app:
        transaction.on_commit(lambda: notifications_push([notification]), robust=True)
    if _emailed(message, notification, allowed):
        delivery = Delivery.objects.create(notification=notification, channel="email")
        deliveries_enqueue(delivery_ids=[delivery.pk])
    return notification, True


@transaction.atomic
def notifications_receive(messages: list[dict[str, Any]]) -> None:
    """``notification_receive`` for many messages (a batch of notification-queue-default) in
    a few statements: each event id stored once (also within the batch), the batch's emails
    queued as one deliver_email message, open browsers told after the commit. A concurrent
    batch storing the same event id fails this one, which is then retried message by
    message."""
    ids = [message["event_id"] for message in messages]
    seen = set(Notification.objects.filter(event_id__in=ids).values_list("event_id", flat=True))
    fresh = []
    for message in messages:
        if message["event_id"] not in seen:
            seen.add(message["event_id"])
            fresh.append(message)
    if not fresh:
        return
    allowed = preferences_of(user_ids={message["recipient"]["user_id"] for message in fresh})
    notifications = [
        Notification(event_id=m["event_id"], **_fields(m, allowed[m["recipient"]["user_id"]])) for m in fresh
    ]
    Notification.objects.bulk_create(notifications)
    deliveries = Delivery.objects.bulk_create(
        Delivery(notification=notification, channel="email")
        for message, notification in zip(fresh, notifications, strict=True)
        if _emailed(message, notification, allowed[message["recipient"]["user_id"]])
    )
    deliveries_enqueue(delivery_ids=[delivery.pk for delivery in deliveries])
    shown = [notification for notification in notifications if notification.in_app]
    if shown:
        transaction.on_commit(lambda: notifications_push(shown), robust=True)


def deliveries_enqueue(*, delivery_ids: list[int]) -> None:
    """Queue the emails of these deliveries through the outbox, in the caller's transaction:
    one ``deliver_email`` message ``{"delivery_ids": [...]}`` per DELIVERIES_PER_MESSAGE of
    them (none for none)."""
    with outbox_batch(OutboxMessage):
        for start in range(0, len(delivery_ids), DELIVERIES_PER_MESSAGE):
            chunk = delivery_ids[start : start + DELIVERIES_PER_MESSAGE]
            outbox_enqueue(OutboxMessage, task_name=DELIVER_EMAIL, payload={"delivery_ids": chunk})


def _fields(message: dict[str, Any], allowed: dict[str, dict[str, bool]]) -> dict[str, Any]:
    """A notification's columns but its event id, the recipient's preferences applied."""
    recipient, kind = message["recipient"], message["type"]
    channels = allowed.get(kind, {"in_app": True, "email": True})
    return {
        "user_id": recipient["user_id"],
        "email": recipient.get("email", ""),
        "type": kind,
        "title": message["title"],
        "body": message["body"],
        "link": message["link"],
        "data": message["data"],
        "in_app": "inapp" in message["channels"] and channels["in_app"] and kind not in ALWAYS_EMAILED,
    }


def _emailed(
    message: dict[str, Any], notification: Notification, allowed: dict[str, dict[str, bool]]
) -> bool:
    wants = allowed.get(message["type"], {"in_app": True, "email": True})["email"]
    return (
        "email" in message["channels"]
        and bool(notification.email)
        and (wants or message["type"] in ALWAYS_EMAILED)
    )


def notifications_push(notifications: list[Notification]) -> None:
    """Tell the recipients' open browsers, through messaging_service's websocket (one
    unread count query for all of them)."""
    from django.db.models import Count

    from notifications.serializers import NotificationSerializer

    users = {notification.user_id for notification in notifications}
    unread = dict(
        Notification.objects.filter(user_id__in=users, in_app=True, is_read=False)
        .values("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    shown = NotificationSerializer(notifications, many=True).data
    live_push_many(
        [
            (
                notification.user_id,
                {"type": "notification", "notification": data, "unread": unread.get(notification.user_id, 0)},
            )
            for notification, data in zip(notifications, shown, strict=True)
        ]
    )


def absolute_link(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return f"{settings.TTS_WEB_URL.rstrip('/')}/{link.lstrip('/')}"


def email_render(notification: Notification) -> tuple[str, str, str]:
    """(subject, text, html) from the type's templates (a generic pair for other types)."""
    context = {
        "title": notification.title,
        "body": notification.body,
        "link": absolute_link(notification.link),
        "data": notification.data,
        "web_url": settings.TTS_WEB_URL,
    }
    kind = notification.type
    try:
        text = render_to_string(f"notifications/email/{kind}.txt", context)
        html = render_to_string(f"notifications/email/{kind}.html", context)
    except TemplateDoesNotExist:
        text = render_to_string("notifications/email/generic.txt", context)
        html = render_to_string("notifications/email/generic.html", context)
    return f"[TTS] {notification.title}", text, html


def email_compose(notification: Notification, *, connection=None) -> EmailMultiAlternatives:
    """The email of a notification, text and HTML, to be sent over ``connection``."""
    subject, text, html = email_render(notification)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [notification.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass(frozen=True)
class DeliveryOutcome:
    """What ``deliveries_attempt`` did with each delivery it was given (ids in its order)."""

    sent: list[int]
    failed: list[int]  # still queued for a retry, or failed for good after the final attempt
    skipped: list[int]  # sent or failed before, missing, or being counted by another worker
    errors: dict[int, str]  # each failed delivery's own error, as recorded in last_error


def deliveries_attempt(*, delivery_ids: list[int], final: bool) -> DeliveryOutcome:
    """Send the emails of the still-queued deliveries among ``delivery_ids`` over one SMTP
    connection and record each outcome, in a fixed number of queries however many.

    The attempts are counted first, in a transaction of their own, so a crash while sending
    does not lose a count. The emails are then sent while their rows stay locked until the
    outcomes are recorded: a duplicate of the message, consumed by another worker at the same
    time, skips the locked rows (that worker sends them) and afterwards finds them sent, so
    it never sends an email twice. A delivery no longer queued or missing is skipped. A
    failure is recorded for its own delivery only, which stays queued for the caller to
    retry, or is marked failed when ``final``; the in-app notification is never touched."""
    wanted = list(dict.fromkeys(delivery_ids))
    queued = Delivery.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        status=Delivery.Status.QUEUED
    )
    with transaction.atomic():
        counted = list(queued.filter(pk__in=wanted).values_list("pk", flat=True))
        if counted:
            Delivery.objects.filter(pk__in=counted).update(
                attempts=models.F("attempts") + 1, updated_at=timezone.now()
            )
    deliveries: list[Delivery] = []
    errors: dict[int, str] = {}
    if counted:
        with transaction.atomic():
            # still queued: a duplicate may have sent them between the two transactions
            deliveries = list(queued.filter(pk__in=counted).select_related("notification").order_by("pk"))
            if deliveries:
                errors = _emails_send(deliveries)
                _outcomes_record(deliveries, errors, final=final)
    attempted = {delivery.pk for delivery in deliveries}
    return DeliveryOutcome(
        sent=[pk for pk in wanted if pk in attempted and pk not in errors],
        failed=[pk for pk in wanted if pk in errors],
        skipped=[pk for pk in wanted if pk not in attempted],
        errors={pk: errors[pk] for pk in wanted if pk in errors},
    )


def _outcomes_record(deliveries: list[Delivery], errors: dict[int, str], *, final: bool) -> None:
    now = timezone.now()
    sent = [delivery.pk for delivery in deliveries if delivery.pk not in errors]
    if sent:
        Delivery.objects.filter(pk__in=sent).update(
            status=Delivery.Status.SENT, sent_at=now, last_error="", updated_at=now
        )
    if errors:
        Delivery.objects.filter(pk__in=list(errors)).update(
            status=Delivery.Status.FAILED if final else Delivery.Status.QUEUED,
            last_error=models.Case(
                *(models.When(pk=pk, then=models.Value(error)) for pk, error in errors.items()),
                output_field=models.TextField(),
            ),
            updated_at=now,
        )


def _emails_send(deliveries: list[Delivery]) -> dict[int, str]:
    """Send each delivery's email over one connection; the error of each that failed."""
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # the server is unreachable: none of them could be sent
        return {delivery.pk: _error(exc) for delivery in deliveries}
    errors = {}
    try:
        for delivery in deliveries:
            # one message per send, so a refused recipient fails its own delivery only
            try:
                email_compose(delivery.notification, connection=connection).send()
            except Exception as exc:  # SMTP and socket errors of any kind
                errors[delivery.pk] = _error(exc)
    finally:
        try:
            connection.close()
        except Exception as exc:  # the server took the messages; only its goodbye failed
            logger.warning("closing the SMTP connection failed", extra={"error": _error(exc)})
    return errors


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


@transaction.atomic
def notifications_mark_read(*, user_id: str, ids: list[int] | None = None) -> int:
    mine = Notification.objects.filter(user_id=user_id, in_app=True, is_read=False)
    if ids is not None:
        mine = mine.filter(pk__in=ids)
    return mine.update(is_read=True)


def _parse(payload: Any) -> dict[str, Any]:
    from tts_common.messages import NotificationSchema, parse

    return parse(NotificationSchema, payload)


# notification-queue-default, consumed in batches (tts_common.batching)
BATCH_HANDLER = BatchHandler(
    task_name="notifications.tasks.send_notification", parse=_parse, handle=notifications_receive
)

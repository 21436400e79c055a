import logging

from celery import shared_task

from notifications.services import (
    DELIVER_EMAIL,
    DELIVERIES_PER_MESSAGE,
    deliveries_attempt,
    notification_receive,
)
from tts_common.messages import MessageInvalid, NotificationSchema, parse

logger = logging.getLogger(__name__)
EMAIL_RETRIES = 5


class EmailsNotSent(Exception):
    """Some of a message's emails failed; each delivery holds its own error."""


@shared_task(name="notifications.tasks.send_notification", bind=True)
def send_notification(self, payload):
    """notification-queue-default: store once per event id, then deliver as allowed."""
    message = parse(NotificationSchema, payload)
    notification, created = notification_receive(message=message)
    logger.info(
        "notification received",
        extra={"event_id": str(message["event_id"]), "type": message["type"], "new": created},
    )


@shared_task(name=DELIVER_EMAIL, bind=True, max_retries=EMAIL_RETRIES, autoretry_for=())
def deliver_email(self, payload):
    """Send the queued emails the message names over one SMTP connection; retry those that
    failed, alone, with exponential backoff, then mark them failed."""
    delivery_ids = _delivery_ids(payload)
    final = self.request.retries >= EMAIL_RETRIES
    countdown = min(600, 10 * 2**self.request.retries)
    try:
        outcome = deliveries_attempt(delivery_ids=delivery_ids, final=final)
    except Exception as exc:  # not SMTP (each delivery records its own) but the database
        logger.warning(
            "email delivery failed; retrying", extra={"delivery_ids": delivery_ids, "error": str(exc)}
        )
        raise self.retry(exc=exc, countdown=countdown) from exc
    logger.info(
        "email delivery",
        extra={"sent": len(outcome.sent), "failed": len(outcome.failed), "skipped": len(outcome.skipped)},
    )
    if not outcome.failed:
        return
    errors = sorted(set(outcome.errors.values()))
    if final:
        logger.warning(
            "email delivery failed; giving up", extra={"delivery_ids": outcome.failed, "errors": errors}
        )
        return
    logger.warning(
        "email delivery failed; retrying", extra={"delivery_ids": outcome.failed, "errors": errors}
    )
    raise self.retry(
        args=[{"delivery_ids": outcome.failed}],
        exc=EmailsNotSent(f"{len(outcome.failed)} of {len(delivery_ids)} emails failed: {errors[0]}"),
        countdown=countdown,
    )


def _delivery_ids(payload) -> list[int]:
    """The deliveries a deliver_email message names: ``{"delivery_ids": [...]}``, or the
    ``{"delivery_id": n}`` of one queued before emails were batched. A message no retry
    can fix raises MessageInvalid (dead-lettered)."""
    if isinstance(payload, dict) and "delivery_ids" in payload:
        ids = payload["delivery_ids"]
    elif isinstance(payload, dict) and "delivery_id" in payload:
        ids = [payload["delivery_id"]]
    else:
        raise MessageInvalid(f"deliver_email: payload needs delivery_ids, got {payload!r:.200}")
    if not isinstance(ids, list) or not ids:
        raise MessageInvalid(f"deliver_email: delivery_ids must be a non-empty list, got {ids!r:.200}")
    if len(ids) > DELIVERIES_PER_MESSAGE:
        raise MessageInvalid(f"deliver_email: {len(ids)} delivery ids, at most {DELIVERIES_PER_MESSAGE}")
    if not all(type(pk) is int for pk in ids):  # bool is an int too, but not an id
        raise MessageInvalid(f"deliver_email: delivery ids must be integers, got {ids!r:.200}")
    return ids

import logging

from celery import shared_task

from notifications.services import delivery_attempt, notification_receive
from tts_common.messages import MessageInvalid, NotificationSchema, parse

logger = logging.getLogger(__name__)
EMAIL_RETRIES = 5


@shared_task(name="notifications.tasks.send_notification", bind=True)
def send_notification(self, payload):
    """notification-queue-default: store once per event id, then deliver as allowed."""
    message = parse(NotificationSchema, payload)
    notification, created = notification_receive(message=message)
    logger.info(
        "notification received",
        extra={"event_id": str(message["event_id"]), "type": message["type"], "new": created},
    )


@shared_task(name="notifications.tasks.deliver_email", bind=True, max_retries=EMAIL_RETRIES, autoretry_for=())
def deliver_email(self, payload):
    """Send one queued email; on SMTP failure retry with exponential backoff, then mark failed."""
    try:
        delivery_id = int(payload["delivery_id"])
    except (TypeError, KeyError, ValueError) as exc:  # no retry can fix it: dead-letter it
        raise MessageInvalid(f"deliver_email: payload needs an integer delivery_id, got {payload!r}") from exc
    final = self.request.retries >= EMAIL_RETRIES
    try:
        status = delivery_attempt(delivery_id=delivery_id, final=final)
    except Exception as exc:
        logger.warning(
            "email delivery failed; retrying", extra={"delivery_id": delivery_id, "error": str(exc)}
        )
        raise self.retry(exc=exc, countdown=min(600, 10 * 2**self.request.retries)) from exc
    logger.info("email delivery", extra={"delivery_id": delivery_id, "status": status})

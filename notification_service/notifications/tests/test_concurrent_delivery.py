"""The same message consumed by two workers at once still stores one notification."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from notifications.models import Delivery, Notification, OutboxMessage
from notifications.services import notification_receive
from notifications.tasks import send_notification
from notifications.tests.factories import NotificationPayloadFactory
from tts_common.messages import NotificationSchema, parse


def _wait_until_a_backend_waits_on_a_lock(timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second worker never waited on the first one's row")


@pytest.mark.django_db(transaction=True)
def test_a_duplicate_racing_the_first_is_acknowledged_not_failed():
    # given a worker that has stored the message but not yet committed
    payload = NotificationPayloadFactory(channels=["inapp", "email"])
    stored, release = threading.Event(), threading.Event()
    errors = []

    def first_worker():
        try:
            with transaction.atomic():
                notification_receive(message=parse(NotificationSchema, payload))
                stored.set()
                release.wait(10)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    first = threading.Thread(target=first_worker)
    first.start()
    assert stored.wait(10)
    outcome = {}

    def second_worker():
        try:
            outcome["result"] = send_notification.apply(args=[payload])
        finally:
            connections.close_all()

    second = threading.Thread(target=second_worker)
    second.start()

    # when the second worker's insert waits on the first's, and the first commits
    _wait_until_a_backend_waits_on_a_lock()
    release.set()
    first.join(10)
    second.join(10)

    # then
    assert errors == []
    assert outcome["result"].state == "SUCCESS", outcome["result"].result
    assert (Notification.objects.count(), Delivery.objects.count(), OutboxMessage.objects.count()) == (
        1,
        1,
        1,
    )

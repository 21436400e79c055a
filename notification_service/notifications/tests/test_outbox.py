"""An email delivery is queued through the outbox, in the notification's own transaction."""

import pytest
from django.db import transaction

from notifications.models import Delivery, Notification, OutboxMessage
from notifications.services import DELIVER_EMAIL

pytestmark = pytest.mark.django_db


class Abort(Exception):
    pass


def test_receiving_writes_one_outbox_row_naming_the_delivery(receive):
    # when
    notification, _ = receive(channels=["inapp", "email"])

    # then
    delivery = Delivery.objects.get()
    assert (delivery.notification, delivery.channel, delivery.status) == (notification, "email", "queued")
    row = OutboxMessage.objects.get()
    assert row.task_name == DELIVER_EMAIL == "notifications.tasks.deliver_email"
    assert row.queue == "tts.notifications.maintenance"
    assert row.payload == {"delivery_ids": [delivery.pk]}
    assert row.published_at is None


def test_the_outbox_row_is_rolled_back_with_the_notification(receive):
    # when the surrounding transaction fails after the notification was stored
    with pytest.raises(Abort), transaction.atomic():
        receive(channels=["inapp", "email"])
        assert OutboxMessage.objects.count() == 1
        raise Abort

    # then
    assert (Notification.objects.count(), Delivery.objects.count(), OutboxMessage.objects.count()) == (
        0,
        0,
        0,
    )


def test_it_is_published_only_after_commit(receive, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        receive(channels=["inapp", "email"])

    # then the email's publish (and the live push) wait for the commit; nothing left yet
    assert len(callbacks) == 2
    assert OutboxMessage.objects.get().published_at is None


def test_no_email_means_no_outbox_row(receive):
    receive(channels=["inapp"])

    assert not OutboxMessage.objects.exists()

"""A stored in-app notification is pushed to the recipient's open browsers (through the
shared channel layer that messaging_service's websockets listen on), after commit."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from notifications.tests.factories import NotificationPayloadFactory, RecipientPayloadFactory
from tts_common.live import user_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    """A channel in user 101's group, as a connected websocket would be."""
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group("101"), channel)
    yield lambda: async_to_sync(layer.receive)(channel)
    async_to_sync(layer.group_discard)(user_group("101"), channel)


def test_a_new_notification_is_pushed_with_the_unread_count(
    receive, browser, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification, _ = receive(recipient=RecipientPayloadFactory(user_id="101"), title="TKT-1 is yours")

    # then
    assert len(callbacks) >= 1
    message = browser()
    assert message["type"] == "live.event"
    event = message["event"]
    assert event["type"] == "notification"
    assert event["notification"]["id"] == notification.pk
    assert event["notification"]["title"] == "TKT-1 is yours"
    assert event["unread"] == 1


def test_nothing_is_pushed_before_commit_or_for_a_redelivery(receive, django_capture_on_commit_callbacks):
    payload = NotificationPayloadFactory(recipient=RecipientPayloadFactory(user_id="101"))

    with django_capture_on_commit_callbacks(execute=False) as first:
        receive(payload=payload)
    with django_capture_on_commit_callbacks(execute=False) as again:
        receive(payload=payload)

    assert first, "the push waits for the commit"
    assert again == [], "a redelivered message pushes nothing"

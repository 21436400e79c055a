import uuid

import factory

from notifications.models import Delivery, Notification, Preference


class NotificationFactory(factory.django.DjangoModelFactory):
    """An in-app notification; pass ``created_at`` to place it in time (the model stamps it on insert)."""

    class Meta:
        model = Notification

    event_id = factory.LazyFunction(uuid.uuid4)
    user_id = "101"
    type = "assignment"
    title = factory.Faker("sentence", nb_words=4)
    body = factory.Faker("sentence")
    link = "/tickets/1"

    @classmethod
    def _create(cls, model_class, *args, created_at=None, **kwargs):
        notification = super()._create(model_class, *args, **kwargs)
        if created_at is not None:
            model_class.objects.filter(pk=notification.pk).update(created_at=created_at)
            notification.refresh_from_db(fields=["created_at"])
        return notification


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A queued email delivery of a notification addressed to Rita."""

    class Meta:
        model = Delivery

    notification = factory.SubFactory(NotificationFactory, email="rita@example.com")
    channel = "email"


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference

    user_id = "101"
    type = "assignment"
    in_app = True
    email = True


class RecipientPayloadFactory(factory.DictFactory):
    user_id = "101"
    email = "rita@example.com"


class NotificationPayloadFactory(factory.DictFactory):
    """A DESIGN §5 notification message body (v1), as a producer publishes it (JSON types)."""

    schema_version = 1
    event_id = factory.LazyFunction(lambda: str(uuid.uuid4()))
    recipient = factory.SubFactory(RecipientPayloadFactory)
    type = "assignment"
    title = "TKT-2026-000042 is yours"
    body = "Printer on floor 3 jams."
    link = "/tasks/42"
    channels = factory.LazyFunction(lambda: ["inapp", "email"])
    data = factory.LazyFunction(lambda: {"ticket_number": "TKT-2026-000042"})

import uuid

import factory

from notifications.models import Notification


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

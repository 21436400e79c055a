import factory

from roles.models import Role, RoleUser


class RoleFactory(factory.django.DjangoModelFactory):
    """A role of the replica, as auth_service's sync message creates it."""

    class Meta:
        model = Role
        django_get_or_create = ("id",)

    id = factory.Sequence(lambda n: 1000 + n)
    system = "tts"
    name = factory.Sequence(lambda n: f"Role {n}")
    version = 1


class RoleUserFactory(factory.django.DjangoModelFactory):
    """An active grant of ``role`` to an active user."""

    class Meta:
        model = RoleUser

    role = factory.SubFactory(RoleFactory)
    user_id = factory.Sequence(lambda n: 5000 + n)
    email = factory.LazyAttribute(lambda m: f"user{m.user_id}@example.com")
    name = factory.LazyAttribute(lambda m: f"User {m.user_id}")
    version = 1

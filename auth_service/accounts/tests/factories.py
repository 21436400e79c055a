import factory

from accounts.models import Role, System, User, UserSystemRole

PASSWORD = "Correct-Horse-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    department = "IT"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


class SystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = System
        django_get_or_create = ["slug"]

    slug = "tts"
    name = "Ticket Tracking System"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ["system", "name"]

    system = factory.SubFactory(SystemFactory)
    name = factory.Sequence(lambda n: f"Role {n}")


class CustomRoleFactory(RoleFactory):
    """A role an admin created through the API (deletable, unlike the built-in ones)."""

    is_custom = True


class UserSystemRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserSystemRole

    user = factory.SubFactory(UserFactory)
    role = factory.SubFactory(RoleFactory)

import factory

from tickets.models import Ticket
from tickets.services import ticket_number_next


class TicketFactory(factory.django.DjangoModelFactory):
    """A ticket as ticket_create leaves it, numbered from the real sequence (never colliding with the API)."""

    class Meta:
        model = Ticket

    number = factory.LazyFunction(ticket_number_next)
    subject = factory.Faker("sentence", nb_words=5)
    description = factory.Faker("paragraph")
    category = "IT"
    subcategory = "Hardware"
    department = "IT"
    priority = "medium"
    requester_id = factory.Sequence(lambda n: str(1000 + n))
    requester_name = factory.Faker("name")
    requester_email = factory.LazyAttribute(lambda t: f"user{t.requester_id}@example.com")

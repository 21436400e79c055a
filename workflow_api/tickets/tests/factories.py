import factory
from django.utils import timezone

from tickets.models import WorkflowTicket


class PersonPayloadFactory(factory.DictFactory):
    id = factory.Sequence(lambda n: str(100 + n))
    name = factory.Faker("name")
    email = factory.LazyAttribute(lambda p: f"user{p.id}@example.com")


class TicketSnapshotPayloadFactory(factory.DictFactory):
    """A DESIGN §5 ``receive_ticket`` payload (v1), as ticket_service or an upstream producer sends it."""

    schema_version = 1
    ticket_number = factory.Sequence(lambda n: f"TKT-2026-{n + 1:06d}")
    subject = factory.Faker("sentence", nb_words=5)
    description = factory.Faker("paragraph")
    category = "IT"
    subcategory = "Hardware"
    department = "IT"
    priority = "medium"
    status = "new"
    requester = factory.SubFactory(PersonPayloadFactory)
    created_at = factory.LazyFunction(lambda: timezone.now().isoformat())
    attachments = factory.LazyFunction(list)
    extra = factory.LazyFunction(lambda: {"source": "web", "tags": []})


class WorkflowTicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkflowTicket

    class Params:
        payload = factory.SubFactory(TicketSnapshotPayloadFactory)

    ticket_number = factory.LazyAttribute(lambda t: t.payload["ticket_number"])
    subject = factory.LazyAttribute(lambda t: t.payload["subject"])
    category = factory.LazyAttribute(lambda t: t.payload["category"])
    subcategory = factory.LazyAttribute(lambda t: t.payload["subcategory"])
    department = factory.LazyAttribute(lambda t: t.payload["department"])
    priority = factory.LazyAttribute(lambda t: t.payload["priority"])
    status = factory.LazyAttribute(lambda t: t.payload["status"])
    requester_id = factory.LazyAttribute(lambda t: t.payload["requester"]["id"])
    data = factory.SelfAttribute("payload")

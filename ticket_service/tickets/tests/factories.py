import hashlib
import uuid
from datetime import UTC

import factory
from django.core.files.base import ContentFile

from tickets.models import Attachment, Ticket, TicketStatusHistory
from tickets.services import ticket_number_next
from tts_common.messages import SCHEMA_VERSION


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


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A stored file on a ticket (needs a temporary MEDIA_ROOT: the ``media_root`` fixture)."""

    class Meta:
        model = Attachment

    class Params:
        content = b"2026-01-05 09:30 printer: paper jam in tray 2\n"

    ticket = factory.SubFactory(TicketFactory)
    name = "printer.log"
    content_type = "text/plain"
    file = factory.LazyAttribute(lambda a: ContentFile(a.content, name=a.name))
    size = factory.LazyAttribute(lambda a: len(a.content))
    sha256 = factory.LazyAttribute(lambda a: hashlib.sha256(a.content).hexdigest())
    uploaded_by_id = factory.SelfAttribute("ticket.requester_id")
    uploaded_by_name = factory.SelfAttribute("ticket.requester_name")


class TicketStatusHistoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketStatusHistory

    ticket = factory.SubFactory(TicketFactory)
    event_id = factory.LazyFunction(uuid.uuid4)
    from_status = "new"
    to_status = "open"
    changed_at = factory.Faker("date_time_this_year", tzinfo=UTC)


class TicketSnapshotFactory(factory.DictFactory):
    """A DESIGN §5 ticket snapshot as another producer publishes it."""

    schema_version = SCHEMA_VERSION
    ticket_number = factory.Sequence(lambda n: f"EXT-{70000 + n}")
    subject = "VPN drops every ten minutes"
    description = "Since the client update."
    category = "Network"
    subcategory = "VPN"
    department = "IT"
    priority = "high"
    status = "new"
    requester = factory.Dict({"id": "555", "name": "Quinn Queue", "email": "quinn@example.com"})
    created_at = "2026-01-05T09:30:00+00:00"
    attachments = factory.List([])
    extra = factory.Dict({"source": "email-gateway", "tags": ["vpn", "remote"]})


class StatusMessageFactory(factory.DictFactory):
    """A ``tickets.tasks.update_ticket_status`` payload from workflow_api."""

    schema_version = SCHEMA_VERSION
    event_id = factory.LazyFunction(lambda: str(uuid.uuid4()))
    ticket_number = "TKT-2026-000001"
    status = "open"
    assignee = factory.Dict({"id": "303", "name": "Alex Agent"})
    sla_due_at = "2026-01-07T17:00:00+00:00"
    changed_at = "2026-01-05T10:00:00+00:00"

"""GET /api/v1/tickets/{id}/: rendered from rows (tickets.serializers.ticket_detail_render),
exactly as TicketDetailSerializer renders the ticket, in two queries."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from tickets.models import Ticket
from tickets.serializers import TicketDetailSerializer
from tickets.tests.factories import AttachmentFactory, TicketFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def serialized(ticket: Ticket) -> dict:
    return json.loads(JSONRenderer().render(TicketDetailSerializer(Ticket.objects.get(pk=ticket.pk)).data))


def test_a_ticket_with_attachments_is_what_ticket_detail_serializer_renders(admin, media_root):
    # given: two attachments, the second uploaded by an agent, and an assignee
    ticket = TicketFactory(
        tags=["vip"],
        sla_due_at=timezone.now() + timedelta(hours=4),
        assignee_id="200",
        assignee_name="Ann Agent",
    )
    AttachmentFactory(ticket=ticket)
    AttachmentFactory(ticket=ticket, name="screen.png", content_type="image/png", uploaded_by_id="200")

    # when
    by_id = admin.get(f"{TICKETS}{ticket.id}/")
    by_number = admin.get(f"{TICKETS}{ticket.number}/")

    # then: field for field, the attachments in their order
    assert by_id.status_code == 200
    assert by_id.json() == serialized(ticket) == by_number.json()
    assert [a["name"] for a in by_id.json()["attachments"]] == ["printer.log", "screen.png"]


def test_a_ticket_without_attachments_or_assignee_is_what_the_serializer_renders(requester):
    ticket = TicketFactory(requester_id="101", status="resolved", resolved_at=timezone.now(), department="")

    response = requester.get(f"{TICKETS}{ticket.id}/")

    assert response.json() == serialized(ticket)
    assert response.json()["assignee"] is None and response.json()["attachments"] == []


def test_the_detail_takes_two_queries_whatever_its_attachments(admin, media_root, django_assert_num_queries):
    bare = TicketFactory()
    loaded = TicketFactory()
    for _ in range(5):
        AttachmentFactory(ticket=loaded)

    for ticket in (bare, loaded):
        with django_assert_num_queries(2):  # the ticket, its attachments
            assert admin.get(f"{TICKETS}{ticket.id}/").status_code == 200


def test_a_ticket_the_caller_cannot_see_is_the_same_404_as_none(requester):
    theirs = TicketFactory(requester_id="202")

    hidden = requester.get(f"{TICKETS}{theirs.id}/")
    absent = requester.get(f"{TICKETS}999999/")

    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json()

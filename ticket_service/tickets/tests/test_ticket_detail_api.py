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


def test_the_detail_finds_the_tickets_the_orm_finds_for_every_kind_of_caller():
    # tickets.listing.ticket_detail_rows answers as tickets.selectors.ticket_found does
    from tickets.listing import ticket_detail_rows
    from tickets.selectors import ticket_found
    from tts_common.authentication import TokenUser

    tickets = [
        TicketFactory(requester_id="101", department="Finance"),
        TicketFactory(requester_id="202", department="IT"),
        TicketFactory(requester_id="202", department="HR", assignee_id="303"),
        TicketFactory(requester_id="202", department="HR"),
        TicketFactory(requester_id="101", department="IT", is_deleted=True),
    ]
    callers = [
        TokenUser(id="1", email="a@example.com", name="Ada", roles=["tts:Admin"]),
        TokenUser(id="101", email="r@example.com", name="Rita", roles=[]),
        TokenUser(
            id="303",
            email="x@example.com",
            name="Alex",
            roles=["tts:IT Support"],
            claims={"department": "IT"},
        ),
        TokenUser(id="404", email="n@example.com", name="Nia", roles=["tts:IT Support"]),
    ]
    seen = 0
    for user in callers:
        for ticket in tickets:
            for lookup in (str(ticket.id), ticket.number):
                expected = ticket_found(user=user, lookup=lookup).exists()
                found, _ = ticket_detail_rows(user, lookup)
                assert (found is not None) == expected, (user.id, ticket.number, lookup)
                seen += expected
    assert 0 < seen < len(callers) * len(tickets) * 2  # some found, some not


@pytest.mark.parametrize("lookup", ["%00", "T%00", "99999999999999999999", "no-such-number"])
def test_a_lookup_no_ticket_can_have_is_404(admin, lookup):
    response = admin.get(f"{TICKETS}{lookup}/")

    assert response.status_code == 404


def test_a_lookup_with_a_null_character_finds_nothing_rather_than_failing():
    from tickets.listing import ticket_detail_rows
    from tts_common.authentication import TokenUser

    admin = TokenUser(id="1", email="a@example.com", name="Ada", roles=["tts:Admin"])

    assert ticket_detail_rows(admin, "T-\x00") == (None, [])

"""GET /api/v1/tickets/: field filters (bad values are a 400 naming the field), search,
ordering (priority by urgency), a capped page size and a constant number of queries."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tickets.models import Ticket
from tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [t["number"] for t in response.data["results"]]


def created(ticket: Ticket, at: datetime) -> Ticket:
    Ticket.objects.filter(pk=ticket.pk).update(created_at=at)
    ticket.refresh_from_db()
    return ticket


@pytest.mark.parametrize(
    ("field", "attribute", "wanted", "other"),
    [
        ("status", "status", "on_hold", "open"),
        ("priority", "priority", "urgent", "low"),
        ("category", "category", "Network", "Hardware"),
        ("subcategory", "subcategory", "VPN", "Printer"),
        ("department", "department", "Finance", "HR"),
        ("requester", "requester_id", "4242", "4343"),
        ("assignee", "assignee_id", "303", "404"),
    ],
)
def test_a_field_filter_keeps_only_matching_tickets(admin, field, attribute, wanted, other):
    # given
    match = TicketFactory(**{attribute: wanted})
    TicketFactory(**{attribute: other})

    # when
    response = admin.get(TICKETS, {field: wanted})

    # then
    assert numbers(response) == [match.number]


def test_assignee_none_keeps_only_unassigned_tickets(admin):
    unassigned = TicketFactory(assignee_id="")
    TicketFactory(assignee_id="303")

    assert numbers(admin.get(TICKETS, {"assignee": "none"})) == [unassigned.number]


def test_filters_combine_and_never_widen_visibility(requester):
    # given the requester's own urgent ticket, their low one, and someone else's urgent one
    mine = TicketFactory(requester_id="101", priority="urgent")
    TicketFactory(requester_id="101", priority="low")
    TicketFactory(requester_id="202", priority="urgent")

    # when the requester filters by priority, and by another requester
    urgent = requester.get(TICKETS, {"priority": "urgent"})
    others = requester.get(TICKETS, {"requester": "202"})

    # then
    assert numbers(urgent) == [mine.number]
    assert numbers(others) == []


def test_created_after_and_before_bound_the_creation_time(admin):
    # given tickets created on three days
    day = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    before = created(TicketFactory(), day - timedelta(days=1))
    inside = created(TicketFactory(), day)
    after = created(TicketFactory(), day + timedelta(days=1))

    # when
    since = admin.get(TICKETS, {"created_after": day.isoformat()})
    until = admin.get(TICKETS, {"created_before": day.isoformat()})
    window = admin.get(
        TICKETS, {"created_after": "2026-03-10T00:00:00Z", "created_before": "2026-03-11T00:00:00Z"}
    )

    # then created_after is inclusive, created_before exclusive
    assert numbers(since) == [after.number, inside.number]
    assert numbers(until) == [before.number]
    assert numbers(window) == [inside.number]


def test_a_utc_offset_postgresql_does_not_know_is_compared_in_utc_not_a_500(admin):
    # given a ticket created at 2026-03-10 08:00 UTC (= 2026-03-11 00:00 at +16:00)
    ticket = created(TicketFactory(), datetime(2026, 3, 10, 8, 0, tzinfo=UTC))

    # when the filter names an offset Python accepts and PostgreSQL refuses (beyond ±15:59)
    response = admin.get(TICKETS, {"created_after": "2026-03-11T00:00:00+16:00"})

    # then
    assert numbers(response) == [ticket.number]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "bogus"),
        ("priority", "asap"),
        ("created_after", "notadate"),
        ("created_before", "2026-13-45"),
        # before the first instant UTC can name
        ("created_after", "0001-01-01T00:00:00+01:00"),
    ],
)
def test_an_invalid_filter_value_is_400_naming_the_field(admin, field, value):
    TicketFactory()

    response = admin.get(TICKETS, {field: value})

    assert response.status_code == 400
    assert list(response.data) == [field]


@pytest.mark.parametrize("where", ["number", "subject", "description"])
def test_search_matches_number_subject_and_description_case_insensitively(admin, where):
    # given
    wanted = TicketFactory(subject="Printer jam", description="Tray two is stuck")
    TicketFactory(subject="VPN down", description="Cannot reach the intranet")
    term = {"number": wanted.number.lower(), "subject": "PRINTER", "description": "tray TWO"}[where]

    # when / then
    assert numbers(admin.get(TICKETS, {"search": term})) == [wanted.number]


def test_search_does_not_match_other_fields(admin):
    TicketFactory(subject="s", description="d", requester_email="needle@example.com", category="needle")

    assert numbers(admin.get(TICKETS, {"search": "needle"})) == []


def test_minus_priority_puts_urgent_first_by_urgency_not_alphabet(admin):
    # given (alphabetically: high, low, medium, urgent)
    by_priority = {p: TicketFactory(priority=p) for p in ("medium", "urgent", "low", "high")}

    # when
    descending = admin.get(TICKETS, {"ordering": "-priority"})
    ascending = admin.get(TICKETS, {"ordering": "priority"})

    # then
    urgency = ["urgent", "high", "medium", "low"]
    assert numbers(descending) == [by_priority[p].number for p in urgency]
    assert numbers(ascending) == [by_priority[p].number for p in reversed(urgency)]


def test_ordering_by_status_is_by_status_value(admin):
    tickets = [TicketFactory(status=s) for s in ("open", "closed", "new", "in_progress")]

    response = admin.get(TICKETS, {"ordering": "status"})

    assert numbers(response) == [t.number for t in sorted(tickets, key=lambda t: t.status)]


def test_ordering_by_sla_due_at_both_ways(admin):
    # given
    now = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    late, soon, middle = (TicketFactory(sla_due_at=now + timedelta(hours=h)) for h in (48, 2, 24))

    # when / then
    assert numbers(admin.get(TICKETS, {"ordering": "sla_due_at"})) == [
        soon.number,
        middle.number,
        late.number,
    ]
    assert numbers(admin.get(TICKETS, {"ordering": "-sla_due_at"})) == [
        late.number,
        middle.number,
        soon.number,
    ]


def test_ordering_by_created_at_both_ways(admin):
    base = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    second, first, third = (created(TicketFactory(), base + timedelta(days=d)) for d in (1, 0, 2))

    assert numbers(admin.get(TICKETS, {"ordering": "created_at"})) == [
        first.number,
        second.number,
        third.number,
    ]
    assert numbers(admin.get(TICKETS, {"ordering": "-created_at"})) == [
        third.number,
        second.number,
        first.number,
    ]


def test_ordering_by_updated_at_follows_the_last_change(admin):
    # given three tickets, the first of them edited last
    first, second, third = TicketFactory(), TicketFactory(), TicketFactory()
    first.subject = "edited"
    first.save()

    # when / then
    assert numbers(admin.get(TICKETS, {"ordering": "-updated_at"})) == [
        first.number,
        third.number,
        second.number,
    ]
    assert numbers(admin.get(TICKETS, {"ordering": "updated_at"})) == [
        second.number,
        third.number,
        first.number,
    ]


def test_page_size_is_capped_at_one_hundred(admin):
    # given
    TicketFactory.create_batch(101)

    # when
    response = admin.get(TICKETS, {"page_size": 500})

    # then
    assert response.status_code == 200
    assert response.data["count"] == 101
    assert len(response.data["results"]) == 100
    assert response.data["next"] is not None


def test_page_size_chooses_the_page_length(admin):
    TicketFactory.create_batch(7)

    response = admin.get(TICKETS, {"page_size": 5, "page": 2})

    assert len(response.data["results"]) == 2
    assert response.data["next"] is None


@pytest.mark.parametrize("viewer", ["admin", "agent", "requester"])
def test_listing_ten_tickets_takes_as_many_queries_as_listing_one(request, viewer):
    # given one ticket the viewer sees
    client = request.getfixturevalue(viewer)
    see = {"requester_id": "101", "department": "IT", "assignee_id": "303"}
    TicketFactory(**see)
    with CaptureQueriesContext(connection) as one:
        assert client.get(TICKETS).data["count"] == 1

    # when there are ten
    TicketFactory.create_batch(9, **see)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(TICKETS).data["count"] == 10

    # then
    assert len(ten.captured_queries) == len(one.captured_queries) <= 2

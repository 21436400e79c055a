"""The ticket list's own SQL (tickets.listing) lists what the ORM, django-filter's rules and
DRF's SearchFilter and OrderingFilter listed: for every caller, filter, search and ordering
tried here, the same tickets in the same order (ties broken by the id, newest first)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Q

from tickets.models import Ticket
from tickets.selectors import ticket_list
from tickets.tests.factories import TicketFactory
from tts_common.authentication import TokenUser
from tts_common.filters import priority_rank

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
USERS = {
    "admin": TokenUser(id="1", email="ada@example.com", name="Ada", roles=["tts:Admin"]),
    "agent": TokenUser(
        id="303", email="a@example.com", name="Alex", roles=["tts:IT Support"], claims={"department": "IT"}
    ),
    "requester": TokenUser(id="101", email="r@example.com", name="Rita", roles=[]),
}


@pytest.fixture
def tickets():
    # 24 tickets over every field the list filters, searches and sorts by; shared creation
    # times, statuses and priorities make ties that only the id breaks
    made = []
    for n in range(24):
        ticket = TicketFactory(
            subject=["Printer jam", "VPN down", "50% packet loss", "new_hire laptop"][n % 4],
            description=["Tray two", "", "Cannot reach the intranet", "Needs a PRINTER"][n % 3],
            category=["Hardware", "Network"][n % 2],
            subcategory=["", "Printer", "VPN"][n % 3],
            department=["IT", "HR", "", "Finance"][n % 4],
            priority=["low", "medium", "high", "urgent"][n % 4],
            status=["new", "open", "in_progress", "resolved", "closed", "on_hold"][n % 6],
            requester_id=["101", "202", "303"][n % 3],
            assignee_id=["", "303", "404"][n % 3],
            sla_due_at=None if n % 5 == 0 else START + timedelta(hours=n % 7),
        )
        made.append(ticket)
    for n, ticket in enumerate(made):
        moment = START + timedelta(days=n // 3)
        Ticket.objects.filter(pk=ticket.pk).update(
            created_at=moment, updated_at=moment + timedelta(hours=24 - n)
        )
    return made


SEARCH = lambda term: Q(number__icontains=term) | Q(subject__icontains=term) | Q(description__icontains=term)  # noqa: E731
DEFAULT = ["-created_at"]
CASES = [
    ({}, Q(), DEFAULT),
    ({"status": "open"}, Q(status="open"), DEFAULT),
    ({"priority": "high", "category": "Network"}, Q(priority="high", category="Network"), DEFAULT),
    ({"department": "IT", "subcategory": "Printer"}, Q(department="IT", subcategory="Printer"), DEFAULT),
    ({"category": " Hardware "}, Q(category="Hardware"), DEFAULT),  # stripped, as CharFilter strips
    ({"requester": "202"}, Q(requester_id="202"), DEFAULT),
    ({"assignee": "none"}, Q(assignee_id=""), DEFAULT),
    ({"assignee": "404", "status": "new"}, Q(assignee_id="404", status="new"), DEFAULT),
    ({"created_after": "2026-03-04T09:00:00Z"}, Q(created_at__gte=START + timedelta(days=2)), DEFAULT),
    ({"created_before": "2026-03-04T10:00:00+01:00"}, Q(created_at__lt=START + timedelta(days=2)), DEFAULT),
    ({"search": "printer"}, SEARCH("printer"), DEFAULT),
    ({"search": "50%"}, SEARCH("50%"), DEFAULT),
    ({"search": "new_hire"}, SEARCH("new_hire"), DEFAULT),
    ({"search": '"vpn down" intranet'}, SEARCH("vpn down") & SEARCH("intranet"), DEFAULT),
    ({"ordering": "priority"}, Q(), [priority_rank().asc()]),
    ({"ordering": "-priority,number"}, Q(), [priority_rank().desc(), "number"]),
    ({"ordering": "sla_due_at"}, Q(), ["sla_due_at"]),
    ({"ordering": "-sla_due_at"}, Q(), ["-sla_due_at"]),
    ({"ordering": "status,-updated_at"}, Q(), ["status", "-updated_at"]),
    ({"ordering": "bogus,-number"}, Q(), ["-number"]),
    ({"ordering": "bogus"}, Q(), DEFAULT),
    (
        {"status": "closed", "search": "printer", "ordering": "created_at"},
        Q(status="closed") & SEARCH("printer"),
        ["created_at"],
    ),
]


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(("params", "where", "order"), CASES)
def test_the_list_is_what_the_orm_lists(client_as, tickets, who, params, where, order):
    user = USERS[who]
    client = client_as(
        user_id=user.id, email=user.email, name=user.name, roles=user.roles, department=user.department
    )
    expected = list(
        ticket_list(user=user).filter(where).order_by(*order, "-id").values_list("number", flat=True)
    )

    response = client.get(TICKETS, {**params, "page_size": 100})

    assert response.status_code == 200, response.data
    assert [t["number"] for t in response.json()["results"]] == expected
    assert response.json()["count"] == len(expected)


def test_pages_never_overlap_on_ties(admin, tickets):
    # three tickets share each creation time: the id decides, page after page
    seen = []
    for page in range(1, 6):
        seen += [t["id"] for t in admin.get(TICKETS, {"page_size": 5, "page": page}).json()["results"]]

    assert len(seen) == len(set(seen)) == 24


@pytest.mark.parametrize("name", ["status", "search", "category", "created_after", "ordering"])
def test_a_null_character_is_a_400_naming_the_parameter(admin, name):
    response = admin.get(TICKETS, {name: "open\x00"})

    assert response.status_code == 400
    assert list(response.data) == [name]

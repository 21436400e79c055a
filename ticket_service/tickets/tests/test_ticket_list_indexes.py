"""Every list filter has an index of its own, led by the filter and ordered like the list,
so a filtered page never needs a sequential scan. Checked with PostgreSQL's planner on the
list's own SQL (tickets.listing):
with sequential scans priced out (``enable_seqscan = off``, for this transaction only)
the plan names the filter's index, not merely some index."""

import pytest
from django.db import connection

from tickets.listing import TicketRows, ticket_query
from tickets.models import Ticket
from tickets.tests.factories import TicketFactory
from tts_common.authentication import TokenUser

pytestmark = pytest.mark.django_db

ADMIN = TokenUser(id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])


@pytest.fixture
def no_seqscan():
    assert connection.vendor == "postgresql"
    TicketFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # ends with the test's transaction


def explain(user: TokenUser, params: dict, *, counting: bool = False) -> str:
    rows = TicketRows(ticket_query(user, params))
    sql, values = rows.count_sql(10_000) if counting else rows.page_sql(slice(0, 20))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", values)
        return "\n".join(line for (line,) in cursor.fetchall())


WITH_STATUS = {"department": ["ticket_dept_status_idx"], "assignee_id": ["ticket_assignee_status_idx"]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "open"),
        ("priority", "urgent"),
        ("category", "Network"),
        ("department", "Finance"),
        ("requester_id", "101"),
        ("assignee_id", "303"),
    ],
)
def test_the_list_filtered_by_a_field_uses_that_fields_index(no_seqscan, field, value):
    # when the list's page, filtered and newest first, is planned
    plan = explain(ADMIN, {field.removesuffix("_id"): value})

    # then an index led by that field is used (department and assignee have two: with
    # the creation time for the list's order, with the status for agents' filtered counts)
    indexes = [f"ticket_{field[:12]}_idx", *WITH_STATUS.get(field, [])]
    assert any(f"Index Scan using {i}" in plan or f"Bitmap Index Scan on {i}" in plan for i in indexes), plan
    assert "Seq Scan" not in plan


def test_a_requesters_own_list_uses_the_requester_index(no_seqscan):
    requester = TokenUser(id="101", email="rita@example.com", name="Rita Requester", roles=[])

    plan = explain(requester, {})

    assert "ticket_requester_id_idx" in plan, plan


def test_the_unfiltered_list_uses_the_creation_index(no_seqscan):
    plan = explain(ADMIN, {})

    assert "ticket_created_idx" in plan, plan
    assert "Seq Scan" not in plan


def test_an_agents_count_by_status_reads_only_the_matching_rows():
    # given tickets of several departments, statuses and assignees, with planner statistics
    statuses = ["new", "open", "in_progress", "on_hold", "resolved", "closed", "rejected"]
    Ticket.objects.bulk_create(
        Ticket(
            number=f"IDX-{n}",
            subject="s",
            category="Hardware",
            department=["IT", "HR", "Sales", "Legal", "Finance", "Facilities"][n % 6],
            status=statuses[n % 7],
            requester_id=str(1000 + n),
            assignee_id=str(300 + n % 40),
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tickets_ticket")
    agent = TokenUser(
        id="303", email="a@example.com", name="Alex", roles=["tts:IT Support"], claims={"department": "IT"}
    )

    # when the list's count is planned, filtered by status
    plan = explain(agent, {"status": "open"}, counting=True)

    # then each term of the visibility rule is narrowed by status in an index: the count
    # does not read every open ticket of the table
    assert "BitmapOr" in plan, plan
    assert "ticket_dept_status_idx" in plan and "ticket_assignee_status_idx" in plan, plan

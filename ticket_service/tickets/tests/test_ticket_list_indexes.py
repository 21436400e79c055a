"""Every list filter has an index of its own, led by the filter and ordered like the list,
so a filtered page never needs a sequential scan. Checked with PostgreSQL's planner:
with sequential scans priced out (``enable_seqscan = off``, for this transaction only)
the plan names the filter's index, not merely some index."""

import pytest
from django.db import connection

from tickets.selectors import ticket_list
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
    # given the list queryset as the API builds it, filtered and newest first
    queryset = ticket_list(user=ADMIN).filter(**{field: value}).order_by("-created_at")

    # when
    plan = queryset.explain()

    # then
    index = f"ticket_{field[:12]}_idx"
    assert f"Index Scan using {index}" in plan or f"Bitmap Index Scan on {index}" in plan, plan
    assert "Seq Scan" not in plan


def test_a_requesters_own_list_uses_the_requester_index(no_seqscan):
    requester = TokenUser(id="101", email="rita@example.com", name="Rita Requester", roles=[])

    plan = ticket_list(user=requester).order_by("-created_at").explain()

    assert "ticket_requester_id_idx" in plan, plan


def test_the_unfiltered_list_uses_the_creation_index(no_seqscan):
    plan = ticket_list(user=ADMIN).order_by("-created_at").explain()

    assert "ticket_created_idx" in plan, plan
    assert "Seq Scan" not in plan

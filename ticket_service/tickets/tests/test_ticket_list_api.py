"""GET /api/v1/tickets/: newest first, paginated, searchable, a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tickets.tests.factories import TicketFactory, TicketStatusHistoryFactory
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def test_it_lists_newest_first_in_the_paginated_shape(requester):
    # given
    first, second, third = (TicketFactory(requester_id="101") for _ in range(3))

    # when
    response = requester.get(TICKETS, {"page_size": 2})

    # then
    assert response.status_code == 200
    assert set(response.data) == {"count", "next", "previous", "results"}
    assert response.data["count"] == 3
    assert [t["number"] for t in response.data["results"]] == [third.number, second.number]
    assert response.data["next"].endswith("page=2&page_size=2")
    assert response.data["previous"] is None


def test_the_schema_documents_the_list_as_a_page_not_a_bare_array(requester):
    # the fuzzer found the schema promising an array where the answer is a page
    TicketFactory(requester_id="101")

    assert_conforms("tickets", "GET /api/v1/tickets/", requester.get(TICKETS))


def test_the_history_is_one_array_as_the_schema_says(requester):
    ticket = TicketFactory(requester_id="101")
    TicketStatusHistoryFactory(ticket=ticket)

    response = requester.get(f"{TICKETS}{ticket.number}/history/")

    assert response.status_code == 200 and len(response.json()) == 1
    assert_conforms("tickets", "GET /api/v1/tickets/{id}/history/", response)


def test_search_finds_a_ticket_by_number(admin):
    # given
    wanted, _other = TicketFactory(), TicketFactory()

    # when
    response = admin.get(TICKETS, {"search": wanted.number})

    # then
    assert [t["number"] for t in response.data["results"]] == [wanted.number]


@pytest.mark.parametrize("page", ["abc", "999", "0", "-1"])
def test_a_page_that_does_not_exist_is_404_not_500(requester, page):
    TicketFactory(requester_id="101")

    response = requester.get(TICKETS, {"page": page})

    assert response.status_code == 404
    assert response.data == {"detail": "Invalid page."}


def test_an_unknown_ordering_field_is_ignored_not_500(requester):
    TicketFactory(requester_id="101")

    response = requester.get(TICKETS, {"ordering": "requester_email,;drop"})

    assert response.status_code == 200
    assert response.data["count"] == 1


def test_the_list_uses_a_constant_number_of_queries(admin, django_assert_num_queries):
    # given one ticket, and the queries its listing takes
    TicketFactory()
    with CaptureQueriesContext(connection) as one:
        assert admin.get(TICKETS).data["count"] == 1
    TicketFactory.create_batch(4)

    # when / then five tickets take exactly as many
    with django_assert_num_queries(len(one.captured_queries)):
        assert admin.get(TICKETS).data["count"] == 5

"""GET /api/v1/workflow-tickets/ for admins: newest first, filters, and 4xx (never 500) for bad input."""

import pytest

from tickets.tests.factories import WorkflowTicketFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/workflow-tickets/"


def test_it_lists_newest_first_in_the_paginated_shape(admin):
    # given
    older, newer = WorkflowTicketFactory(), WorkflowTicketFactory()

    # when
    response = admin.get(TICKETS)

    # then
    assert response.status_code == 200
    assert set(response.data) == {"count", "next", "previous", "results"}
    assert [t["ticket_number"] for t in response.data["results"]] == [
        newer.ticket_number,
        older.ticket_number,
    ]


def test_it_filters_by_status_and_priority(admin):
    # given
    wanted = WorkflowTicketFactory(payload__status="open", payload__priority="urgent")
    WorkflowTicketFactory(payload__status="open", payload__priority="low")
    WorkflowTicketFactory(payload__status="new", payload__priority="urgent")

    # when
    response = admin.get(TICKETS, {"status": "open", "priority": "urgent"})

    # then
    assert [t["ticket_number"] for t in response.data["results"]] == [wanted.ticket_number]


def test_an_unknown_filter_value_is_400_naming_the_field(admin):
    response = admin.get(TICKETS, {"priority": "asap"})

    assert response.status_code == 400
    assert "priority" in response.data


@pytest.mark.parametrize("page", ["abc", "999"])
def test_a_page_that_does_not_exist_is_404_not_500(admin, page):
    WorkflowTicketFactory()

    response = admin.get(TICKETS, {"page": page})

    assert response.status_code == 404
    assert response.data == {"detail": "Invalid page."}


def test_write_methods_are_not_allowed(admin):
    response = admin.post(TICKETS, {"ticket_number": "TKT-2026-000001"}, format="json")

    assert response.status_code == 405

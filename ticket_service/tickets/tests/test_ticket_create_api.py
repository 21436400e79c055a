"""POST /api/v1/tickets/: what a valid request creates, and clear 400s for bad input (never a 500)."""

import pytest

from tickets.models import OutboxMessage, Ticket

pytestmark = pytest.mark.django_db

TICKETS = "/api/v1/tickets/"


def _valid(**overrides):
    return {"subject": "Laptop will not boot", "category": "IT", **overrides}


def test_it_creates_a_ticket_owned_by_the_caller(requester):
    # when
    response = requester.post(
        TICKETS,
        _valid(
            description="Black screen",
            subcategory="Hardware",
            department="Finance",
            priority="high",
            tags=["vip"],
        ),
        format="json",
    )

    # then
    assert response.status_code == 201
    body = response.data
    assert body["subject"] == "Laptop will not boot"
    assert body["priority"] == "high"
    assert body["status"] == "new"
    assert body["source"] == "api"  # Bearer-authenticated: an integrator
    assert body["tags"] == ["vip"]
    assert body["requester"] == {"id": "101", "name": "Rita Requester", "email": "rita@example.com"}
    assert body["assignee"] is None
    assert Ticket.objects.get(number=body["number"]).requester_id == "101"


def test_priority_defaults_to_medium(requester):
    response = requester.post(TICKETS, _valid(), format="json")

    assert response.status_code == 201
    assert response.data["priority"] == "medium"


def test_the_body_cannot_choose_requester_status_or_number(requester):
    # when
    response = requester.post(
        TICKETS,
        _valid(requester_id="999", requester={"id": "999"}, status="closed", number="TKT-1999-000001"),
        format="json",
    )

    # then
    assert response.status_code == 201
    assert response.data["requester"]["id"] == "101"
    assert response.data["status"] == "new"
    assert response.data["number"] != "TKT-1999-000001"


def test_missing_subject_and_category_are_named_in_the_error(requester):
    response = requester.post(TICKETS, {"description": "no subject"}, format="json")

    assert response.status_code == 400
    assert response.data == {
        "subject": ["This field is required."],
        "category": ["This field is required."],
    }


def test_a_blank_subject_is_400(requester):
    response = requester.post(TICKETS, _valid(subject="   "), format="json")

    assert response.status_code == 400
    assert response.data["subject"] == ["This field may not be blank."]


def test_an_invalid_priority_names_the_valid_values(requester):
    # when
    response = requester.post(TICKETS, _valid(priority="asap"), format="json")

    # then
    assert response.status_code == 400
    [message] = response.data["priority"]
    assert '"asap"' in message
    for valid in ("low", "medium", "high", "urgent"):
        assert valid in message


def test_more_than_twenty_tags_is_400(requester):
    response = requester.post(TICKETS, _valid(tags=[f"tag{i}" for i in range(21)]), format="json")

    assert response.status_code == 400
    assert response.data["tags"] == ["Ensure this field has no more than 20 elements."]


@pytest.mark.parametrize(
    ("tags", "field_error"),
    [
        (["x" * 51], {0: ["Ensure this field has no more than 50 characters."]}),
        ("not-a-list", ['Expected a list of items but got type "str".']),
        ([{"nested": "object"}], {0: ["Not a valid string."]}),
    ],
    ids=["tag too long", "not a list", "not strings"],
)
def test_malformed_tags_are_400(requester, tags, field_error):
    response = requester.post(TICKETS, _valid(tags=tags), format="json")

    assert response.status_code == 400
    assert response.data["tags"] == field_error


def test_a_subject_over_255_characters_is_400(requester):
    response = requester.post(TICKETS, _valid(subject="x" * 256), format="json")

    assert response.status_code == 400
    assert response.data["subject"] == ["Ensure this field has no more than 255 characters."]


def test_a_nul_character_is_400_not_a_database_error(requester):
    response = requester.post(TICKETS, _valid(subject="bad\x00subject"), format="json")

    assert response.status_code == 400
    assert "subject" in response.data


def test_malformed_json_is_400(requester):
    response = requester.generic("POST", TICKETS, '{"subject": ', content_type="application/json")

    assert response.status_code == 400
    assert response.data["detail"].startswith("JSON parse error")


def test_a_json_array_body_is_400(requester):
    response = requester.post(TICKETS, [_valid()], format="json")

    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}


def test_a_rejected_request_writes_nothing(requester):
    requester.post(TICKETS, _valid(priority="asap"), format="json")

    assert not Ticket.objects.exists()
    assert not OutboxMessage.objects.exists()

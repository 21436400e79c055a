"""The ticket rule (tts_common.access): one definition, read as a query by ticket_service
and against a fetched ticket by messaging_service."""

import pytest

from tts_common.access import ticket_visibility_terms, ticket_visible
from tts_common.authentication import TokenUser

TICKET = {"requester_id": "42", "assignee_id": "7", "department": "IT"}


def user(uid, roles=(), department=""):
    return TokenUser(id=uid, email="", name="", roles=list(roles), claims={"department": department})


@pytest.mark.parametrize(
    "who, sees",
    [
        (user("42"), True),  # the requester
        (user("7", ["tts:IT Support"]), True),  # the assignee
        (user("8", ["tts:IT Support"], "IT"), True),  # an agent of the ticket's department
        (user("8", ["tts:HR"], "HR"), False),  # an agent elsewhere
        (user("8", [], "IT"), False),  # a requester of the same department is no agent
        (user("7", []), False),  # assigned, but holds no TTS role any more
        (user("1", ["tts:Admin"]), True),
        (user("svc", ["service:messaging"]), True),
        (user("9", ["other:Admin"]), False),
    ],
)
def test_who_sees_a_ticket(who, sees):
    assert ticket_visible(who, TICKET) is sees


def test_an_empty_field_never_matches_an_empty_claim():
    # an unassigned ticket and an agent without a department see nothing through blanks
    assert not ticket_visible(
        user("8", ["tts:IT Support"]), {"requester_id": "42", "assignee_id": "", "department": ""}
    )


def test_admins_and_services_have_no_terms_and_others_a_requester_term_first():
    assert ticket_visibility_terms(user("1", ["tts:Admin"])) is None
    assert ticket_visibility_terms(user("42")) == [("requester_id", "42")]

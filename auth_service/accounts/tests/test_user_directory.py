"""The user directory: colleagues found for mentions, by search (agents) or exact handle (services)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import RoleFactory, UserFactory, UserSystemRoleFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/users/directory/"


@pytest.fixture
def people(tts):
    alan = UserFactory(email="Alan@Example.com", first_name="Alan", last_name="Turing", department="IT")
    UserSystemRoleFactory(user=alan, role=RoleFactory(system=tts, name="IT Support"))
    grace = UserFactory(email="grace@example.com", first_name="Grace", last_name="Brewster Hopper")
    gone = UserFactory(email="gone@example.com", first_name="Alan", last_name="Gone", is_active=False)
    return {"alan": alan, "grace": grace, "gone": gone}


@pytest.fixture
def service(client_as):
    return client_as(user_id="service:messaging", roles=["service:messaging"])


@pytest.fixture
def agent(client_as):
    return client_as(user_id="7", roles=["tts:IT Support"])


def test_a_service_resolves_email_and_name_handles_case_insensitively(service, people):
    response = service.get(URL, {"handle": ["alan@example.com", "Grace.Brewster.Hopper", "nobody"]})

    assert response.status_code == 200, response.content
    rows = {row["email"]: row for row in response.data["results"]}
    assert set(rows) == {"Alan@Example.com", "grace@example.com"}
    alan = rows["Alan@Example.com"]
    assert alan == {
        "id": people["alan"].id,
        "email": "Alan@Example.com",
        "name": "Alan Turing",
        "handle": "alan.turing",
        "department": "IT",
        "roles": ["tts:IT Support"],
    }
    assert rows["grace@example.com"]["handle"] == "grace.brewster.hopper"


def test_deactivated_accounts_are_never_found(service, agent, people):
    assert service.get(URL, {"handle": "gone@example.com"}).data["results"] == []
    assert [r["email"] for r in agent.get(URL, {"search": "alan"}).data["results"]] == ["Alan@Example.com"]


def test_an_agent_searches_by_part_of_a_name_or_email(agent, people):
    response = agent.get(URL, {"search": "hop"})

    assert response.status_code == 200
    assert [r["name"] for r in response.data["results"]] == ["Grace Brewster Hopper"]


@pytest.mark.parametrize(
    "params,field",
    [
        ({}, "search"),
        ({"search": "a"}, "search"),
        ({"handle": [f"u{i}@example.com" for i in range(21)]}, "handle"),
    ],
)
def test_a_query_too_broad_is_refused_with_a_reason(agent, params, field):
    response = agent.get(URL, params)

    assert response.status_code == 400
    assert field in response.data


def test_a_requester_may_not_browse_colleagues(client_as, people):
    assert client_as(user_id="42", roles=[]).get(URL, {"search": "alan"}).status_code == 403


def test_the_directory_costs_the_same_queries_for_one_user_and_many(service, tts, people):
    def count(handles):
        with CaptureQueriesContext(connection) as ctx:
            response = service.get(URL, {"handle": handles})
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.data["results"])

    one = count(["alan@example.com"])
    for i in range(5):
        user = UserFactory(email=f"bulk{i}@example.com")
        UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="IT Support"))
    many = count(["alan@example.com", *[f"bulk{i}@example.com" for i in range(5)]])
    assert many[1] == 6 and one[1] == 1
    assert many[0] == one[0]

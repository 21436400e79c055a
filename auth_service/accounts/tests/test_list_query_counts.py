"""List endpoints cost a constant number of queries, however many rows they return."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import CustomRoleFactory, RoleFactory, UserFactory, UserSystemRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(tts, other_system):
    user = UserFactory(email="admin@example.com")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="Admin"))
    UserSystemRoleFactory(user=user, role=RoleFactory(system=other_system, name="Admin"))
    return user


@pytest.fixture
def watched_role(tts):
    return CustomRoleFactory(system=tts, name="Watched")


def _add_rows(kind, n, tts, role, admin):
    """n more rows of what the list under test shows."""
    for _ in range(n):
        if kind == "users":
            user = UserFactory()
            UserSystemRoleFactory(user=user, role=CustomRoleFactory(system=tts))
            UserSystemRoleFactory(user=user, role=role, granted_by=admin)
        elif kind == "roles":
            CustomRoleFactory(system=tts)
        else:  # grants, members
            UserSystemRoleFactory(role=role, granted_by=admin)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.data["count"]


@pytest.mark.parametrize(
    "kind,url",
    [
        ("users", "/api/v1/users/"),
        ("roles", "/api/v1/tts/roles/"),
        ("grants", "/api/v1/tts/grants/"),
        ("members", "/api/v1/tts/roles/{role}/users/"),
    ],
)
def test_a_list_costs_the_same_number_of_queries_for_one_row_and_five(
    as_user, admin, tts, watched_role, kind, url
):
    # given one row, measured
    client = as_user(admin)
    url = url.format(role=watched_role.id)
    _add_rows(kind, 1, tts, watched_role, admin)
    one, count_one = _queries(client, url)

    # when four more rows exist
    _add_rows(kind, 4, tts, watched_role, admin)
    five, count_five = _queries(client, url)

    # then the list grew and the query count did not
    assert count_five == count_one + 4
    assert five == one, f"{url}: {one} queries for {count_one} rows, {five} for {count_five}"


def test_the_user_list_still_shows_each_users_active_roles(as_user, admin, tts):
    # given
    alan = UserFactory(email="alan.quorra@example.com", first_name="Alan", last_name="Quorra")
    UserSystemRoleFactory(user=alan, role=RoleFactory(system=tts, name="IT Support"))
    UserSystemRoleFactory(user=alan, role=RoleFactory(system=tts, name="Auditor"), is_active=False)

    # when
    response = as_user(admin).get("/api/v1/users/", {"search": "alan.quorra@"})  # faker names may hold "alan"

    # then
    (row,) = response.data["results"]
    assert row["roles"] == ["tts:IT Support"]
    assert row["is_active"] is True

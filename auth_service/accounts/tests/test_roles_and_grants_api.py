"""The rules of role and grant management beyond who may call: no self-service, built-in roles
stay, names are unique, the URL's system scopes every id, and bad input is a 400, never a 500."""

import pytest

from accounts.models import OutboxMessage, Role, UserSystemRole
from accounts.tests.factories import CustomRoleFactory, RoleFactory, UserFactory, UserSystemRoleFactory
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(tts):
    user = UserFactory(email="admin@example.com")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="Admin"))
    return user


@pytest.fixture
def admin_client(as_user, admin):
    return as_user(admin)


@pytest.fixture
def support(tts):
    return RoleFactory(system=tts, name="IT Support")


# --- nobody changes their own roles ----------------------------------------------------------


def test_an_admin_cannot_grant_themselves_a_role(admin_client, admin, support):
    response = admin_client.post(
        "/api/v1/tts/grants/", {"user_id": admin.id, "role_id": support.id}, format="json"
    )

    assert response.status_code == 403
    assert not UserSystemRole.objects.filter(user=admin, role=support).exists()
    assert not OutboxMessage.objects.exists()


def test_an_admin_cannot_revoke_their_own_role(admin_client, admin):
    own = admin.grants.get()

    response = admin_client.delete(f"/api/v1/tts/grants/{own.id}/")

    assert response.status_code == 403
    own.refresh_from_db()
    assert own.is_active


def test_an_admin_cannot_deactivate_themselves(admin_client, admin):
    response = admin_client.post(f"/api/v1/users/{admin.id}/deactivate/")

    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.is_active


def test_granting_to_a_deactivated_user_is_400(admin_client, support):
    gone = UserFactory(is_active=False)

    response = admin_client.post(
        "/api/v1/tts/grants/", {"user_id": gone.id, "role_id": support.id}, format="json"
    )

    assert response.status_code == 400
    assert response.data["user_id"]


# --- roles -----------------------------------------------------------------------------------


def test_a_built_in_role_cannot_be_deleted(admin_client, support):
    response = admin_client.delete(f"/api/v1/tts/roles/{support.id}/")

    assert response.status_code == 400
    assert response.data["detail"]
    assert Role.objects.filter(pk=support.id).exists()
    assert_conforms("auth", "DELETE /api/v1/{system}/roles/{id}/", response)


def test_the_admin_role_cannot_be_renamed(admin_client, admin):
    role = admin.grants.get().role

    response = admin_client.patch(f"/api/v1/tts/roles/{role.id}/", {"name": "Boss"}, format="json")

    assert response.status_code == 400
    role.refresh_from_db()
    assert role.name == "Admin"


def test_a_custom_role_can_be_deleted(admin_client, tts):
    role = CustomRoleFactory(system=tts, name="Reviewer")

    response = admin_client.delete(f"/api/v1/tts/roles/{role.id}/")

    assert response.status_code == 204
    assert not Role.objects.filter(pk=role.id).exists()


def test_a_created_role_is_custom(admin_client):
    response = admin_client.post(
        "/api/v1/tts/roles/", {"name": "Reviewer", "description": "Reviews."}, format="json"
    )

    assert response.status_code == 201
    assert response.data["is_custom"] is True
    assert response.data["system"] == "tts"
    assert response.data["version"] == 1


@pytest.mark.parametrize("name", ["IT Support", "it support", "IT SUPPORT"])
def test_a_duplicate_role_name_is_400(admin_client, support, name):
    response = admin_client.post("/api/v1/tts/roles/", {"name": name}, format="json")

    assert response.status_code == 400
    assert response.data["name"]
    assert Role.objects.filter(name__iexact="it support").count() == 1


def test_renaming_onto_an_existing_name_is_400(admin_client, tts, support):
    role = CustomRoleFactory(system=tts, name="Reviewer")

    response = admin_client.patch(f"/api/v1/tts/roles/{role.id}/", {"name": "it support"}, format="json")

    assert response.status_code == 400
    assert response.data["name"]


def test_the_same_name_in_another_system_is_fine(as_user, tts, other_system):
    other_admin = UserFactory()
    UserSystemRoleFactory(user=other_admin, role=RoleFactory(system=other_system, name="Admin"))
    RoleFactory(system=tts, name="Reviewer")

    response = as_user(other_admin).post("/api/v1/other/roles/", {"name": "Reviewer"}, format="json")

    assert response.status_code == 201


@pytest.mark.parametrize(
    "body,field",
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "tts:Admin"}, "name"),  # the separator of "<system>:<role>"
        ({"name": "-starts with a dash"}, "name"),
        ({"name": "Nul\x00byte"}, "name"),
        ({"name": ["a list"]}, "name"),
        ({"name": "Fine", "description": "x" * 2001}, "description"),
    ],
)
def test_bad_role_input_is_400_with_a_field_message(admin_client, body, field):
    response = admin_client.post("/api/v1/tts/roles/", body, format="json")

    assert response.status_code == 400
    assert response.data[field]
    assert not Role.objects.filter(is_custom=True).exists()


# --- grants ----------------------------------------------------------------------------------


def test_a_grant_is_created_and_listed(admin_client, admin, support):
    alan = UserFactory(email="alan@example.com")

    created = admin_client.post(
        "/api/v1/tts/grants/", {"user_id": alan.id, "role_id": support.id}, format="json"
    )
    listed = admin_client.get("/api/v1/tts/grants/", {"user_id": alan.id})

    assert created.status_code == 201
    assert created.data["user"]["email"] == "alan@example.com"
    assert created.data["role"]["name"] == "IT Support"
    assert created.data["granted_by"] == {"id": admin.id, "email": "admin@example.com"}
    assert [g["id"] for g in listed.data["results"]] == [created.data["id"]]


@pytest.mark.parametrize(
    "body,fields",
    [
        ({}, {"user_id", "role_id"}),
        ({"user_id": "abc", "role_id": 1}, {"user_id"}),
        ({"user_id": 1.5, "role_id": 1}, {"user_id"}),
        ({"user_id": 0, "role_id": 1}, {"user_id"}),
        ({"user_id": None, "role_id": 1}, {"user_id"}),
        ({"user_id": [1], "role_id": 1}, {"user_id"}),
        ({"user_id": "{alan}", "role_id": "nope"}, {"role_id"}),
        ({"user_id": "{alan}", "role_id": 999_999}, {"role_id"}),
        ({"user_id": 999_999, "role_id": "{support}"}, {"user_id"}),
        ({"user_id": 10**20, "role_id": "{support}"}, {"user_id"}),
        ({"user_id": "{alan}", "role_id": 10**20}, {"role_id"}),
    ],
)
def test_bad_grant_input_is_400_with_a_field_message(admin_client, support, body, fields):
    # given
    alan = UserFactory()
    ids = {"{alan}": alan.id, "{support}": support.id}
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}

    # when
    response = admin_client.post("/api/v1/tts/grants/", body, format="json")

    # then
    assert response.status_code == 400
    assert set(response.data) == fields
    assert not UserSystemRole.objects.filter(user=alan).exists()


def test_a_body_that_is_not_json_is_400(admin_client):
    response = admin_client.generic(
        "POST", "/api/v1/tts/grants/", "{not json", content_type="application/json"
    )

    assert response.status_code == 400


# --- the system in the URL scopes every id ---------------------------------------------------


@pytest.fixture
def foreign_role(other_system):
    return CustomRoleFactory(system=other_system, name="Clerk")


def test_a_role_of_another_system_is_404_under_this_one(admin_client, foreign_role):
    assert admin_client.get(f"/api/v1/tts/roles/{foreign_role.id}/").status_code == 404
    assert (
        admin_client.patch(f"/api/v1/tts/roles/{foreign_role.id}/", {"name": "X"}, format="json").status_code
        == 404
    )
    assert admin_client.delete(f"/api/v1/tts/roles/{foreign_role.id}/").status_code == 404
    assert admin_client.get(f"/api/v1/tts/roles/{foreign_role.id}/users/").status_code == 404
    assert Role.objects.get(pk=foreign_role.id).name == "Clerk"


def test_a_grant_of_another_system_is_404_under_this_one(admin_client, foreign_role):
    grant = UserSystemRoleFactory(role=foreign_role)

    assert admin_client.get(f"/api/v1/tts/grants/{grant.id}/").status_code == 404
    assert admin_client.delete(f"/api/v1/tts/grants/{grant.id}/").status_code == 404
    grant.refresh_from_db()
    assert grant.is_active


def test_granting_a_role_of_another_system_is_400(admin_client, foreign_role):
    alan = UserFactory()

    response = admin_client.post(
        "/api/v1/tts/grants/", {"user_id": alan.id, "role_id": foreign_role.id}, format="json"
    )

    assert response.status_code == 400
    assert response.data["role_id"]


def test_grant_lists_show_only_this_systems_grants(admin_client, admin, support, foreign_role):
    foreign = UserSystemRoleFactory(role=foreign_role)
    mine = UserSystemRoleFactory(role=support)

    response = admin_client.get("/api/v1/tts/grants/")

    listed = {g["id"] for g in response.data["results"]}
    assert listed == {mine.id, admin.grants.get().id}
    assert foreign.id not in listed


def test_an_unknown_system_slug_is_404(client_as, tts):
    # given callers who would be allowed, were the system real
    anyone = client_as(roles=[])
    service = client_as(user_id="service:workflow", roles=["service:workflow"])
    ghost_admin = client_as(user_id="1", roles=["ghost:Admin"])
    role = RoleFactory(system=tts, name="IT Support")

    # then
    assert anyone.get("/api/v1/ghost/roles/").status_code == 404
    assert anyone.get(f"/api/v1/ghost/roles/{role.id}/").status_code == 404
    assert service.get(f"/api/v1/ghost/roles/{role.id}/users/").status_code == 404
    assert ghost_admin.post("/api/v1/ghost/roles/", {"name": "Clerk"}, format="json").status_code == 404
    assert ghost_admin.get("/api/v1/ghost/grants/").status_code == 404
    assert (
        ghost_admin.post(
            "/api/v1/ghost/grants/", {"user_id": 1, "role_id": role.id}, format="json"
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/users/99999999999999999999/",
        "/api/v1/users/99999999999999999999/deactivate/",
        "/api/v1/tts/roles/99999999999999999999/",
        "/api/v1/tts/roles/99999999999999999999/users/",
        "/api/v1/tts/grants/99999999999999999999/",
    ],
)
def test_an_id_beyond_bigint_is_404_not_500(admin_client, path):
    method = "post" if path.endswith("deactivate/") else "get"

    response = getattr(admin_client, method)(path)

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/users/", "/api/v1/tts/grants/"])
@pytest.mark.parametrize("search", ["\x00", "admin\x00"])
def test_a_nul_byte_in_search_is_ignored_not_a_500(admin_client, path, search):
    response = admin_client.get(path, {"search": search})

    assert response.status_code == 200
    assert response.data["count"] == 1  # the admin (and their grant): NULs are dropped


@pytest.mark.parametrize("param", ["user_id", "role_id"])
@pytest.mark.parametrize("value", ["\u00b2", "\u0661", "99999999999999999999", "-1", "1.0", "\x00"])
def test_odd_grant_filters_are_not_a_500(admin_client, param, value):
    response = admin_client.get("/api/v1/tts/grants/", {param: value})

    assert response.status_code == 200


def test_a_role_name_differing_only_in_case_is_refused_by_the_database_too(tts):
    # given a role, and a racing create that slipped past the API's own check
    from django.db import IntegrityError, transaction

    from accounts.models import Role

    Role.objects.create(system=tts, name="Field Support")

    # then the constraint stops it
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(system=tts, name="field support")

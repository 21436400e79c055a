import pytest

from tts_common.permissions import HasRole

ADMIN = ["tts:Admin"]
SERVICE = ["service:workflow"]
AGENT = ["tts:Agent"]
SUPERVISOR = ["tts:Supervisor"]
OTHER_SYSTEM_ADMIN = ["hdts:Admin"]


@pytest.mark.parametrize(
    ("path", "roles", "status"),
    [
        ("/api/v1/admin-only/", ADMIN, 200),
        ("/api/v1/admin-only/", AGENT, 403),
        ("/api/v1/admin-only/", SERVICE, 403),
        ("/api/v1/admin-only/", OTHER_SYSTEM_ADMIN, 403),
        ("/api/v1/admin-only/", [], 403),
        ("/api/v1/service-only/", SERVICE, 200),
        ("/api/v1/service-only/", ADMIN, 403),
        ("/api/v1/service-only/", ["services:fake"], 403),
        ("/api/v1/admin-or-service/", ADMIN, 200),
        ("/api/v1/admin-or-service/", SERVICE, 200),
        ("/api/v1/admin-or-service/", AGENT, 403),
        ("/api/v1/admin-or-service/", OTHER_SYSTEM_ADMIN, 403),
        ("/api/v1/agent-or-supervisor/", AGENT, 200),
        ("/api/v1/agent-or-supervisor/", SUPERVISOR, 200),
        ("/api/v1/agent-or-supervisor/", ["hdts:Agent", "tts:Supervisor"], 200),
        ("/api/v1/agent-or-supervisor/", ADMIN, 403),
        ("/api/v1/agent-or-supervisor/", ["tts:agent"], 403),
        ("/api/v1/agent-or-supervisor/", ["hdts:Agent"], 403),
    ],
)
def test_role_permissions_allow_and_deny(client_as, path, roles, status):
    response = client_as(roles=roles).get(path)

    assert response.status_code == status


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/admin-only/",
        "/api/v1/service-only/",
        "/api/v1/admin-or-service/",
        "/api/v1/agent-or-supervisor/",
    ],
)
def test_unauthenticated_caller_gets_401_not_403(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_denial_names_what_is_required(client_as):
    response = client_as(roles=AGENT).get("/api/v1/admin-only/")

    assert response.status_code == 403
    assert response.data == {"detail": "Requires one of the roles: tts:Admin."}


def test_has_role_classes_are_independent_and_named():
    agent, admin = HasRole("tts:Agent"), HasRole("tts:Admin", "hdts:Admin")

    assert agent is not admin
    assert agent.__name__ == "HasRole(tts:Agent)"
    assert admin.message == "Requires one of the roles: tts:Admin, hdts:Admin."

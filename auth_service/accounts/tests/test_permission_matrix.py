"""Who may call what: every endpoint of accounts/urls.py against every kind of caller.

Callers: anonymous; a plain user (no roles); an agent (tts:IT Support); the admin of another
system (other:Admin); the tts admin (tts:Admin); and a service token (service:workflow).
A refused request (401/403) changes nothing.
"""

from types import SimpleNamespace

import pytest

from accounts.models import AuditEvent, OutboxMessage, PasswordResetToken, Role, User, UserSystemRole
from accounts.tests.conftest import LOGOUT_URL, REFRESH_URL, TOKEN_URL
from accounts.tests.factories import (
    PASSWORD,
    CustomRoleFactory,
    RoleFactory,
    UserFactory,
    UserSystemRoleFactory,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-New-Secret-42"
ACTORS = ["anonymous", "plain", "agent", "other_admin", "tts_admin", "service"]

# method, path, body, then the expected status for each of ACTORS in order.
MATRIX = [
    # any signed-in person; a service token names no account
    ("get", "/api/v1/users/profile/", None, [401, 200, 200, 200, 200, 404]),
    ("patch", "/api/v1/users/profile/", {"department": "Ops"}, [401, 200, 200, 200, 200, 404]),
    (
        "post",
        "/api/v1/users/password/change/",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        [401, 200, 200, 200, 200, 404],
    ),
    ("get", "/api/v1/users/totp/", None, [401, 200, 200, 200, 200, 404]),
    ("post", "/api/v1/users/totp/", None, [401, 201, 201, 201, 201, 404]),
    # allowed, then refused on the merits: no second factor enabled / enrolment not started
    ("delete", "/api/v1/users/totp/", {"code": "123456"}, [401, 400, 400, 400, 400, 404]),
    ("post", "/api/v1/users/totp/confirm/", {"code": "123456"}, [401, 400, 400, 400, 400, 404]),
    # any signed-in caller
    ("get", "/api/v1/systems/", None, [401, 200, 200, 200, 200, 200]),
    ("get", "/api/v1/tts/roles/", None, [401, 200, 200, 200, 200, 200]),
    ("get", "/api/v1/tts/roles/{role}/", None, [401, 200, 200, 200, 200, 200]),
    # colleagues to mention: agents, tts admins and services
    ("get", "/api/v1/users/directory/?search=ex", None, [401, 403, 200, 403, 200, 200]),
    # the admin of any system manages accounts
    ("get", "/api/v1/users/", None, [401, 403, 403, 200, 200, 403]),
    ("post", "/api/v1/users/", {"email": "new@example.com"}, [401, 403, 403, 201, 201, 403]),
    ("get", "/api/v1/users/{target}/", None, [401, 403, 403, 200, 200, 403]),
    ("patch", "/api/v1/users/{target}/", {"department": "Ops"}, [401, 403, 403, 200, 200, 403]),
    ("post", "/api/v1/users/{target}/deactivate/", None, [401, 403, 403, 200, 200, 403]),
    ("post", "/api/v1/users/{target}/activate/", None, [401, 403, 403, 200, 200, 403]),
    # only the admin of the system in the URL changes its roles and grants
    ("post", "/api/v1/tts/roles/", {"name": "Auditor"}, [401, 403, 403, 403, 201, 403]),
    ("patch", "/api/v1/tts/roles/{role}/", {"description": "Signs off."}, [401, 403, 403, 403, 200, 403]),
    ("delete", "/api/v1/tts/roles/{role}/", None, [401, 403, 403, 403, 204, 403]),
    ("get", "/api/v1/tts/roles/{role}/users/", None, [401, 403, 403, 403, 200, 200]),
    ("get", "/api/v1/tts/grants/", None, [401, 403, 403, 403, 200, 403]),
    (
        "post",
        "/api/v1/tts/grants/",
        {"user_id": "{target}", "role_id": "{support}"},
        [401, 403, 403, 403, 201, 403],
    ),
    ("get", "/api/v1/tts/grants/{grant}/", None, [401, 403, 403, 403, 200, 403]),
    ("delete", "/api/v1/tts/grants/{grant}/", None, [401, 403, 403, 403, 200, 403]),
    # ... and the other system's admin only the other system
    ("post", "/api/v1/other/roles/", {"name": "Auditor"}, [401, 403, 403, 201, 403, 403]),
    ("get", "/api/v1/other/roles/{other_role}/users/", None, [401, 403, 403, 200, 403, 200]),
    ("get", "/api/v1/other/grants/", None, [401, 403, 403, 200, 403, 403]),
    (
        "post",
        "/api/v1/other/grants/",
        {"user_id": "{target}", "role_id": "{other_role}"},
        [401, 403, 403, 201, 403, 403],
    ),
]

CASES = [
    pytest.param(method, path, body, actor, statuses[i], id=f"{method.upper()} {path} as {actor}")
    for method, path, body, statuses in MATRIX
    for i, actor in enumerate(ACTORS)
]


@pytest.fixture
def world(tts, other_system):
    """Two systems, a person of each kind, and a user with a custom role to act on."""
    admin_role = RoleFactory(system=tts, name="Admin")
    support = RoleFactory(system=tts, name="IT Support")
    reviewer = CustomRoleFactory(system=tts, name="Reviewer")
    other_role = RoleFactory(system=other_system, name="Admin")
    people = {
        "plain": UserFactory(email="plain@example.com"),
        "agent": UserFactory(email="agent@example.com"),
        "other_admin": UserFactory(email="other-admin@example.com"),
        "tts_admin": UserFactory(email="admin@example.com"),
    }
    UserSystemRoleFactory(user=people["agent"], role=support)
    UserSystemRoleFactory(user=people["other_admin"], role=other_role)
    UserSystemRoleFactory(user=people["tts_admin"], role=admin_role)
    target = UserFactory(email="target@example.com")
    grant = UserSystemRoleFactory(user=target, role=reviewer)
    return SimpleNamespace(
        people=people,
        ids={
            "target": target.id,
            "role": reviewer.id,
            "support": support.id,
            "grant": grant.id,
            "other_role": other_role.id,
        },
    )


@pytest.fixture
def client_for(api_client, as_user, client_as, world):
    def _client(actor):
        if actor == "anonymous":
            return api_client
        if actor == "service":
            return client_as(
                user_id="service:workflow", email="", name="workflow", roles=["service:workflow"]
            )
        return as_user(world.people[actor])

    return _client


def _fill(value, ids):
    """Put the world's ids into a body: ``"{target}"`` becomes the target user's id."""
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value


def _state():
    """Everything a request could have changed, for 'a refusal changes nothing'."""
    return (
        list(
            User.objects.order_by("id").values_list(
                "id", "is_active", "department", "password", "totp_secret"
            )
        ),
        list(Role.objects.order_by("id").values_list("id", "name", "description", "version")),
        list(UserSystemRole.objects.order_by("id").values_list("id", "is_active", "version")),
        OutboxMessage.objects.count(),
        AuditEvent.objects.count(),
        PasswordResetToken.objects.count(),
    )


@pytest.mark.parametrize("method,path,body,actor,expected", CASES)
def test_access(client_for, world, method, path, body, actor, expected):
    # given
    url = path.format(**world.ids)
    data = _fill(body, world.ids)
    before = _state()

    # when
    response = getattr(client_for(actor), method)(url, data, format="json")

    # then
    assert response.status_code == expected, response.content
    if expected in (401, 403):
        assert _state() == before
    if expected == 401:
        assert response["WWW-Authenticate"] == 'Bearer realm="tts"'


def test_every_route_is_in_the_matrix():
    """A new endpoint must join the matrix (or the public list below) before it ships."""
    from accounts.urls import urlpatterns

    covered = {path.removeprefix("/api/v1/").split("?")[0] for _, path, _, _ in MATRIX} | {
        "users/token/",
        "users/token/refresh/",
        "auth/logout/",
        "users/password/reset/",
        "users/password/reset/confirm/",
    }
    for pattern in urlpatterns:
        route = (
            str(pattern.pattern)
            .replace("<slug:system>", "tts")
            .replace("users/<int:pk>", "users/{target}")
            .replace("roles/<int:pk>", "roles/{role}")
            .replace("grants/<int:pk>", "grants/{grant}")
        )
        assert route in covered, f"{pattern.pattern} is not in the permission matrix"


# --- the public endpoints answer without a token ---------------------------------------------


def test_anonymous_can_sign_in(api_client, world):
    response = api_client.post(
        TOKEN_URL, {"username": "target@example.com", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200


def test_anonymous_can_refresh_with_a_refresh_token(api_client, sign_in, world):
    token = sign_in("target@example.com").data["refresh"]
    api_client.cookies.clear()

    response = api_client.post(REFRESH_URL, {"refresh": token}, format="json")

    assert response.status_code == 200


def test_anonymous_can_log_out(api_client, world):
    assert api_client.post(LOGOUT_URL, {}, format="json").status_code == 200


def test_anonymous_can_ask_for_and_confirm_a_password_reset(api_client, world, outbox_payloads):
    # given
    asked = api_client.post("/api/v1/users/password/reset/", {"email": "target@example.com"}, format="json")
    (payload,) = outbox_payloads("notifications.tasks.send_notification")
    token = payload["link"].split("token=", 1)[1]

    # when
    confirmed = api_client.post(
        "/api/v1/users/password/reset/confirm/", {"token": token, "new_password": NEW_PASSWORD}, format="json"
    )

    # then
    assert asked.status_code == 202
    assert confirmed.status_code == 200

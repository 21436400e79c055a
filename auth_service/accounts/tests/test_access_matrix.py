"""Who may call what on auth_service: every endpoint × every kind of caller
(tts_common.access_matrix), the public ones included.

The callers are accounts in the database: the requester holds no role; the agent and the
other agent hold tts:IT Support (in two departments: auth_service tells them apart by
nothing); the admin holds tts:Admin; ``other_admin`` holds the Admin role of another
system. The admin of any system manages accounts; only the admin of the system in the URL
changes its roles and grants; a service token names no account. A refused request
changes nothing.
"""

import pytest

from accounts.selectors import user_role_names
from accounts.tests.factories import (
    PASSWORD,
    CustomRoleFactory,
    RoleFactory,
    UserFactory,
    UserSystemRoleFactory,
)
from accounts.token_services import token_pair_issue
from tts_common.access_matrix import CALLERS, OTHER_DEPARTMENT, AccessMatrix, Expect, World

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-New-Secret-42"
# ... anonymous, requester, agent, other agent, admin, service, other system's admin
PEOPLE = (401, 200, 200, 200, 200, 404, 200)  # any signed-in person; a service token names no account
SIGNED_IN = (401, 200, 200, 200, 200, 200, 200)
ANYONE = (200, 200, 200, 200, 200, 200, 200)
ACCOUNT_ADMINS = (401, 403, 403, 403, 200, 403, 200)  # the admin of any system
TTS_ADMIN = (401, 403, 403, 403, 200, 403, 403)
OTHER_ADMIN = (401, 403, 403, 403, 403, 403, 200)

MATRIX = AccessMatrix(
    {
        # --- signing in and out: no token needed, a token changes nothing
        ("POST", "/api/v1/users/token/"): Expect(
            *ANYONE, body={"username": "target@example.com", "password": PASSWORD}
        ),
        ("POST", "/api/v1/users/token/refresh/"): Expect(*ANYONE, body={"refresh": "{refresh}"}),
        ("POST", "/api/v1/auth/logout/"): ANYONE,
        ("POST", "/api/v1/users/password/reset/"): Expect(
            202, 202, 202, 202, 202, 202, 202, body={"email": "target@example.com"}
        ),
        ("POST", "/api/v1/users/password/reset/confirm/"): Expect(
            400, 400, 400, 400, 400, 400, 400, body={"token": "not-a-token", "new_password": NEW_PASSWORD}
        ),
        # --- my own account
        ("GET", "/api/v1/users/profile/"): PEOPLE,
        ("PATCH", "/api/v1/users/profile/"): Expect(*PEOPLE, body={"department": "Ops"}),
        ("POST", "/api/v1/users/password/change/"): Expect(
            *PEOPLE, body={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        ),
        ("GET", "/api/v1/users/totp/"): PEOPLE,
        ("POST", "/api/v1/users/totp/"): (401, 201, 201, 201, 201, 404, 201),
        # allowed, then refused on the merits: no second factor enabled / enrolment not started
        ("DELETE", "/api/v1/users/totp/"): Expect(401, 400, 400, 400, 400, 404, 400, body={"code": "123456"}),
        ("POST", "/api/v1/users/totp/confirm/"): Expect(
            401, 400, 400, 400, 400, 404, 400, body={"code": "123456"}
        ),
        # --- colleagues to mention: agents, tts admins and services
        ("GET", "/api/v1/users/directory/?search=ex"): (401, 403, 200, 200, 200, 200, 403),
        # --- accounts: the admin of any system
        ("GET", "/api/v1/users/"): ACCOUNT_ADMINS,
        ("POST", "/api/v1/users/"): Expect(
            401, 403, 403, 403, 201, 403, 201, body={"email": "new@example.com"}
        ),
        ("GET", "/api/v1/users/{target}/"): ACCOUNT_ADMINS,
        ("PATCH", "/api/v1/users/{target}/"): Expect(*ACCOUNT_ADMINS, body={"department": "Ops"}),
        ("POST", "/api/v1/users/{target}/deactivate/"): ACCOUNT_ADMINS,
        ("POST", "/api/v1/users/{target}/activate/"): ACCOUNT_ADMINS,
        # --- systems and roles: anyone signed in reads them
        ("GET", "/api/v1/systems/"): SIGNED_IN,
        ("GET", "/api/v1/tts/roles/"): SIGNED_IN,
        ("GET", "/api/v1/tts/roles/{role}/"): SIGNED_IN,
        # ... only the admin of the system in the URL changes its roles and grants
        ("POST", "/api/v1/tts/roles/"): Expect(401, 403, 403, 403, 201, 403, 403, body={"name": "Auditor"}),
        ("PATCH", "/api/v1/tts/roles/{role}/"): Expect(*TTS_ADMIN, body={"description": "Signs off."}),
        ("DELETE", "/api/v1/tts/roles/{role}/"): (401, 403, 403, 403, 204, 403, 403),
        ("GET", "/api/v1/tts/roles/{role}/users/"): (401, 403, 403, 403, 200, 200, 403),
        ("GET", "/api/v1/tts/grants/"): TTS_ADMIN,
        ("POST", "/api/v1/tts/grants/"): Expect(
            401, 403, 403, 403, 201, 403, 403, body={"user_id": "{target}", "role_id": "{support}"}
        ),
        ("GET", "/api/v1/tts/grants/{grant}/"): TTS_ADMIN,
        ("DELETE", "/api/v1/tts/grants/{grant}/"): TTS_ADMIN,
        # ... and the other system's admin only the other system
        ("POST", "/api/v1/other/roles/"): Expect(401, 403, 403, 403, 403, 403, 201, body={"name": "Auditor"}),
        ("GET", "/api/v1/other/roles/{other_role}/users/"): (401, 403, 403, 403, 403, 200, 200),
        ("GET", "/api/v1/other/grants/"): OTHER_ADMIN,
        ("POST", "/api/v1/other/grants/"): Expect(
            401, 403, 403, 403, 403, 403, 201, body={"user_id": "{target}", "role_id": "{other_role}"}
        ),
    },
    callers=(*CALLERS, "other_admin"),
)


@pytest.fixture
def world(tts, other_system, settings) -> World:
    """Two systems, a person of each kind, and a user with a custom role to act on."""
    # seven callers sign in or ask for a reset from one address, one after the other
    settings.LOGIN_RATE_PER_IP = settings.PASSWORD_RESET_RATE_PER_IP = 100
    support = RoleFactory(system=tts, name="IT Support")
    grants = {
        "requester": [],
        "agent": [support],
        "other_agent": [support],
        "admin": [RoleFactory(system=tts, name="Admin")],
        "other_admin": [other_role := RoleFactory(system=other_system, name="Admin")],
    }
    claims = {}
    for caller, roles in grants.items():
        user = UserFactory(
            email=f"{caller}@example.com", department=OTHER_DEPARTMENT if caller == "other_agent" else "IT"
        )
        for role in roles:
            UserSystemRoleFactory(user=user, role=role)
        claims[caller] = {
            "user_id": str(user.id),
            "email": user.email,
            "name": user.full_name,
            "roles": user_role_names(user=user, second_factor=True),
            "department": user.department,
        }
    target = UserFactory(email="target@example.com")
    reviewer = CustomRoleFactory(system=tts, name="Reviewer")
    grant = UserSystemRoleFactory(user=target, role=reviewer)
    return World(
        ids={
            "target": target.id,
            "role": reviewer.id,
            "support": support.id,
            "grant": grant.id,
            "other_role": other_role.id,
            "refresh": token_pair_issue(user=target, second_factor=False).refresh,
        },
        claims=claims,
    )


@pytest.mark.parametrize("endpoint", MATRIX.endpoints(), ids=str)
def test_who_may_call_what(check_access, world, endpoint):
    check_access(MATRIX, endpoint, world)


def test_every_endpoint_has_a_row(world):
    MATRIX.assert_complete(world)

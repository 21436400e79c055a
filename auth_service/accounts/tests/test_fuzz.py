"""Schemathesis against auth_service's own schema, as every role (tts_common.fuzzing)."""

import pytest

from accounts.tests.factories import (
    CustomRoleFactory,
    RoleFactory,
    SystemFactory,
    UserFactory,
    UserSystemRoleFactory,
)
from tts_common import fuzzing

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    """Accounts behind the role tokens, a system with built-in and custom roles, and grants."""
    tts = SystemFactory(slug="tts")
    admin_role = RoleFactory(system=tts, name="Admin")
    support = RoleFactory(system=tts, name="IT Support")
    custom = CustomRoleFactory(system=tts, name="Night Shift")
    requester = UserFactory(email="rita@example.com")
    agent = UserFactory(email="alex@example.com")
    admin = UserFactory(email="ada@example.com")
    grants = [
        UserSystemRoleFactory(user=agent, role=support),
        UserSystemRoleFactory(user=admin, role=admin_role),
    ]
    return {
        "claims": {
            "requester": {"user_id": str(requester.id)},
            "agent": {"user_id": str(agent.id)},
            "admin": {"user_id": str(admin.id)},
        },
        "known": {
            "system": ["tts"],
            "id": [requester.id, agent.id, admin_role.id, support.id, custom.id, *(g.id for g in grants)],
        },
    }


@pytest.mark.parametrize("operation", fuzzing.operations("auth"))
@pytest.mark.parametrize("role", fuzzing.ROLES)
def test_fuzz(fuzz, seeded, role, operation):
    fuzz(role, operation, known=seeded["known"], claims=seeded["claims"].get(role))

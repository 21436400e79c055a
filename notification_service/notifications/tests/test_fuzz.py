"""Schemathesis against notification_service's own schema, as every role (tts_common.fuzzing)."""

import pytest

from notifications.tests.factories import NotificationFactory, PreferenceFactory
from tts_common import fuzzing

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    mine = NotificationFactory(user_id=fuzzing.REQUESTER_ID)
    agents = NotificationFactory(user_id=fuzzing.AGENT_ID, is_read=True)
    PreferenceFactory(user_id=fuzzing.REQUESTER_ID)
    return {"id": [mine.id, agents.id]}


@pytest.mark.parametrize("operation", fuzzing.operations("notifications"))
@pytest.mark.parametrize("role", fuzzing.ROLES)
def test_fuzz(fuzz, known, role, operation):
    fuzz(role, operation, known=known)

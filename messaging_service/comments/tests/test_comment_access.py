"""GET /api/v1/comments/: admins only for now (until access checks against ticket_service land)."""

import pytest

from comments.tests.factories import CommentFactory
from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db

COMMENTS = "/api/v1/comments/"
FORGED = forged_tokens()


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_token_is_401(api_client, token):
    # given
    CommentFactory(ticket_number="TKT-2026-000001")

    # when
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api_client.get(COMMENTS, {"ticket": "TKT-2026-000001"})

    # then
    assert response.status_code == 401
    assert "results" not in response.data


def test_without_a_token_it_is_401(api_client):
    response = api_client.get(COMMENTS, {"ticket": "TKT-2026-000001"})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tts"'


def test_an_agent_without_the_admin_role_is_403(agent):
    # given
    CommentFactory(ticket_number="TKT-2026-000001")

    # when
    response = agent.get(COMMENTS, {"ticket": "TKT-2026-000001"})

    # then
    assert response.status_code == 403
    assert response.data == {"detail": "Requires one of the roles: tts:Admin."}


def test_the_author_of_a_comment_without_the_admin_role_is_403_too(client_as):
    comment = CommentFactory(ticket_number="TKT-2026-000001", author_id="55")

    response = client_as(user_id="55", roles=[]).get(COMMENTS, {"ticket": comment.ticket_number})

    assert response.status_code == 403


def test_an_admin_reads_a_tickets_comments(admin):
    CommentFactory(ticket_number="TKT-2026-000001")

    response = admin.get(COMMENTS, {"ticket": "TKT-2026-000001"})

    assert response.status_code == 200
    assert response.data["count"] == 1


def test_write_methods_are_not_allowed(admin):
    response = admin.post(COMMENTS, {"ticket_number": "TKT-2026-000001", "body": "hi"}, format="json")

    assert response.status_code == 405

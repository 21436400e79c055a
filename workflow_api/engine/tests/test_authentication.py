"""Forged tokens are 401. (No token at all, on every endpoint: test_access_matrix.py.)"""

import pytest

from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db

FORGED = forged_tokens()


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_token_is_401_on_the_task_list(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api_client.get("/api/v1/tasks/")

    assert response.status_code == 401
    assert "results" not in response.json()

"""Every endpoint of the service (as its OpenAPI schema lists them) answers 401 without a
token; forged tokens are 401 too."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from tts_common.testing import forged_tokens

pytestmark = pytest.mark.django_db

FORGED = forged_tokens()


def endpoints() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        concrete = re.sub(r"\{ticket_number\}", "TKT-2026-000001", path)
        concrete = re.sub(r"\{[^}]+\}", "1", concrete)
        found += [
            (method.upper(), concrete)
            for method in operations
            if method in {"get", "post", "put", "patch", "delete"}
        ]
    return sorted(found)


ENDPOINTS = endpoints()


def test_the_schema_lists_the_engine_and_designer_endpoints():
    paths = {path for _, path in ENDPOINTS}
    assert {
        "/api/v1/tasks/",
        "/api/v1/tasks/1/action/",
        "/api/v1/tasks/availability/",
        "/api/v1/workflows/1/graph/",
        "/api/v1/workflow-tickets/TKT-2026-000001/assign-workflow/",
        "/api/v1/audit/",
    } <= paths
    assert len(ENDPOINTS) >= 30


@pytest.mark.parametrize(("method", "path"), ENDPOINTS, ids=[f"{m} {p}" for m, p in ENDPOINTS])
def test_without_a_token_every_endpoint_is_401(api_client, method, path):
    response = getattr(api_client, method.lower())(path, {}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="tts"'


@pytest.mark.parametrize("token", [token for _, token in FORGED], ids=[case for case, _ in FORGED])
def test_a_forged_token_is_401_on_the_task_list(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = api_client.get("/api/v1/tasks/")

    assert response.status_code == 401
    assert "results" not in response.json()

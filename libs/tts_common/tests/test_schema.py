"""The OpenAPI schema names the error answers each endpoint really gives (tts_common.schema)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/schema/kernel/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def codes(schema, path, method):
    return set(schema["paths"][path][method]["responses"])


def test_every_authenticated_endpoint_documents_401_and_429_in_the_error_format(schema):
    responses = schema["paths"]["/api/v1/whoami/"]["get"]["responses"]

    assert {"401", "429"} <= set(responses)
    assert responses["401"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "Retry-After" in responses["429"]["headers"]
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_403_is_documented_where_a_role_is_required_or_the_method_is_unsafe(schema):
    assert "403" in codes(schema, "/api/v1/admin-only/", "get")
    assert "403" in codes(schema, "/api/v1/whoami/", "post")  # the CSRF check of a cookie session
    assert "403" not in codes(schema, "/api/v1/whoami/", "get")  # any signed-in caller may


def test_404_is_documented_for_path_parameters_and_pages(schema):
    assert "404" in codes(schema, "/api/v1/failing/{kind}/", "get")
    assert "404" in codes(schema, "/api/v1/numbers/", "get")  # a page past the end
    assert "404" not in codes(schema, "/api/v1/whoami/", "get")

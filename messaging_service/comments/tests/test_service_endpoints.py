"""The paths every service answers under its short name: health, OpenAPI schema, Swagger UI, admin."""

import pytest

pytestmark = pytest.mark.django_db

SHORT = "messaging"


def test_health_is_200_when_database_and_broker_answer(api_client):
    response = api_client.get(f"/health/{SHORT}/")

    assert response.status_code == 200
    body = response.json()
    assert body["service"] == "messaging_service"
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "broker": "ok"}


def test_schema_is_an_openapi_document_with_the_service_paths(api_client):
    response = api_client.get(f"/api/schema/{SHORT}/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/comments/"]["get"]["parameters"]}
    assert parameters["ticket"]["required"] is True


def test_docs_are_a_swagger_page_pointing_at_the_schema(api_client):
    response = api_client.get(f"/api/docs/{SHORT}/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert f"/api/schema/{SHORT}/".encode() in response.content


def test_admin_login_page_is_served_under_the_short_name(client):
    response = client.get(f"/admin/{SHORT}/login/")

    assert response.status_code == 200
    assert b"TTS messaging administration" in response.content

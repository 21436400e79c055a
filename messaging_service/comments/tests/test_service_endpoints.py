"""The paths every service answers (the kernel's contract, for messaging_service)."""

import pytest

from tts_common.testing import ServiceEndpointsContract


class TestServiceEndpoints(ServiceEndpointsContract):
    short = "messaging"
    service = "messaging_service"
    paths = {"/api/v1/comments/"}


@pytest.mark.django_db
def test_the_schema_says_the_ticket_parameter_is_required(api_client):
    schema = api_client.get("/api/schema/messaging/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/comments/"]["get"]["parameters"]}
    assert parameters["ticket"]["required"] is True

"""Service-to-service calls carry a short-lived service token and follow pagination."""

import pytest

from tts_common.service_client import ServiceCallFailed, service_get, service_get_all


def test_it_calls_with_a_service_token(live_server):
    assert service_get(live_server.url, "/api/v1/service-only/") == {"ok": True}


def test_it_follows_every_page(live_server):
    numbers = service_get_all(live_server.url, "/api/v1/numbers/")

    assert [item["n"] for item in numbers] == list(range(250))


def test_an_error_answer_raises_with_the_status(live_server):
    with pytest.raises(ServiceCallFailed, match="HTTP 403"):
        service_get(live_server.url, "/api/v1/admin-only/")


def test_an_unreachable_service_raises():
    with pytest.raises(ServiceCallFailed, match="GET http://127.0.0.1:1/"):
        service_get("http://127.0.0.1:1", "/api/v1/numbers/")

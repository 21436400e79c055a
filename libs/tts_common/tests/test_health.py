import pytest
from django.test import override_settings

from tests.conftest import DEAD_BROKER_URL

pytestmark = pytest.mark.django_db


def test_health_is_200_when_database_and_broker_answer(api_client):
    response = api_client.get("/health/kernel/")

    assert response.status_code == 200
    assert response.json() == {
        "service": "kernel_tests",
        "status": "ok",
        "embedded": False,
        "checks": {"database": "ok", "broker": "ok"},
    }


def test_health_refuses_writes(api_client):
    assert api_client.post("/health/kernel/").status_code == 405


def test_health_is_503_when_the_broker_is_unreachable(api_client):
    with override_settings(CELERY_BROKER_URL=DEAD_BROKER_URL):
        response = api_client.get("/health/kernel/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "ok", "broker": "unreachable"}

"""DESIGN §3: integrators' Bearer tokens get API_RATE requests per user, then 429 with
Retry-After; the web UI's cookie sessions and service tokens are not counted."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/whoami/"


@pytest.fixture(autouse=True)
def three_a_minute(settings, isolated_cache):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "api": "3/min"},
    }


def test_a_bearer_token_is_limited_per_user(client_as):
    integrator = client_as(user_id="7")
    other = client_as(user_id="8")

    codes = [integrator.get(URL).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    assert int(integrator.get(URL)["Retry-After"]) > 0
    assert other.get(URL).status_code == 200, "the limit is per user"


def test_cookie_sessions_and_service_tokens_are_not_counted(api_client, make_token, client_as):
    api_client.cookies["access_token"] = make_token(user_id="7")
    service = client_as(user_id="service:workflow", roles=["service:workflow"])

    assert {api_client.get(URL).status_code for _ in range(5)} == {200}
    assert {service.get(URL).status_code for _ in range(5)} == {200}

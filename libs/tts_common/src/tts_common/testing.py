"""Pytest fixtures for every TTS suite (loaded as a pytest plugin).

``make_token`` mints access tokens with chosen claims; ``client_as`` gives an API client
authenticated as a user with chosen roles; :func:`forged_tokens` is the battery of bad
tokens every service must answer with 401.
"""

from __future__ import annotations

import base64
import json
import os
import time
import uuid
import warnings
from typing import Any

import pytest

# Test runs never touch a deployment's queues: unless the caller chose a prefix, every
# queue this process declares is named ``test.<random>.<queue>`` and deleted at the end.
# Set here, at plugin import, because pytest-django loads the settings (and with them
# the Celery app) before any conftest runs.
_OWN_PREFIX = "TTS_QUEUE_PREFIX" not in os.environ
if _OWN_PREFIX:
    os.environ["TTS_QUEUE_PREFIX"] = f"test.{uuid.uuid4().hex[:12]}."
# Suites call the APIs with Bearer tokens far more than an integrator may; the limit
# itself has its own tests, which lower it.
os.environ.setdefault("API_RATE", "100000/min")


def pytest_sessionfinish(session, exitstatus):
    if not _OWN_PREFIX:
        return
    try:
        from django.conf import settings

        if not settings.configured or not settings.CELERY_BROKER_URL.startswith("amqp"):
            return
        from tts_common.celery import delete_topology

        delete_topology(settings.CELERY_BROKER_URL, settings.TTS_QUEUE_PREFIX)
    except Exception as exc:  # cleanup is best effort; the suite's verdict stands
        warnings.warn(f"could not delete the test queues: {exc}", stacklevel=1)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "token_type": "access",
        "user_id": 1,
        "email": "agent@example.com",
        "name": "Agent One",
        "roles": [],
        "jti": uuid.uuid4().hex,
        "iat": now,
        "exp": now + 300,
        "iss": "tts-auth",
        "aud": "tts",
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not ...}


def sign(
    claims: dict[str, Any], *, key: str | None = None, algorithm: str = "HS256", headers: dict | None = None
) -> str:
    import jwt as pyjwt
    from django.conf import settings
    from jwt.warnings import InsecureKeyLengthWarning

    from tts_common.jwt import key_id

    key = key or settings.JWT_SIGNING_KEY
    # A header given as None is left out (PyJWT refuses a non-string kid).
    headers = {k: v for k, v in {"kid": key_id(key), **(headers or {})}.items() if v is not None}
    with warnings.catch_warnings():  # the HS512 forgery uses the (HS256-sized) real key on purpose
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
        return pyjwt.encode(claims, key, algorithm=algorithm, headers=headers)


def forged_tokens() -> list[tuple[str, str]]:
    """(case, token) pairs that must each be refused with 401."""
    from django.conf import settings

    from tts_common.jwt import key_id

    good = sign(_claims())
    head, body, sig = good.split(".")
    other_key = "another-key-that-is-long-enough-0123456789abcdef"
    kid = key_id(settings.JWT_SIGNING_KEY)

    def unsigned(alg: str, signature: str = "") -> str:
        header = _b64(json.dumps({"alg": alg, "typ": "JWT", "kid": kid}).encode())
        return f"{header}.{_b64(json.dumps(_claims()).encode())}.{signature}"

    return [
        ("wrong key, unknown kid", sign(_claims(), key=other_key)),
        ("wrong key, current kid", sign(_claims(), key=other_key, headers={"kid": kid})),
        ("alg none", unsigned("none")),
        ("HS512 with the right key", sign(_claims(), algorithm="HS512")),
        ("RS256 header", unsigned("RS256", _b64(b"\x00" * 256))),
        ("expired", sign(_claims(iat=int(time.time()) - 3600, exp=int(time.time()) - 600))),
        ("nbf in the future", sign(_claims(nbf=int(time.time()) + 600))),
        ("missing exp", sign(_claims(exp=...))),
        ("wrong audience", sign(_claims(aud="other"))),
        ("wrong issuer", sign(_claims(iss="someone-else"))),
        ("refresh token as access", sign(_claims(token_type="refresh"))),
        ("truncated signature", f"{head}.{body}.{sig[:-6]}"),
        ("oversized", sign(_claims(padding="x" * 10_000))),
        ("missing kid", sign(_claims(), headers={"kid": None})),
        ("garbage", "not-a-jwt"),
        ("roles not a list", sign(_claims(roles="tts:Admin"))),
    ]


@pytest.fixture
def make_token():
    """``make_token(user_id=7, roles=["tts:Admin"], exp=..., ...)`` → a signed access token."""

    def _make(**overrides: Any) -> str:
        return sign(_claims(**overrides))

    return _make


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def client_as(make_token):
    """``client_as(roles=[...], user_id=..., email=..., name=...)`` → an authenticated APIClient."""
    from rest_framework.test import APIClient

    def _client(**claims: Any):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(**claims)}")
        client.token_claims = _claims(**claims)
        return client

    return _client


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files land in a folder of this test's own."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def isolated_cache(settings):
    """The real shared cache (Redis), under a key prefix of this test's own, so counters
    such as login throttles never leak between tests or into a running deployment."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}"}
        for name, config in settings.CACHES.items()
    }
    from django.core.cache import cache

    yield cache


@pytest.fixture
def fuzz(make_token, settings, isolated_cache, media_root):
    """``fuzz(role, operation, known={"id": [...]}, claims={...})``: schemathesis against this
    service's own schema as ``role`` (see :mod:`tts_common.fuzzing`); ``known`` path parameter
    values aim some calls at seeded objects, ``claims`` overrides the role's token claims."""
    from tts_common import fuzzing

    # An exception in a view fails the test with its own traceback rather than a bare 500.
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True

    def _fuzz(role: str, operation: str, *, known: dict | None = None, claims: dict | None = None) -> None:
        fuzzing.run(
            settings.TTS_SERVICE_SHORT, role, operation, make_token=make_token, known=known, claims=claims
        )

    return _fuzz


class ServiceEndpointsContract:
    """The paths every service answers under its short name (DESIGN §3): health, OpenAPI
    schema, Swagger UI and admin. A service's suite subclasses it as
    ``TestServiceEndpoints`` and names itself::

        class TestServiceEndpoints(ServiceEndpointsContract):
            short, service, paths = "tickets", "ticket_service", {"/api/v1/tickets/"}
    """

    short: str
    service: str
    paths: set[str]

    @pytest.mark.django_db
    def test_health_is_200_when_database_and_broker_answer(self, api_client):
        response = api_client.get(f"/health/{self.short}/")

        assert response.status_code == 200
        body = response.json()
        assert (body["service"], body["status"]) == (self.service, "ok")
        assert body["checks"] == {"database": "ok", "broker": "ok"}

    @pytest.mark.django_db
    def test_schema_is_an_openapi_document_with_the_service_paths(self, api_client):
        response = api_client.get(
            f"/api/schema/{self.short}/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
        )

        assert response.status_code == 200
        schema = response.json()
        assert schema["openapi"].startswith("3.")
        assert self.paths <= set(schema["paths"])

    @pytest.mark.django_db
    def test_docs_are_a_swagger_page_pointing_at_the_schema(self, api_client):
        response = api_client.get(f"/api/docs/{self.short}/")

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        # its start-up script is a file of its own (the production CSP allows no inline script)
        assert b"<script>" not in response.content
        script = api_client.get(f"/api/docs/{self.short}/?script=")
        assert script.status_code == 200
        assert f"/api/schema/{self.short}/".encode() in script.content

    @pytest.mark.django_db
    def test_admin_login_page_is_served_under_the_short_name(self, client):
        response = client.get(f"/admin/{self.short}/login/")

        assert response.status_code == 200
        assert f"TTS {self.short} administration".encode() in response.content


@pytest.fixture
def check_access(make_token, isolated_cache):
    """``check_access(MATRIX, endpoint, world)``: call one row of a service's access matrix
    as every caller and assert each status (see :mod:`tts_common.access_matrix`)."""
    from tts_common.access_matrix import token_for

    def _check(matrix, endpoint, world) -> None:
        matrix.check(endpoint, world, token_for=token_for(make_token))

    return _check

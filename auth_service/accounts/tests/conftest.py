import pytest

from accounts.models import OutboxMessage, System
from accounts.selectors import user_role_names
from accounts.tests.factories import PASSWORD, SystemFactory

TOKEN_URL = "/api/v1/users/token/"
REFRESH_URL = "/api/v1/users/token/refresh/"
LOGOUT_URL = "/api/v1/auth/logout/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness tests nothing here; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache(isolated_cache):
    """Login throttles count in Redis; every test starts from zero."""
    return isolated_cache


@pytest.fixture
def tts() -> System:
    return SystemFactory(slug="tts", name="Ticket Tracking System")


@pytest.fixture
def other_system() -> System:
    return SystemFactory(slug="other", name="Another system")


@pytest.fixture
def sign_in(api_client):
    """``sign_in(email, password, otp=..., client=..., **headers)`` → the token endpoint's response."""

    def _sign_in(email, password=PASSWORD, *, otp=None, client=None, **headers):
        body = {"username": email, "password": password}
        if otp is not None:
            body["otp"] = otp
        return (client or api_client).post(TOKEN_URL, body, format="json", **headers)

    return _sign_in


@pytest.fixture
def refresh(api_client):
    """``refresh(token)`` → the refresh endpoint's response (token in the body)."""

    def _refresh(token, *, client=None, **headers):
        return (client or api_client).post(REFRESH_URL, {"refresh": token}, format="json", **headers)

    return _refresh


@pytest.fixture
def as_user(client_as):
    """``as_user(user)`` → an APIClient with an access token for ``user`` carrying their roles
    as they stand in the database (or ``roles=[...]`` to choose)."""

    def _as(user, roles=None):
        if roles is None:
            roles = user_role_names(user=user, second_factor=True)
        return client_as(user_id=str(user.id), email=user.email, name=user.full_name, roles=roles)

    return _as


@pytest.fixture
def outbox_payloads():
    """``outbox_payloads(task_name)`` → the payloads queued for ``task_name``, oldest first."""

    def _payloads(task_name):
        rows = OutboxMessage.objects.filter(task_name=task_name).order_by("created_at", "id")
        return [row.payload for row in rows]

    return _payloads

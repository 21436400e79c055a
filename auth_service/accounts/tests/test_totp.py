"""The TOTP second factor: enrolment, sign-in with a code, no replay, and systems that demand it."""

import time
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest

from accounts.models import AuditEvent, User
from accounts.tests.factories import RoleFactory, SystemFactory, UserFactory, UserSystemRoleFactory
from tts_common import jwt
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db

TOTP = "/api/v1/users/totp/"
CONFIRM = "/api/v1/users/totp/confirm/"


def _totp(user: User) -> pyotp.TOTP:
    user.refresh_from_db()
    return pyotp.TOTP(user.totp_secret)


def _next_code(user: User) -> str:
    """The code of the next time step: accepted (one step of drift) and never burned yet."""
    totp = _totp(user)
    return totp.at(time.time() + totp.interval)


@pytest.fixture
def ada():
    return UserFactory(email="ada@example.com")


@pytest.fixture
def enrolled(as_user, ada):
    """Ada has set up and confirmed her authenticator."""
    client = as_user(ada)
    assert client.post(TOTP).status_code == 201
    ada.confirmed_with = _totp(ada).now()
    assert client.post(CONFIRM, {"code": ada.confirmed_with}, format="json").status_code == 200
    return ada


def test_setup_returns_an_otpauth_uri_for_the_stored_secret(as_user, ada):
    # when
    response = as_user(ada).post(TOTP)

    # then
    assert response.status_code == 201
    uri = urlparse(response.data["otpauth_uri"])
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    ada.refresh_from_db()
    assert parse_qs(uri.query)["secret"] == [ada.totp_secret]
    assert "ada%40example.com" in uri.path or "ada@example.com" in uri.path
    assert not ada.totp_enabled  # not until a code confirms it


def test_confirm_with_a_valid_code_enables_it(as_user, ada):
    client = as_user(ada)
    client.post(TOTP)

    response = client.post(CONFIRM, {"code": _totp(ada).now()}, format="json")

    assert response.status_code == 200
    ada.refresh_from_db()
    assert ada.totp_enabled
    assert client.get(TOTP).data == {"enabled": True}
    assert AuditEvent.objects.filter(kind="totp_enabled", target_user_id=ada.id).count() == 1


def test_confirm_with_a_wrong_code_is_400(as_user, ada):
    client = as_user(ada)
    client.post(TOTP)
    wrong = f"{(int(_totp(ada).now()) + 1) % 1_000_000:06d}"

    response = client.post(CONFIRM, {"code": wrong}, format="json")

    assert response.status_code == 400
    assert response.data["code"]
    ada.refresh_from_db()
    assert not ada.totp_enabled


def test_confirm_before_setup_is_400(as_user, ada):
    response = as_user(ada).post(CONFIRM, {"code": "123456"}, format="json")

    assert response.status_code == 400


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef"])
def test_a_malformed_code_is_400(as_user, ada, code):
    response = as_user(ada).post(CONFIRM, {"code": code}, format="json")

    assert response.status_code == 400
    assert response.data["code"]


def test_once_enabled_a_password_alone_is_401_with_otp_required(sign_in, enrolled):
    response = sign_in("ada@example.com")

    assert response.status_code == 401
    assert response.data["otp_required"] is True
    assert "access" not in response.data


def test_once_enabled_a_valid_code_signs_in(sign_in, enrolled):
    response = sign_in("ada@example.com", otp=_next_code(enrolled))

    assert response.status_code == 200
    assert jwt.decode(response.data["access"])["user_id"] == str(enrolled.id)


def test_a_code_works_only_once(sign_in, enrolled):
    # given a sign-in with a code
    code = _next_code(enrolled)
    assert sign_in("ada@example.com", otp=code).status_code == 200

    # when the same code is replayed with the right password
    response = sign_in("ada@example.com", otp=code)

    # then
    assert response.status_code == 401
    assert "access" not in response.data


def test_the_code_that_confirmed_enrolment_cannot_sign_in(sign_in, enrolled):
    # the confirmation burned the current step: its code is spent
    response = sign_in("ada@example.com", otp=enrolled.confirmed_with)

    assert response.status_code == 401


def test_a_wrong_code_is_401_and_audited(sign_in, enrolled):
    wrong = f"{(int(_next_code(enrolled)) + 1) % 1_000_000:06d}"

    response = sign_in("ada@example.com", otp=wrong)

    assert response.status_code == 401
    assert AuditEvent.objects.filter(kind="login_failure", target_user_id=enrolled.id).count() == 1


def test_a_wrong_password_with_a_valid_code_is_401(sign_in, enrolled):
    response = sign_in("ada@example.com", "wrong", otp=_next_code(enrolled))

    assert response.status_code == 401
    assert "otp_required" not in response.data


def test_disable_needs_a_valid_code_and_ends_the_sessions(as_user, sign_in, refresh, enrolled):
    # given a signed-in session
    session = sign_in("ada@example.com", otp=_next_code(enrolled)).data["refresh"]
    # ... a minute later: the steps burned at sign-in are in the past
    totp = _totp(enrolled)
    User.objects.filter(pk=enrolled.pk).update(totp_last_step=int(time.time() // totp.interval) - 2)
    client = as_user(enrolled)
    assert client.delete(TOTP, {"code": "000000"}, format="json").status_code == 400

    # when
    response = client.delete(TOTP, {"code": totp.now()}, format="json")

    # then
    assert response.status_code == 204
    enrolled.refresh_from_db()
    assert not enrolled.totp_enabled and enrolled.totp_secret == ""
    assert refresh(session).status_code == 401
    assert sign_in("ada@example.com").status_code == 200


@pytest.fixture
def vault():
    """A system whose roles count only after a second factor."""
    return SystemFactory(slug="vault", name="Vault", require_totp=True)


def test_without_enrolment_a_totp_systems_roles_are_left_out_of_the_token(sign_in, tts, vault):
    # given
    user = UserFactory(email="ada@example.com")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="IT Support"))
    UserSystemRoleFactory(user=user, role=RoleFactory(system=vault, name="Keeper"))

    # when
    response = sign_in("ada@example.com")

    # then
    assert response.status_code == 200
    assert jwt.decode(response.data["access"])["roles"] == ["tts:IT Support"]
    assert response.data["user"]["roles"] == ["tts:IT Support"], "the user shown must match the token"
    assert response.data["totp_enrolment_required"] is True


def test_after_enrolment_a_sign_in_with_a_code_carries_the_totp_systems_roles(
    sign_in, refresh, vault, enrolled
):
    # given
    UserSystemRoleFactory(user=enrolled, role=RoleFactory(system=vault, name="Keeper"))

    # when
    response = sign_in("ada@example.com", otp=_next_code(enrolled))

    # then, and the refreshed token keeps them
    assert jwt.decode(response.data["access"])["roles"] == ["vault:Keeper"]
    assert response.data["totp_enrolment_required"] is False
    rotated = refresh(response.data["refresh"])
    assert jwt.decode(rotated.data["access"])["roles"] == ["vault:Keeper"]


def test_without_a_totp_system_no_enrolment_is_asked(sign_in, tts):
    user = UserFactory(email="ada@example.com")
    UserSystemRoleFactory(user=user, role=RoleFactory(system=tts, name="IT Support"))

    response = sign_in("ada@example.com")

    assert response.data["totp_enrolment_required"] is False


def test_disabling_without_a_code_is_a_documented_400(as_user, enrolled):
    # the code travels in a DELETE body, which OpenAPI 3.0 cannot show; the 400 is documented
    response = as_user(enrolled).delete(TOTP)

    assert response.status_code == 400
    assert_conforms("auth", "DELETE /api/v1/users/totp/", response)

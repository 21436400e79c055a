import time
from datetime import timedelta

import jwt as pyjwt
import pytest
from django.conf import settings
from django.test import override_settings

from tts_common import jwt
from tts_common.authentication import TokenUser
from tts_common.testing import _claims, forged_tokens, sign

WHOAMI = "/api/v1/whoami/"
FORGED_CASES = [case for case, _ in forged_tokens()]
# jwt.decode checks signature, algorithm, kid, exp/nbf, iss/aud, type and size; the shape
# of the roles claim is checked where claims become a user (TokenUser.from_claims).
REFUSED_BY_TOKEN_USER = {"roles not a list"}

OLD_KEY = "the-key-we-are-rotating-away-from-0123456789"
NEW_KEY = "the-key-we-are-rotating-towards-0123456789"
STRANGER_KEY = "a-key-this-deployment-never-had-0123456789"


def verify(token: str) -> TokenUser:
    """What authentication does with a raw token."""
    return TokenUser.from_claims(jwt.decode(token))


def fresh_forged(case: str) -> str:
    return dict(forged_tokens())[case]


def test_encoded_claims_decode_back_with_issuer_and_audience_added():
    # given
    now = int(time.time())
    claims = {
        "token_type": "access",
        "user_id": 7,
        "jti": "j1",
        "iat": now,
        "exp": now + 60,
        "roles": ["tts:Agent"],
    }

    # when
    decoded = jwt.decode(jwt.encode(claims))

    # then
    assert decoded == {**claims, "iss": "tts-auth", "aud": "tts"}


def test_issued_access_token_round_trips():
    token = jwt.issue_access_token(user_id=42, email="ada@example.com", name="Ada", roles=["tts:Admin"])

    claims = jwt.decode(token)

    assert claims["user_id"] == 42
    assert claims["email"] == "ada@example.com"
    assert claims["roles"] == ["tts:Admin"]
    assert claims["token_type"] == "access"
    assert 0 < claims["exp"] - claims["iat"] <= settings.JWT_ACCESS_LIFETIME.total_seconds()


def test_service_token_carries_the_service_role_and_is_short_lived():
    claims = jwt.decode(jwt.issue_service_token("workflow"))

    assert claims["user_id"] == "service:workflow"
    assert claims["roles"] == ["service:workflow"]
    assert claims["exp"] - claims["iat"] <= 120


def test_token_header_pins_hs256_and_names_the_current_key():
    header = pyjwt.get_unverified_header(jwt.issue_access_token(user_id=1, email="", name="", roles=[]))

    assert header["alg"] == "HS256"
    assert header["kid"] == jwt.key_id(settings.JWT_SIGNING_KEY)


def test_key_id_is_stable_and_distinct_per_key():
    assert jwt.key_id(OLD_KEY) == jwt.key_id(OLD_KEY)
    assert jwt.key_id(OLD_KEY) != jwt.key_id(NEW_KEY)
    assert len(jwt.key_id(OLD_KEY)) == 16


def test_forged_token_battery_covers_every_case_once():
    assert len(FORGED_CASES) == len(set(FORGED_CASES)) >= 16
    assert REFUSED_BY_TOKEN_USER <= set(FORGED_CASES)
    assert "kid" not in pyjwt.get_unverified_header(fresh_forged("missing kid"))


@pytest.mark.parametrize("case", FORGED_CASES)
def test_forged_token_is_refused_by_the_kernel(case):
    token = fresh_forged(case)

    if case in REFUSED_BY_TOKEN_USER:
        jwt.decode(token)  # a validly signed token: the claim shape is what is wrong
        with pytest.raises(jwt.TokenInvalid):
            verify(token)
    else:
        with pytest.raises(jwt.TokenInvalid):
            jwt.decode(token)


@pytest.mark.parametrize("case", FORGED_CASES)
def test_forged_token_gets_401_from_an_authenticated_view(api_client, case):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {fresh_forged(case)}")

    response = api_client.get(WHOAMI)

    assert response.status_code == 401
    assert "id" not in response.data


@pytest.mark.parametrize("case", FORGED_CASES)
def test_forged_token_in_the_cookie_gets_401(api_client, case):
    api_client.cookies["access_token"] = fresh_forged(case)

    response = api_client.get(WHOAMI)

    assert response.status_code == 401


def test_the_genuine_token_the_forgeries_are_made_from_is_accepted(api_client):
    # guards the battery: each forgery must fail for its own defect, not because the base is bad
    token = sign(_claims())

    assert jwt.decode(token)["user_id"] == 1
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api_client.get(WHOAMI).status_code == 200


def test_token_signed_with_the_previous_key_is_accepted_after_rotation(api_client):
    # given a token minted before the rotation
    with override_settings(JWT_SIGNING_KEY=OLD_KEY, JWT_PREVIOUS_SIGNING_KEY=None):
        token = jwt.issue_access_token(user_id=5, email="", name="", roles=[])

    # when the new key is current and the old one previous
    with override_settings(JWT_SIGNING_KEY=NEW_KEY, JWT_PREVIOUS_SIGNING_KEY=OLD_KEY):
        claims = jwt.decode(token)
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        response = api_client.get(WHOAMI)
        new_token_kid = pyjwt.get_unverified_header(
            jwt.issue_access_token(user_id=5, email="", name="", roles=[])
        )["kid"]

    # then it still works, and new tokens are signed with the new key
    assert claims["user_id"] == 5
    assert response.status_code == 200
    assert response.data["id"] == "5"
    assert new_token_kid == jwt.key_id(NEW_KEY)


def test_token_signed_with_the_previous_key_is_refused_once_it_is_retired(api_client):
    with override_settings(JWT_SIGNING_KEY=OLD_KEY, JWT_PREVIOUS_SIGNING_KEY=None):
        token = jwt.issue_access_token(user_id=5, email="", name="", roles=[])

    with override_settings(JWT_SIGNING_KEY=NEW_KEY, JWT_PREVIOUS_SIGNING_KEY=None):
        with pytest.raises(jwt.TokenInvalid):
            jwt.decode(token)
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        assert api_client.get(WHOAMI).status_code == 401


def test_token_signed_with_a_key_that_is_neither_current_nor_previous_is_refused(api_client):
    token = sign(_claims(), key=STRANGER_KEY)

    with override_settings(JWT_SIGNING_KEY=NEW_KEY, JWT_PREVIOUS_SIGNING_KEY=OLD_KEY):
        with pytest.raises(jwt.TokenInvalid):
            jwt.decode(token)
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        assert api_client.get(WHOAMI).status_code == 401


def test_stranger_key_with_the_previous_keys_kid_is_refused():
    token = sign(_claims(), key=STRANGER_KEY, headers={"kid": jwt.key_id(OLD_KEY)})

    with override_settings(JWT_SIGNING_KEY=NEW_KEY, JWT_PREVIOUS_SIGNING_KEY=OLD_KEY):
        with pytest.raises(jwt.TokenInvalid):
            jwt.decode(token)


def test_refresh_token_is_refused_as_an_access_token():
    token = jwt.encode({**_claims(token_type="refresh"), "iss": "tts-auth", "aud": "tts"})

    with pytest.raises(jwt.TokenInvalid, match="wrong token type"):
        jwt.decode(token)
    assert jwt.decode(token, token_type="refresh")["token_type"] == "refresh"


def test_expiry_within_the_leeway_is_tolerated_and_beyond_it_refused():
    now = int(time.time())
    just_expired = sign(_claims(iat=now - 60, exp=now - 2))
    long_expired = sign(_claims(iat=now - 60, exp=now - 30))

    assert jwt.decode(just_expired)["user_id"] == 1
    with pytest.raises(jwt.TokenInvalid):
        jwt.decode(long_expired)


def test_a_remembered_token_is_refused_once_it_expires(monkeypatch):
    now = time.time()
    token = sign(_claims(iat=int(now), exp=int(now) + 60))
    assert jwt.decode(token)["user_id"] == 1  # verified, and remembered

    monkeypatch.setattr(jwt.time, "time", lambda: now + 60 + getattr(settings, "JWT_LEEWAY_SECONDS", 5) + 1)

    with pytest.raises(jwt.TokenInvalid, match="expired"):
        jwt.decode(token)


def test_a_remembered_token_is_refused_once_its_key_is_retired():
    with override_settings(JWT_SIGNING_KEY=OLD_KEY, JWT_PREVIOUS_SIGNING_KEY=None):
        token = jwt.issue_access_token(user_id=5, email="", name="", roles=["tts:Admin"])
    with override_settings(JWT_SIGNING_KEY=NEW_KEY, JWT_PREVIOUS_SIGNING_KEY=OLD_KEY):
        assert jwt.decode(token)["user_id"] == 5  # verified with the previous key, and remembered

    with override_settings(JWT_SIGNING_KEY=NEW_KEY, JWT_PREVIOUS_SIGNING_KEY=None):
        with pytest.raises(jwt.TokenInvalid):
            jwt.decode(token)


def test_changing_decoded_claims_does_not_change_what_the_token_says_next_time():
    token = jwt.issue_access_token(user_id=5, email="", name="", roles=["tts:Agent"])
    jwt.decode(token)["roles"].append("tts:Admin")

    assert jwt.decode(token)["roles"] == ["tts:Agent"]


def test_token_at_the_size_limit_boundary():
    small = sign(_claims())
    padding = jwt.MAX_TOKEN_BYTES - len(small)
    # base64 grows claims by 4/3; aim a little under and a little over the limit
    under = sign(_claims(padding="x" * int((padding - 200) * 3 / 4)))
    over = sign(_claims(padding="x" * int((padding + 200) * 3 / 4)))

    assert len(under) <= jwt.MAX_TOKEN_BYTES < len(over)
    assert jwt.decode(under)["user_id"] == 1
    with pytest.raises(jwt.TokenInvalid, match="too large"):
        jwt.decode(over)


@pytest.mark.parametrize("missing", ["iat", "jti", "user_id", "token_type"])
def test_token_missing_a_required_claim_is_refused(missing):
    token = sign(_claims(**{missing: ...}))

    with pytest.raises(jwt.TokenInvalid):
        jwt.decode(token)


def test_issued_token_lifetime_follows_the_argument():
    claims = jwt.decode(
        jwt.issue_access_token(user_id=1, email="", name="", roles=[], lifetime=timedelta(seconds=30))
    )

    assert claims["exp"] - claims["iat"] == 30

"""Login protection: a fixed window per IP, a lockout per account, and no account enumeration."""

import pytest

from accounts.models import AuditEvent
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def per_ip_limit(settings):
    settings.LOGIN_RATE_PER_IP = 3
    settings.LOGIN_RATE_WINDOW_SECONDS = 3600  # one window for the whole test
    settings.LOGIN_MAX_FAILURES = 1000


@pytest.fixture
def lockout(settings):
    """Five failures lock the account; the per-IP window is out of the way."""
    settings.LOGIN_RATE_PER_IP = 1000
    settings.LOGIN_MAX_FAILURES = 5
    settings.LOGIN_LOCKOUT_SECONDS = 900


@pytest.fixture
def ada():
    return UserFactory(email="ada@example.com")


def test_the_per_ip_window_answers_429_with_retry_after_once_exceeded(sign_in, per_ip_limit, ada):
    # given the address used its three attempts
    statuses = [sign_in("ada@example.com", "wrong").status_code for _ in range(3)]

    # when
    response = sign_in("ada@example.com", PASSWORD)

    # then even the right password is refused for now
    assert statuses == [401, 401, 401]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "access" not in response.data


def test_the_per_ip_window_counts_successful_sign_ins_too(sign_in, per_ip_limit, ada):
    for _ in range(3):
        assert sign_in("ada@example.com").status_code == 200

    assert sign_in("ada@example.com").status_code == 429


def test_the_per_ip_window_is_per_address(sign_in, per_ip_limit, ada):
    # given 10.0.0.1 is throttled
    for _ in range(4):
        sign_in("ada@example.com", "wrong", REMOTE_ADDR="10.0.0.1")

    # when another address signs in
    response = sign_in("ada@example.com", REMOTE_ADDR="10.0.0.2")

    # then
    assert response.status_code == 200


def test_one_address_trying_many_accounts_is_throttled_too(sign_in, per_ip_limit, ada):
    # given one address tried three different accounts once each (password spraying)
    statuses = [sign_in(f"user{n}@example.com", "wrong").status_code for n in range(3)]

    # when it tries a fourth, with the right password
    response = sign_in("ada@example.com", PASSWORD)

    # then the window counted the address, whatever the account
    assert statuses == [401, 401, 401]
    assert response.status_code == 429


def test_a_client_written_forwarded_for_does_not_open_a_new_window(sign_in, per_ip_limit, ada):
    # given no trusted proxy in front: the address is the connection's, whatever the header says
    statuses = [
        sign_in("ada@example.com", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]

    assert statuses == [401, 401, 401, 429]


def test_behind_the_proxy_hops_the_client_prepends_do_not_open_a_new_window(
    sign_in, per_ip_limit, ada, settings
):
    # given one trusted proxy, which appends the address it saw to what the client sent
    settings.TTS_TRUSTED_PROXIES = 1

    # when one client makes up a new first hop for every attempt
    statuses = [
        sign_in("ada@example.com", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7").status_code
        for n in range(4)
    ]
    neighbour = sign_in("ada@example.com", HTTP_X_FORWARDED_FOR="198.51.100.8")

    # then its attempts count against the address the proxy saw; another client's do not
    assert statuses == [401, 401, 401, 429]
    assert neighbour.status_code == 200


def test_a_throttled_attempt_checks_no_password(sign_in, per_ip_limit, ada):
    for _ in range(6):
        sign_in("ada@example.com", "wrong")

    assert AuditEvent.objects.filter(kind="login_failure").count() == 3


def test_the_account_locks_after_max_failures_with_retry_after(sign_in, lockout, ada):
    # given five failures, each an ordinary 401
    statuses = [sign_in("ada@example.com", "wrong").status_code for _ in range(5)]

    # when the right password comes next
    response = sign_in("ada@example.com", PASSWORD)

    # then the account is locked
    assert statuses == [401] * 5
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 900
    assert "access" not in response.data


def test_the_lockout_is_per_account_not_per_address(sign_in, lockout, ada):
    # given ada is locked from one address
    for _ in range(6):
        sign_in("ada@example.com", "wrong", REMOTE_ADDR="10.0.0.1")

    # when she tries from another, and someone else from the first
    UserFactory(email="grace@example.com")
    ada_elsewhere = sign_in("ada@example.com", REMOTE_ADDR="10.0.0.2")
    grace = sign_in("grace@example.com", REMOTE_ADDR="10.0.0.1")

    # then
    assert ada_elsewhere.status_code == 429
    assert grace.status_code == 200


def test_the_lockout_is_audited_once(sign_in, lockout, ada):
    # when many attempts hit the locked account
    for _ in range(12):
        sign_in("ada@example.com", "wrong", HTTP_USER_AGENT="pytest-agent/1.0")

    # then five failures were checked and recorded, and one lockout
    assert AuditEvent.objects.filter(kind="login_failure").count() == 5
    lockouts = AuditEvent.objects.filter(kind="lockout")
    assert lockouts.count() == 1
    assert lockouts.get().email == "ada@example.com"
    assert lockouts.get().ip == "127.0.0.1"
    assert lockouts.get().user_agent == "pytest-agent/1.0"


def test_a_successful_sign_in_resets_the_failure_counter(sign_in, lockout, ada):
    # given four failures and then a success
    for _ in range(4):
        assert sign_in("ada@example.com", "wrong").status_code == 401
    assert sign_in("ada@example.com").status_code == 200

    # when five more failures follow
    statuses = [sign_in("ada@example.com", "wrong").status_code for _ in range(5)]

    # then none of them is locked out: the count started again from zero
    assert statuses == [401] * 5
    assert sign_in("ada@example.com", "wrong").status_code == 429


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(sign_in, lockout, ada):
    known = sign_in("ada@example.com", "wrong")
    unknown = sign_in("nobody@example.com", "wrong")

    assert unknown.status_code == known.status_code == 401
    assert unknown.data == known.data
    assert "access_token" not in unknown.cookies


def test_an_unknown_email_is_counted_and_locked_the_same_way(sign_in, lockout, ada):
    # when both a known and an unknown email fail six times
    known = [sign_in("ada@example.com", "wrong") for _ in range(6)]
    unknown = [sign_in("nobody@example.com", "wrong") for _ in range(6)]

    # then the answers match one for one, lockout included
    assert [r.status_code for r in unknown] == [r.status_code for r in known] == [401] * 5 + [429]
    assert [r.data["detail"] for r in unknown] == [r.data["detail"] for r in known]
    assert {r.data["retry_after"] for r in (known[-1], unknown[-1])} <= set(range(899, 901))
    assert AuditEvent.objects.filter(kind="lockout").count() == 2


def test_the_account_key_ignores_case_and_spaces(sign_in, lockout, ada):
    for email in [
        "ada@example.com",
        "ADA@example.com",
        "Ada@Example.com",
        "ada@EXAMPLE.COM",
        "aDa@example.com",
    ]:
        sign_in(email, "wrong")

    assert sign_in("ada@example.com").status_code == 429

"""Racing sign-in attempts cannot check more passwords than the limits allow: per account
(the lockout) and per address (the window)."""

import threading
from collections.abc import Callable

import pytest
from django.db import connections
from django.test import Client

from accounts.models import AuditEvent
from accounts.tests.conftest import TOKEN_URL
from accounts.tests.factories import PASSWORD, UserFactory

ATTEMPTS = 40
MAX_FAILURES = 5
PER_IP = 5


def race(email_for: Callable[[int], str]) -> list[int]:
    """ATTEMPTS wrong-password sign-ins released at once, each thread with its own client
    and database connection; the statuses they got."""
    start = threading.Barrier(ATTEMPTS)
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        try:
            client = Client()
            start.wait(timeout=30)
            response = client.post(
                TOKEN_URL,
                {"username": email_for(n), "password": "wrong-password"},
                content_type="application/json",
            )
            with lock:
                statuses.append(response.status_code)
        except BaseException as exc:  # surfaced below; a thread must not die silently
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(statuses) == ATTEMPTS
    return statuses


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_wrong_passwords_check_at_most_max_failures(settings):
    # given an account and limits where only the per-account lockout matters
    settings.LOGIN_RATE_PER_IP = 1000
    settings.LOGIN_MAX_FAILURES = MAX_FAILURES
    UserFactory(email="ada@example.com")

    # when
    statuses = race(lambda n: "ada@example.com")

    # then at most MAX_FAILURES passwords were checked; everyone else was locked out
    checked = AuditEvent.objects.filter(kind="login_failure").count()
    assert 1 <= checked <= MAX_FAILURES
    assert statuses.count(401) == checked
    assert statuses.count(429) == ATTEMPTS - checked
    assert AuditEvent.objects.filter(kind="lockout").count() == 1
    # and the lock the threads set holds for this test's own cache namespace too
    right_password = Client().post(
        TOKEN_URL, {"username": "ada@example.com", "password": PASSWORD}, content_type="application/json"
    )
    assert right_password.status_code == 429


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_attempts_from_one_address_pass_its_window_exactly_per_ip_times(settings):
    # given limits where only the per-address window matters, and forty accounts to spray
    settings.LOGIN_RATE_PER_IP = PER_IP
    settings.LOGIN_RATE_WINDOW_SECONDS = 3600  # one window for the whole test
    settings.LOGIN_MAX_FAILURES = 1000
    for n in range(ATTEMPTS):
        UserFactory(email=f"user{n}@example.com")

    # when
    statuses = race(lambda n: f"user{n}@example.com")

    # then exactly PER_IP passwords were checked; the other attempts were turned away unchecked
    assert sorted(statuses) == [401] * PER_IP + [429] * (ATTEMPTS - PER_IP)
    assert AuditEvent.objects.filter(kind="login_failure").count() == PER_IP

"""Racing wrong-password attempts cannot check more passwords than the lockout allows."""

import threading

import pytest
from django.db import connections
from django.test import Client

from accounts.models import AuditEvent
from accounts.tests.conftest import TOKEN_URL
from accounts.tests.factories import PASSWORD, UserFactory

ATTEMPTS = 40
MAX_FAILURES = 5


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_wrong_passwords_check_at_most_max_failures(settings):
    # given an account and limits where only the per-account lockout matters
    settings.LOGIN_RATE_PER_IP = 1000
    settings.LOGIN_MAX_FAILURES = MAX_FAILURES
    UserFactory(email="ada@example.com")
    start = threading.Barrier(ATTEMPTS)
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            client = Client()  # each thread its own client, and its own database connection
            start.wait(timeout=30)
            response = client.post(
                TOKEN_URL,
                {"username": "ada@example.com", "password": "wrong-password"},
                content_type="application/json",
            )
            with lock:
                statuses.append(response.status_code)
        except BaseException as exc:  # surfaced below; a thread must not die silently
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    # when
    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then at most MAX_FAILURES passwords were checked; everyone else was locked out
    assert errors == []
    assert len(statuses) == ATTEMPTS
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

import threading

import pytest
from django.db import connection

from tests.kernel_testapp.models import TEST_SEQUENCE
from tts_common.sequences import sequence_next

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 4
CALLS = 50


def test_sequence_next_increases():
    first, second, third = (sequence_next(TEST_SEQUENCE) for _ in range(3))

    assert first < second < third


def test_sequence_is_unique_and_increasing_across_concurrent_connections():
    # given four threads, each with its own database connection
    start = threading.Barrier(THREADS)
    drawn: dict[int, list[int]] = {}
    errors = []

    def draw(worker: int):
        try:
            start.wait(timeout=5)
            drawn[worker] = [sequence_next(TEST_SEQUENCE) for _ in range(CALLS)]
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    # when they all draw numbers at once
    threads = [threading.Thread(target=draw, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then each thread saw strictly increasing numbers and no number was handed out twice
    assert errors == []
    assert len(drawn) == THREADS
    for numbers in drawn.values():
        assert all(a < b for a, b in zip(numbers, numbers[1:], strict=False))
    everything = [n for numbers in drawn.values() for n in numbers]
    assert len(set(everything)) == THREADS * CALLS


def test_sequence_survives_a_rolled_back_transaction():
    # nextval is not transactional: a number drawn in a rolled-back transaction is never reissued
    from django.db import transaction

    before = sequence_next(TEST_SEQUENCE)
    with pytest.raises(RuntimeError), transaction.atomic():
        sequence_next(TEST_SEQUENCE)
        raise RuntimeError

    assert sequence_next(TEST_SEQUENCE) == before + 2


def test_unknown_sequence_is_an_error_not_a_silent_number():
    from django.db import ProgrammingError

    with pytest.raises(ProgrammingError):
        sequence_next("kernel_testapp_no_such_seq")

"""tts_common.prepared: a statement is prepared on a connection's first use of it, executed
by name after, in one round trip each time, and prepared again on a new connection."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tts_common import prepared
from tts_common.prepared import execute_prepared

pytestmark = pytest.mark.django_db

SQL = "SELECT %s::int + 1, %s::text || '%%', 'a%%b' LIKE %s"


def run(sql=SQL, params=(41, "x", "a%%")) -> tuple:
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        execute_prepared(cursor, sql, list(params))
        row = cursor.fetchone()
    return row, [q["sql"] for q in queries.captured_queries]


def prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


def test_prepared_on_first_use_then_executed_by_name():
    first, sent_first = run()
    again, sent_again = run(params=(1, "y", "b%"))

    assert first == (42, "x%", True)
    assert again == (2, "y%", False)  # a literal % in the SQL, the pattern a parameter
    assert len(sent_first) == len(sent_again) == 1  # one round trip either way
    assert sent_first[0].startswith("PREPARE tts_")
    assert sent_again[0].startswith("EXECUTE tts_")
    assert sent_again[0].split("(")[0].split()[1] in prepared_names()


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again():
    run()
    connection.close()

    row, sent = run()

    assert row == (42, "x%", True)
    assert sent[0].startswith("PREPARE tts_")


def test_beyond_the_most_per_connection_statements_run_unprepared(monkeypatch):
    monkeypatch.setattr(prepared, "MOST_PER_CONNECTION", 1)
    run()

    row, sent = run(sql="SELECT %s::int * 2", params=(21,))

    assert row == (42,)
    assert sent == ["SELECT 21::int * 2"]

"""Rows rendered without DRF render their date-times as DRF's DateTimeField does; the lists
written in SQL read their parameters as django-filter and DRF's filters do."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from rest_framework import serializers

from tts_common import rows
from tts_common.rows import api_datetime, utc


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 12, 6, 9, 30, tzinfo=UTC),
        datetime(2026, 12, 6, 9, 30, 0, 123456, tzinfo=UTC),
        datetime(2026, 12, 6, 10, 30, tzinfo=timezone(timedelta(hours=1))),
    ],
)
def test_an_aware_date_time_renders_as_drf_renders_it(settings, value):
    settings.TIME_ZONE = "UTC"

    assert api_datetime(value) == serializers.DateTimeField().to_representation(value)


def test_a_naive_date_time_is_utc_and_none_stays_none():
    naive = datetime(2026, 12, 6, 9, 30)

    assert utc(naive) == datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    assert api_datetime(naive) == "2026-12-06T09:30:00Z"
    assert api_datetime(None) is None and utc(None) is None


def test_search_sql_takes_every_term_in_any_column_and_wildcards_literally():
    clauses, values = rows.search_sql('50% "vpn down"', ("a", "b"))

    assert clauses == ["(UPPER(a) LIKE UPPER(%s) ESCAPE '\\' OR UPPER(b) LIKE UPPER(%s) ESCAPE '\\')"] * 2
    assert values == ["%50\\%%", "%50\\%%", "%vpn down%", "%vpn down%"]
    assert rows.search_sql("  ", ("a",)) == ([], [])


def test_ordering_sql_keeps_known_names_else_the_default_and_ends_with_the_tiebreak():
    orderings = {"made": "t.made", "rank": "CASE t.p WHEN 'x' THEN 1 END"}

    assert rows.ordering_sql("-rank, made", orderings, ("made",), "t.id ASC") == (
        "CASE t.p WHEN 'x' THEN 1 END DESC, t.made ASC, t.id ASC"
    )
    assert rows.ordering_sql("bogus,-made", orderings, ("made",), "t.id DESC") == "t.made DESC, t.id DESC"
    assert rows.ordering_sql("bogus", orderings, ("-made",), "t.id DESC") == "t.made DESC, t.id DESC"
    assert rows.ordering_sql("", orderings, ("-made",), "t.id DESC") == "t.made DESC, t.id DESC"


def test_refuse_null_characters_names_every_such_parameter():
    from rest_framework.exceptions import ValidationError

    rows.refuse_null_characters({"a": "fine", "b": ""})
    with pytest.raises(ValidationError) as refused:
        rows.refuse_null_characters({"b": "x\x00", "a": "\x00", "c": "ok"})
    assert list(refused.value.detail) == ["a", "b"]

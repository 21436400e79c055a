"""Rows rendered without DRF render their date-times as DRF's DateTimeField does."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from rest_framework import serializers

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

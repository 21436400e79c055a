"""The paginator counts exactly up to a cap and estimates above it, so a page over a
million rows costs what one over ten thousand does (docs/api.md#pagination)."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tts_common.pagination import CappedCountPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve_rows():
    User.objects.bulk_create(User(username=f"user{n:02d}") for n in range(12))
    return User.objects.order_by("username")


def test_below_the_cap_the_count_is_exact_and_takes_one_query(settings, twelve_rows):
    settings.PAGINATION_EXACT_COUNT_UP_TO = 12
    paginator = CappedCountPaginator(twelve_rows, 5)

    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 12
    assert paginator.count_is_estimate is False
    assert len(queries) == 1
    assert "LIMIT 13" in queries[0]["sql"]
    assert paginator.num_pages == 3


def test_above_the_cap_the_count_is_the_planners_estimate_never_below_the_cap(settings, twelve_rows):
    settings.PAGINATION_EXACT_COUNT_UP_TO = 5
    paginator = CappedCountPaginator(twelve_rows, 5)

    with CaptureQueriesContext(connection) as queries:
        count = paginator.count
    assert paginator.count_is_estimate is True
    assert count >= 6
    # the capped count, then EXPLAIN: never a count over every matching row
    assert [q["sql"].split()[0] for q in queries] == ["SELECT", "EXPLAIN"]
    assert "LIMIT 6" in queries[0]["sql"]


def test_with_an_estimate_paging_follows_the_rows_not_the_count(settings, twelve_rows):
    settings.PAGINATION_EXACT_COUNT_UP_TO = 5
    paginator = CappedCountPaginator(twelve_rows, 5)

    first, last = paginator.page(1), paginator.page(3)

    assert [u.username for u in first] == [f"user{n:02d}" for n in range(5)]
    assert first.has_next() and first.next_page_number() == 2
    assert [u.username for u in last] == ["user10", "user11"]
    assert not last.has_next()
    # past the end (whatever the estimate says) is an empty page, not an error
    assert list(paginator.page(4)) == [] and list(paginator.page(10_000)) == []


def test_a_plain_list_is_counted_as_it_is(settings):
    settings.PAGINATION_EXACT_COUNT_UP_TO = 5

    paginator = CappedCountPaginator(list(range(12)), 5)

    assert paginator.count == 12 and paginator.count_is_estimate is False
    assert paginator.num_pages == 3

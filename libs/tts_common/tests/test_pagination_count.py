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


class Counted:
    """A list read with its own SQL (as engine.task_list's), here twelve numbers."""

    def __init__(self, estimate: int):
        self.rows = list(range(12))
        self.estimate = estimate
        self.asked: list = []

    def count_upto(self, cap: int) -> int:
        self.asked.append(("count", cap))
        return min(len(self.rows), cap + 1)

    def estimated_count(self) -> int:
        self.asked.append(("estimate",))
        return self.estimate

    def __getitem__(self, page: slice) -> list[int]:
        return self.rows[page]


def test_a_list_that_counts_itself_is_counted_up_to_the_cap(settings):
    settings.PAGINATION_EXACT_COUNT_UP_TO = 20
    rows = Counted(estimate=999)
    paginator = CappedCountPaginator(rows, 5)

    assert (paginator.count, paginator.count_is_estimate) == (12, False)
    assert list(paginator.page(3)) == [10, 11]
    assert rows.asked == [("count", 20)]  # no estimate below the cap


@pytest.mark.parametrize(("estimate", "count"), [(40, 40), (3, 6)])
def test_above_the_cap_a_list_that_counts_itself_gives_its_estimate_never_below_the_cap(
    settings, estimate, count
):
    settings.PAGINATION_EXACT_COUNT_UP_TO = 5
    paginator = CappedCountPaginator(Counted(estimate=estimate), 5)

    assert (paginator.count, paginator.count_is_estimate) == (count, True)
    assert list(paginator.page(3)) == [10, 11]
    assert paginator.page(2).has_next() is True
    assert list(paginator.page(4)) == []

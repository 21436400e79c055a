"""Page-number pagination whose cost does not grow with the table.

``count`` is exact up to ``PAGINATION_EXACT_COUNT_UP_TO`` matches (1,000 by default):
counting stops there (``SELECT count(*) FROM (... LIMIT 1001)``), so a list over a
million rows costs what one over a thousand does. Above it, ``count`` is PostgreSQL's
planner estimate of the matches (never less than 1,001) and paging no longer trusts it:
``next`` is given while a page is full, and a page past the real end is empty, not 404.
docs/api.md#pagination tells clients the same.

A list that is not a queryset pages the same way when it counts itself (``CountsItself``:
the list's own SQL, as engine.task_list's is) and is sliced a page at a time.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

# 1,000 is fifty pages of twenty, more than anyone pages through. At 10,000, counting an
# agent's department's open tickets of 1,000,000 (6,500 rows, each read from the table for
# the visibility rule) cost the ticket list five times its page (docs/performance.md).
EXACT_COUNT_UP_TO = 1_000


def planner_estimate(connection, sql: str, params) -> int:
    """PostgreSQL's estimate of the rows ``sql`` returns (its plan, not a count)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return int(plan[0]["Plan"]["Plan Rows"])


def estimated_count(connection, sql: str, params) -> int:
    """The rows ``sql`` returns as PostgreSQL's planner estimates them; counted on the
    embedded mode's SQLite, which estimates nothing."""
    if connection.vendor == "postgresql":
        return planner_estimate(connection, sql, params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) s", params)
        return cursor.fetchone()[0]


@runtime_checkable
class CountsItself(Protocol):
    def count_upto(self, cap: int) -> int:
        """The number of matches, counting no further than ``cap + 1``."""

    def estimated_count(self) -> int:
        """PostgreSQL's estimate of the number of matches."""


class EstimatedPage(Page):
    def has_next(self) -> bool:
        if not self.paginator.count_is_estimate:
            return super().has_next()
        # the estimate may be short of the real end or beyond it: a full page may have a next
        return len(self) == self.paginator.per_page


class CappedCountPaginator(Paginator):
    """Counts exactly up to the cap, estimates above it (see the module docstring)."""

    @property
    def count(self) -> int:
        return self._counted[0]

    @property
    def count_is_estimate(self) -> bool:
        return self._counted[1]

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        queryset = self.object_list
        cap = getattr(settings, "PAGINATION_EXACT_COUNT_UP_TO", EXACT_COUNT_UP_TO)
        if isinstance(queryset, CountsItself):
            counted = queryset.count_upto(cap)
            if counted <= cap:
                return counted, False
            return max(counted, queryset.estimated_count()), True
        if not isinstance(queryset, QuerySet):
            return len(queryset), False
        rows = queryset.order_by().values("pk")
        connection = connections[rows.db]
        # compiled once and counted around, rather than the ORM's count() (a clone and an
        # aggregate over a subquery: more Python than the count costs PostgreSQL)
        sql, params = rows[: cap + 1].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
            counted = cursor.fetchone()[0]
        if counted <= cap:
            return counted, False
        if connection.vendor != "postgresql":  # the embedded mode's SQLite has no estimate to give
            return rows.count(), False
        return max(counted, planner_estimate(connection, *rows.query.sql_with_params())), True

    def validate_number(self, number) -> int:
        if not self.count_is_estimate:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number) -> Page:
        if not self.count_is_estimate:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)

    def _get_page(self, *args, **kwargs) -> Page:
        return EstimatedPage(*args, **kwargs)


class Pagination(PageNumberPagination):
    """``{count, next, previous, results}``; ``?page`` and ``?page_size`` (at most 100)."""

    django_paginator_class = CappedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

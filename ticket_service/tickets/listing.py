"""GET /api/v1/tickets/ and a ticket's detail in SQL written for them: what agents and
requesters open all day.

Built with the ORM, django-filter, DRF's SearchFilter and OrderingFilter, a page cost about
3.3 ms of Python per request, half of it building and compiling the page's two queries.
Here the visibility rule is tickets.selectors.ticket_visibility's (tts_common.access), the
filters, search and ordering answer as that FilterSet and DRF's filters did (the same
values, the same 400s), and the page's rows are LISTED_COLUMNS for ticket_list_render
(tickets/tests/test_ticket_list_sql.py holds them to the ORM). A ticket's detail is found
by the same rule (tickets.selectors.ticket_found's; tests/test_ticket_detail_api.py holds
its JSON to TicketDetailSerializer's). Every statement is prepared once per connection
(tts_common.prepared): compiling the detail's two ORM queries cost more than running them.
The SQL runs on SQLite too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError as FormError
from django.db import connection
from rest_framework.exceptions import ValidationError

from tickets.selectors import ticket_key
from tickets.serializers import ATTACHMENT_COLUMNS, LISTED_COLUMNS
from tts_common.access import ticket_visibility_terms
from tts_common.filters import UTCIsoDateTimeField, priority_rank_sql
from tts_common.messages import PRIORITIES, TICKET_STATUSES
from tts_common.pagination import estimated_count
from tts_common.prepared import execute_prepared
from tts_common.rows import (
    invalid_choice,
    ordering_sql,
    refuse_null_characters,
    search_sql,
)

RANK = priority_rank_sql("t.priority")
ORDERINGS = {
    "created_at": "t.created_at",
    "updated_at": "t.updated_at",
    "priority": RANK,  # by urgency, not alphabetically
    "status": "t.status",
    "sla_due_at": "t.sla_due_at",
    "number": "t.number",
}
DEFAULT_ORDERING = ("-created_at",)  # newest first; the id (newest first too) breaks ties
SEARCHED = ("t.number", "t.subject", "t.description")
# (parameter, column, choices); a value is stripped as django-filter's CharFilter strips it
EXACT = (
    ("status", "t.status", TICKET_STATUSES),
    ("priority", "t.priority", PRIORITIES),
    ("category", "t.category", None),
    ("subcategory", "t.subcategory", None),
    ("department", "t.department", None),
    ("requester", "t.requester_id", None),
    ("assignee", "t.assignee_id", None),  # "none": unassigned
)
CREATED = (("created_after", "t.created_at >= %s"), ("created_before", "t.created_at < %s"))
COLUMNS = ", ".join(f"t.{column}" for column in LISTED_COLUMNS)
TAGS = LISTED_COLUMNS.index("tags")
ATTACHMENTS = ", ".join(f"a.{column}" for column in ATTACHMENT_COLUMNS)


def visible_sql(user) -> tuple[list[str], list]:
    """The kernel's ticket rule (tts_common.access) as SQL terms and their values: not
    deleted, and the user's to see."""
    where = ["NOT t.is_deleted"]  # written, not passed: the partial indexes' condition
    terms = ticket_visibility_terms(user)
    if terms is None:
        return where, []
    where.append("(" + " OR ".join(f"t.{field} = %s" for field, _ in terms) + ")")
    return where, [value for _, value in terms]


def _decoded(row) -> list:
    row = list(row)
    if isinstance(row[TAGS], str):  # JSON arrives as text, as the ORM's JSONField reads it
        row[TAGS] = json.loads(row[TAGS])
    return row


def ticket_detail_rows(user, lookup: str) -> tuple[list | None, list[tuple]]:
    """The ticket with id (digits) or number ``lookup`` as a LISTED_COLUMNS row, None when
    it is absent or not the user's to see alike, and its attachments' ATTACHMENT_COLUMNS
    rows in their order."""
    if "\x00" in lookup:  # no ticket has one, and PostgreSQL cannot take one
        return None, []
    where, values = visible_sql(user)
    field, value = ticket_key(lookup)
    where.append("t.id = %s" if field == "pk" else "t.number = %s")
    values.append(value)
    with connection.cursor() as cursor:
        execute_prepared(
            cursor, f"SELECT {COLUMNS} FROM tickets_ticket t WHERE {' AND '.join(where)}", values
        )
        row = cursor.fetchone()
        if row is None:
            return None, []
        execute_prepared(
            cursor,
            f"SELECT {ATTACHMENTS} FROM tickets_attachment a WHERE a.ticket_id = %s ORDER BY a.created_at, a.id",
            [row[0]],
        )
        return _decoded(row), cursor.fetchall()


@dataclass(frozen=True)
class TicketQuery:
    where: str
    params: tuple
    order_by: str


def ticket_query(user, params) -> TicketQuery:
    """The list's query from its query parameters: a 400 naming each value it cannot take."""
    refuse_null_characters(params)
    where, values = visible_sql(user)

    errors: dict[str, list[str]] = {}
    for name, column, choices in EXACT:
        value = params.get(name, "")
        value = value if choices else value.strip()
        if not value:
            continue
        if choices is not None and value not in choices:
            errors[name] = invalid_choice(value)
            continue
        where.append(f"{column} = %s")
        values.append("" if name == "assignee" and value == "none" else value)
    for name, condition in CREATED:
        value = params.get(name, "")
        if not value:
            continue
        try:
            moment = UTCIsoDateTimeField(required=False).clean(value)
        except FormError as exc:
            errors[name] = list(exc.messages)
            continue
        if moment is not None:  # blank, as django-filter leaves it: no bound
            where.append(condition)
            values.append(connection.ops.adapt_datetimefield_value(moment))
    if errors:
        raise ValidationError(errors)

    searched, likes = search_sql(params.get("search", ""), SEARCHED)
    return TicketQuery(
        where=" AND ".join(where + searched),
        params=(*values, *likes),
        order_by=ordering_sql(params.get("ordering", ""), ORDERINGS, DEFAULT_ORDERING, "t.id DESC"),
    )


class TicketRows:
    """The tickets a query selects, counted and read a page at a time (for the kernel's
    paginator, tts_common.pagination.CountsItself), as LISTED_COLUMNS rows."""

    def __init__(self, query: TicketQuery):
        self.query = query

    def count_sql(self, cap: int) -> tuple[str, list]:
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM tickets_ticket t WHERE {self.query.where} LIMIT %s) s"
        return sql, [*self.query.params, cap + 1]

    def page_sql(self, page: slice) -> tuple[str, list]:
        sql = (
            f"SELECT {COLUMNS} FROM tickets_ticket t WHERE {self.query.where}"
            f" ORDER BY {self.query.order_by} LIMIT %s OFFSET %s"
        )
        return sql, [*self.query.params, page.stop - page.start, page.start]

    def count_upto(self, cap: int) -> int:
        with connection.cursor() as cursor:
            execute_prepared(cursor, *self.count_sql(cap))
            return cursor.fetchone()[0]

    def estimated_count(self) -> int:
        return estimated_count(
            connection, f"SELECT 1 FROM tickets_ticket t WHERE {self.query.where}", self.query.params
        )

    def __getitem__(self, page: slice) -> list[list]:
        with connection.cursor() as cursor:
            execute_prepared(cursor, *self.page_sql(page))
            return [_decoded(row) for row in cursor.fetchall()]

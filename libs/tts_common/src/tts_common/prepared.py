"""Statements PostgreSQL plans once per connection (PREPARE, then EXECUTE by name).

A statement an endpoint sends on every request, joining several tables, can cost
PostgreSQL more to plan than to run: the page of my tasks took 1.1 ms to plan and 0.5 ms to
run (docs/performance.md). ``execute_prepared`` prepares a statement the first time a
connection runs it and executes it by name after that; either way it is one round trip.
PostgreSQL replans a prepared statement by itself when a table it reads changes, and
prepared statements outlive a rolled-back transaction; they end with their connection,
which is when this module forgets them. SQLite, the embedded mode's, runs the SQL as it is.
"""

from __future__ import annotations

import hashlib
import itertools
import re

PLACEHOLDER = re.compile(r"%%|%s")
MOST_PER_CONNECTION = 64  # beyond it (searches of every length, say), statements run unprepared


def execute_prepared(cursor, sql: str, params) -> None:
    """Execute ``sql`` (``%s`` placeholders) with ``params`` on Django's ``cursor``, as a
    statement prepared on the cursor's connection."""
    db = cursor.db
    if db.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    raw = db.connection
    known = getattr(db, "_tts_prepared", None)
    if known is None or known[0] is not raw:  # a new connection has none prepared
        known = db._tts_prepared = (raw, set())
    name = "tts_" + hashlib.sha1(sql.encode()).hexdigest()[:24]
    execute = f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    if name in known[1]:
        cursor.execute(execute, params)
        return
    if len(known[1]) >= MOST_PER_CONNECTION:
        cursor.execute(sql, params)
        return
    number = itertools.count(1)
    body = PLACEHOLDER.sub(lambda m: "%%" if m.group() == "%%" else f"${next(number)}", sql)
    cursor.execute(f"PREPARE {name} AS {body}; {execute}", params)
    known[1].add(name)

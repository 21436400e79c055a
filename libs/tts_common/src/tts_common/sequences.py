"""Database sequences (PostgreSQL ``nextval``), with a counter-table stand-in on SQLite
for the embedded mode. Numbers never come from ``count()``, which races."""

from __future__ import annotations

from django.db import connections, migrations


def sequence_next(name: str, *, using: str = "default") -> int:
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT nextval(%s)", [name])
        else:
            cursor.execute(
                "INSERT INTO tts_sequence (name, value) VALUES (%s, 1) "
                "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
                [name],
            )
        return cursor.fetchone()[0]


def CreateSequence(name: str) -> migrations.RunPython:  # noqa: N802 - used like a migration operation
    """Migration operation creating sequence ``name``."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'CREATE SEQUENCE IF NOT EXISTS "{name}"')
        else:
            schema_editor.execute(
                "CREATE TABLE IF NOT EXISTS tts_sequence (name VARCHAR(100) PRIMARY KEY, value BIGINT NOT NULL)"
            )

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP SEQUENCE IF EXISTS "{name}"')

    return migrations.RunPython(forward, backward)

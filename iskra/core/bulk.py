"""Writing many rows at once, as fast as the database takes them (imports, datasets)."""

from typing import Any

from django.db import connection

BATCH = 2000


def write_rows(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows into a table: COPY on PostgreSQL, one executemany per batch on SQLite. (The
    ORM's bulk_create would cut them into batches of 45 on SQLite, its 999-parameter limit,
    and cost several times more.) Values must already be in the database's form."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])

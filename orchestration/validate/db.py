"""Small DuckDB helpers shared by the validation modules."""
from __future__ import annotations

from datetime import datetime, UTC

from ..identifiers import qualified


def first_row(cur) -> tuple | None:
    """First row; fetches all so that DuckDB 2 leaves no unfinished result on the connection."""
    rows = cur.fetchall()
    return rows[0] if rows else None


def quiet(con) -> None:
    """DuckDB draws a progress bar on stdout for long queries: noise in logs and CLI output."""
    con.execute("SET enable_progress_bar = false")


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def resolve_relation(con, table: str) -> str | None:
    """`table` as a qualified name: dbt may build into main or any schema but raw."""
    if "." in table:
        schema, name = table.split(".", 1)
        rows = con.execute("SELECT table_schema, table_name FROM information_schema.tables "
                           "WHERE table_schema = ? AND table_name = ?", [schema, name]).fetchall()
    else:
        rows = con.execute("SELECT table_schema, table_name FROM information_schema.tables "
                           "WHERE table_name = ? AND table_schema <> 'raw' "
                           "ORDER BY table_schema = 'main' DESC, table_schema", [table]).fetchall()
    return qualified(rows[0][0], rows[0][1]) if rows else None


def columns(con, rel: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE {rel}").fetchall()}

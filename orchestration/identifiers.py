"""SQL identifiers, quoted once for every writer of SQL text (DuckDB; PostgreSQL goes through
psycopg.sql.Identifier). A name from the catalog or the dbt project is always quoted, so a
mart named like a keyword or with a quote in it cannot break or change a statement."""
from __future__ import annotations


def quote_ident(name: str) -> str:
    """"name" with inner double quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def qualified(*parts: str) -> str:
    """"schema"."name" (or any number of parts)."""
    return ".".join(quote_ident(p) for p in parts)

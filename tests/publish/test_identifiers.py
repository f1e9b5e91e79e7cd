"""Identifiers are quoted by one function; a name with a quote or a keyword stays one name."""
import duckdb

from orchestration.identifiers import qualified, quote_ident
from orchestration.validate.db import resolve_relation


def test_a_hostile_name_round_trips_through_duckdb():
    con = duckdb.connect()
    name = 'fct_"select" from'
    con.execute(f"CREATE SCHEMA {quote_ident('my schema')}")
    con.execute(f"CREATE TABLE {qualified('my schema', name)} AS SELECT 42 AS x")
    assert con.execute(f"SELECT x FROM {qualified('my schema', name)}").fetchall() == [(42,)]
    assert resolve_relation(con, name) == '"my schema"."fct_""select"" from"'
    assert quote_ident('a"b') == '"a""b"'

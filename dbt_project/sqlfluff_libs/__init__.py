"""What sqlfluff's jinja templater needs to render the models without dbt or a database.

Only for linting: dbt's cross-database macros render as the plain SQL they stand for, `var()`
reads the real values from dbt_project.yml (one source), and relations are always found.
The SQL dbt really runs is compiled by dbt; `dbt build` in the tests checks that.
"""
from pathlib import Path

import yaml

_VARS = yaml.safe_load((Path(__file__).resolve().parents[1] / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


def var(name, default=None):
    return _VARS.get(name, default)


class _Dbt:
    """dbt's cross-database macros (dbt.concat, dbt.length, …) as DuckDB writes them."""

    @staticmethod
    def concat(fields):
        return "concat(" + ", ".join(str(f) for f in fields) + ")"

    @staticmethod
    def length(expr):
        return f"length({expr})"

    @staticmethod
    def right(expr, n):
        return f"right({expr}, {n})"

    @staticmethod
    def position(substring_text, string_text):
        return f"position({substring_text} in {string_text})"

    @staticmethod
    def split_part(expr, delimiter, part):
        return f"split_part({expr}, {delimiter}, {part})"

    @staticmethod
    def escape_single_quotes(expr):
        return str(expr).replace("'", "''")

    @staticmethod
    def type_string():
        return "varchar"

    @staticmethod
    def type_timestamp():
        return "timestamp"


class _Adapter:
    @staticmethod
    def quote(name):
        return f'"{name}"'

    @staticmethod
    def get_relation(**kwargs):
        return "found"   # the source exists: render the plain source, not its empty stand-in

    @staticmethod
    def dispatch(name, *args, **kwargs):
        # the dispatched macros, as their default__ versions render on DuckDB
        if name == "type_double":
            return lambda: "double precision"
        if name == "round_significant":
            return lambda expr, *rest, **kw: f"round({expr}, 12)"
        return lambda *a, **kw: "null"  # other dispatched macros (on-run hooks): nothing to lint


class _Target:
    """dbt's `target`, as the dev profile (DuckDB) gives it: models that pick by engine lint as DuckDB's."""
    type = "duckdb"
    name = "dev"
    schema = "main"


dbt = _Dbt()
target = _Target()
adapter = _Adapter()
execute = True
project_name = "zhibiao"


class _Checksum:
    checksum = "0"


class _Seed:
    checksum = _Checksum()


class _Nodes(dict):
    """graph.nodes: every seed is found, with a made-up checksum (macros/incremental_phrases.sql)."""

    def get(self, key, default=None):
        return _Seed()


graph = {"nodes": _Nodes(x=1)}   # not empty: seeds_checksum() reads it

# dbt's run_started_at (a datetime); the phrase tables stamp their rows with it
run_started_at = __import__("datetime").datetime(2026, 1, 1)


class _Table:
    """What run_query returns, with one row: the incremental filters' id lists
    (macros/incremental_documents.sql, incremental_regions.sql) render as `x in ('0')`."""

    class _Column:
        @staticmethod
        def values():
            return ("0",)

    columns = (_Column(),)


def run_query(sql):
    return _Table()

"""Primary and foreign keys for BI tools' joins, as dbt's tests declare them in the marts' yml."""
from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


def declared_keys(models_dir: Path | None = None) -> tuple[dict[str, list[str]], list[tuple[str, list[str], str, list[str]]]]:
    """Primary and foreign keys as dbt's tests declare them in the marts' yml files:
    a column tested ``not_null`` and ``unique`` (else a ``unique_combination``) is the primary
    key; ``relationships`` / ``relationships_composite`` tests are foreign keys."""
    import re

    import yaml

    from orchestration.config import DBT_PROJECT_DIR

    primary: dict[str, list[str]] = {}
    foreign: list[tuple[str, list[str], str, list[str]]] = []

    def ref(text: str) -> str | None:
        m = re.fullmatch(r"\s*ref\(['\"]([\w]+)['\"]\)\s*", str(text))
        return m.group(1) if m else None

    for path in sorted((models_dir or DBT_PROJECT_DIR / "models" / "marts").glob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []:
            name, combos = model["name"], []
            for test in model.get("data_tests") or []:
                if isinstance(test, dict) and "unique_combination" in test:
                    combos.append(list(test["unique_combination"]["arguments"]["columns"]))
                elif isinstance(test, dict) and "relationships_composite" in test:
                    a = test["relationships_composite"]["arguments"]
                    if ref(a["to"]):
                        foreign.append((name, list(a["columns"]), ref(a["to"]), list(a["to_columns"])))
            for col in model.get("columns") or []:
                tests = col.get("data_tests") or []
                names = {t if isinstance(t, str) else next(iter(t)) for t in tests}
                if {"not_null", "unique"} <= names and name not in primary:
                    primary[name] = [col["name"]]
                for t in tests:
                    if isinstance(t, dict) and "relationships" in t:
                        a = t["relationships"].get("arguments", t["relationships"])
                        if ref(a.get("to", "")):
                            foreign.append((name, [col["name"]], ref(a["to"]), [a["field"]]))
            if name not in primary and combos:
                primary[name] = combos[0]
    return primary, foreign


def add_keys(conn, schema: str, tables: list[str]) -> None:
    """Keys for BI tools' joins. Each in a savepoint: data that breaks a key (a dbt test would
    have said so already) leaves that key out, never the load."""
    from psycopg import errors, sql

    primary, foreign = declared_keys()
    keyed = set()
    for table, cols in primary.items():
        if table not in tables:
            continue
        try:
            with conn.transaction():
                conn.execute(sql.SQL("ALTER TABLE {} ADD PRIMARY KEY ({})").format(
                    sql.Identifier(schema, table), sql.SQL(", ").join(map(sql.Identifier, cols))))
            keyed.add((table, tuple(cols)))
        except errors.Error as exc:
            log.warning("no primary key on %s (%s): %s", table, ", ".join(cols), exc)
    for table, cols, to, to_cols in foreign:
        if table not in tables or (to, tuple(to_cols)) not in keyed:
            continue
        try:
            with conn.transaction():
                conn.execute(sql.SQL("ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} ({})").format(
                    sql.Identifier(schema, table), sql.SQL(", ").join(map(sql.Identifier, cols)),
                    sql.Identifier(schema, to), sql.SQL(", ").join(map(sql.Identifier, to_cols))))
        except errors.Error as exc:
            log.warning("no foreign key %s(%s) -> %s: %s", table, ", ".join(cols), to, exc)

"""Rule data as relations: the units, measures and indicator families of
expectations/reference/units.json, registered on a connection for the derived-column SQL.

Its "families" are generated from the dbt units seed (dbt_project/seeds/units.csv, column
check_family): edit the seed, then run `python scripts/units_reference.py` (write_reference);
tests/validation/test_validate_reference.py checks the committed file is what it writes."""
from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable

# The figure with no unit ('') is an index; dbt reads an empty CSV field as null, so the seed
# cannot hold it (int_figure_units gives '' its own rule).
NO_UNIT_FAMILY = "index"


def families_from_seed(rows: Iterable[dict]) -> dict[str, list[str]]:
    """check_family → its units, both in seed order; rows without a check_family are left out
    (validation reads them as a scale word before a listed unit: 万元 = 万 × 元)."""
    out: dict[str, list[str]] = {}
    for r in rows:
        if r["check_family"]:
            out.setdefault(r["check_family"], []).append(r["unit"])
    out.setdefault(NO_UNIT_FAMILY, []).append("")
    return out


def read_seed(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def render_reference(ref: dict) -> str:
    """units.json as committed: one top-level key a line group, each family, scale, measure and
    pair on a line of its own, each indicator rule as a small block."""
    def flat(v) -> str:
        return json.dumps(v, ensure_ascii=False)

    parts = []
    for key, value in ref.items():
        if isinstance(value, dict):
            body = ",\n".join(f"    {flat(k)}: {flat(v)}" for k, v in value.items())
            parts.append(f"  {flat(key)}: {{\n{body}\n  }}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            blocks = [",\n".join(f"      {flat(k)}: {flat(v)}" for k, v in item.items()) for item in value]
            body = ",\n".join(f"    {{\n{b}\n    }}" for b in blocks)
            parts.append(f"  {flat(key)}: [\n{body}\n  ]")
        elif isinstance(value, list):
            body = ",\n".join(f"    {flat(v)}" for v in value)
            parts.append(f"  {flat(key)}: [\n{body}\n  ]")
        else:
            parts.append(f"  {flat(key)}: {flat(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_reference(seed: str | os.PathLike, path: str | os.PathLike) -> bool:
    """Rewrite the "families" of the units.json at `path` from the units seed, every other key
    kept as it is; True when the file changed."""
    with open(path, encoding="utf-8") as f:
        old = f.read()
    ref = json.loads(old)
    ref["families"] = families_from_seed(read_seed(seed))
    new = render_reference(ref)
    if new != old:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    return new != old

def unit_table(units: Iterable[str | None], ref: dict) -> list[tuple]:
    """(unit, family, scale, base_unit) for each unit; family None = unknown unit."""
    families = {u: fam for fam, us in ref["families"].items() for u in us}
    scales = sorted(ref["scales"].items(), key=lambda kv: -len(kv[0]))
    out = []
    for unit in units:
        if unit is None:
            continue
        fam, scale, base = families.get(unit), 1.0, unit
        if fam is None:
            for prefix, s in scales:
                rest = unit[len(prefix):]
                if unit.startswith(prefix):
                    if rest == "":
                        fam, scale, base = "number", float(s), ""
                    elif rest in families:
                        fam, scale, base = families[rest], float(s), rest
                    if fam:
                        break
        if fam is None and "/" in unit:
            fam = "rate"
        out.append((unit, fam, scale, base))
    return out


def indicator_table(texts: Iterable[str | None], ref: dict) -> list[tuple]:
    """(indicator_text, indicator_family, allowed_families as JSON) — family None = not judged."""
    ratio = re.compile(ref["ratio_pattern"])
    rules = [(r["family"], re.compile(r["pattern"]), r["allowed"]) for r in ref["indicator_families"]]
    out = []
    for t in texts:
        if t is None:
            continue
        fam, allowed = None, None
        if not ratio.search(t):
            for f, pat, al in rules:
                if pat.search(t):
                    fam, allowed = f, al
                    break
        out.append((t, fam, json.dumps(allowed) if allowed else None))
    return out


def register_reference(con, rel: str, ref: dict, indicator_col: str = "indicator_text") -> None:
    """Register _zb_units, _zb_measure_families and _zb_indicators for the units and indicator
    texts found in `rel` (only those: the cost follows the rows judged)."""
    import pandas as pd

    units = [r[0] for r in con.execute(f"SELECT DISTINCT unit FROM {rel}").fetchall()]
    con.register("_zb_units", pd.DataFrame(unit_table(units, ref), columns=["unit", "unit_family", "unit_scale", "base_unit"])
                 .astype({"unit": object, "unit_family": object, "base_unit": object}))
    mf = [(m, f) for m, fams in ref["measure_families"].items() for f in fams]
    con.register("_zb_measure_families", pd.DataFrame(mf, columns=["measure", "family"], dtype=object))
    texts = [r[0] for r in con.execute(f"SELECT DISTINCT {indicator_col} FROM {rel}").fetchall()]
    ind = indicator_table(texts, ref)
    con.register("_zb_indicators", pd.DataFrame(ind, columns=["indicator_text", "indicator_family", "allowed_families"], dtype=object))


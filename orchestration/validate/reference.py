"""Rule data as relations: the units, measures and indicator families of
expectations/reference/units.json, registered on a connection for the derived-column SQL."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable

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


"""Write the unit families of expectations/reference/units.json from the dbt units seed
(dbt_project/seeds/units.csv, column check_family), the one list of units. Run it after editing
the seed; every other key of units.json (scales, measure and indicator families) is kept.

    .venv/bin/python scripts/units_reference.py           # rewrite units.json
    .venv/bin/python scripts/units_reference.py --check   # exit 1 if units.json is out of date
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration.validate.reference import write_reference  # noqa: E402

SEED = ROOT / "dbt_project" / "seeds" / "units.csv"
REFERENCE = ROOT / "expectations" / "reference" / "units.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 when units.json differs")
    args = ap.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "units.json"
            shutil.copyfile(REFERENCE, copy)
            stale = write_reference(SEED, copy)
        print(f"{REFERENCE.relative_to(ROOT)}: {'out of date, run scripts/units_reference.py' if stale else 'up to date'}")
        return 1 if stale else 0
    changed = write_reference(SEED, REFERENCE)
    print(f"{REFERENCE.relative_to(ROOT)}: {'rewritten from the units seed' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

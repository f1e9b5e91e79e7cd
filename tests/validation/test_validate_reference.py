"""One list of units: the dbt units seed (dbt_project/seeds/units.csv). Validation's unit families
(expectations/reference/units.json, "families") are written from it by scripts/units_reference.py;
the committed file must be what the script writes, and the seed's two families of a unit (dbt's
unit_family, validation's check_family) must agree."""
import json
import shutil
import subprocess
import sys

import yaml

from orchestration import validate
from orchestration.config import DBT_PROJECT_DIR, EXPECTATIONS_DIR, PROJECT_ROOT
from orchestration.validate.reference import families_from_seed, read_seed, render_reference, write_reference

SEED = DBT_PROJECT_DIR / "seeds" / "units.csv"
REFERENCE = EXPECTATIONS_DIR / "reference" / "units.json"
ROWS = read_seed(SEED)

# dbt's unit_family → the check_family a unit of it may have (a bare 万/亿 is a count in the seed
# and 'number' to validation, which reads it as a scale word with no unit).
CHECK_FAMILIES = {
    "money": {"currency"}, "ratio": {"percent", "pp", "multiple", "fraction"}, "rank": {"rank"},
    "count": {"count", "number"}, "population": {"count"}, "person_time": {"count"}, "household": {"count"},
    "household_time": {"count"}, "person_year": {"count"}, "container": {"count"},
    "area": {"area"}, "length": {"length"}, "mass": {"mass"}, "volume": {"volume"},
    "energy": {"energy"}, "energy_coal": {"energy"}, "power": {"energy"}, "duration": {"time"},
    "concentration": {"concentration"}, "compute": {"compute"}, "temperature": {"temperature"},
    "transport": {"transport"}, "sound": {"sound"}, "rate": {"rate"},
}


def test_the_committed_units_json_is_what_the_seed_writes(tmp_path):
    copy = tmp_path / "units.json"
    shutil.copyfile(REFERENCE, copy)
    assert write_reference(SEED, copy) is False
    assert copy.read_bytes() == REFERENCE.read_bytes()


def test_an_edited_seed_changes_units_json(tmp_path):
    seed = tmp_path / "units.csv"
    seed.write_text(SEED.read_text(encoding="utf-8") + "马力,1,hp,power,energy,false\n", encoding="utf-8")
    copy = tmp_path / "units.json"
    shutil.copyfile(REFERENCE, copy)
    assert write_reference(seed, copy) is True
    ref = json.loads(copy.read_text(encoding="utf-8"))
    assert ref["families"]["energy"][-1] == "马力"
    assert {k: v for k, v in ref.items() if k != "families"} == \
        {k: v for k, v in validate.load_reference().items() if k != "families"}
    assert copy.read_text(encoding="utf-8") == render_reference(ref)   # and the layout stays


def test_the_script_checks_and_exits_1_when_out_of_date(tmp_path):
    script = PROJECT_ROOT / "scripts" / "units_reference.py"
    res = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "up to date" in res.stdout


def test_families_keep_seed_order_and_the_empty_unit_is_an_index():
    rows = [{"unit": "元", "check_family": "currency"}, {"unit": "万元", "check_family": ""},
            {"unit": "%", "check_family": "percent"}, {"unit": "美元", "check_family": "currency"}]
    assert families_from_seed(rows) == {"currency": ["元", "美元"], "percent": ["%"], "index": [""]}


def test_every_unit_validation_lists_is_a_seed_row_of_that_check_family():
    seed = {r["unit"]: r["check_family"] for r in ROWS}
    listed = {u: fam for fam, us in validate.load_reference()["families"].items() for u in us if u != ""}
    assert {u: seed.get(u) for u in listed} == listed


def test_a_seed_row_without_check_family_is_a_scale_word_before_a_listed_unit_or_a_rate():
    ref = validate.load_reference()
    bare = [r["unit"] for r in ROWS if not r["check_family"]]
    assert "万元" in bare and "万" in bare
    table = validate.unit_table(bare, ref)
    unresolved = [u for u, fam, scale, _ in table if fam is None or (scale == 1.0 and fam != "rate")]
    assert unresolved == []


def test_dbt_family_and_check_family_agree_for_every_seed_row():
    ref = validate.load_reference()
    derived = {u: fam for u, fam, *_ in validate.unit_table([r["unit"] for r in ROWS], ref)}
    wrong = [(r["unit"], r["unit_family"], derived[r["unit"]]) for r in ROWS
             if derived[r["unit"]] not in CHECK_FAMILIES.get(r["unit_family"], set())]
    assert wrong == []


def test_in_warehouse_is_a_boolean_and_validation_only_rows_are_listed_for_validation():
    assert {r["in_warehouse"] for r in ROWS} == {"true", "false"}
    # a row kept out of the warehouse exists only for validation: it must say its family
    assert [r["unit"] for r in ROWS if r["in_warehouse"] == "false" and not r["check_family"]] == []


def test_the_other_unit_words_of_validation_name_seed_families_and_scales():
    ref = validate.load_reference()
    families = {r["unit_family"] for r in ROWS}
    # the pairs the fct_figure suite lets pass (a bare 万 count of people) are dbt families
    assert {f for pair in ref["dbt_family_compatible"] for f in pair} <= families
    suite = json.loads((EXPECTATIONS_DIR / "dim_indicator.json").read_text(encoding="utf-8"))
    (known,) = [e["kwargs"]["value_set"] for e in suite["expectations"] if e["meta"]["check"] == "unit_family_known"]
    assert set(known) <= families
    # validation's scale words are dbt's (unit_scale_prefixes) but for 十亿, which validation does
    # not read: 十亿元 is no unit it judges (no shipped or shared document writes a unit with 十亿)
    dbt = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]["unit_scale_prefixes"]
    assert {w: float(s) for w, s in dbt.items() if w != "十亿"} == ref["scales"]
    assert "十亿" in dbt

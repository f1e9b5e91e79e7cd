"""The extractor's vocabulary (orchestration/extract/data/, package data) and the dbt units seed
(dbt_project/seeds/units.csv, the one list of units: what a written unit means downstream) agree:
every unit of the seed the warehouse scales is read by the extractor as itself, every measure word
is a seed unit (or a scale word before one) whose families fit the extractor's own classes of
units, and every measure word that names an amount is in the seed. The extractor itself stays
pure: it reads its own data files, never the seed."""
import csv

import pytest
import yaml

from orchestration.extract import lexicon as L
from orchestration.extract import vocabulary
from orchestration.extract.mentions import find_mentions
from orchestration.extract.numbers import MEASURE_UNITS, UNITS
from tests.support.paths import ROOT as ROOT_DIR

SEED = ROOT_DIR / "dbt_project" / "seeds" / "units.csv"
SEED_ROWS = {r["unit"]: r for r in csv.DictReader(SEED.open(encoding="utf-8"))}
# rows with in_warehouse false are there for validation only (元人民币, 个月 …); the extractor
# need not read them
SEED_UNITS = [u for u, r in SEED_ROWS.items() if r["in_warehouse"] == "true"]
SCALE_WORDS = yaml.safe_load((ROOT_DIR / "dbt_project" / "dbt_project.yml").read_text(encoding="utf-8"))[
    "vars"]["unit_scale_prefixes"]
# measure words the warehouse gives no value_base (seed rows kept out of it): 翻一番 is no multiple
# of a fixed size, and °C is written ℃ or 摄氏度 in the documents the seed was made on
NOT_SCALED = {"番", "°C"}
# units the extractor writes itself, not after a number
WRITTEN_BY_EXTRACTOR = {"rank", "fraction"}
# durations are no figures after a bare number (连续9年, 用时3小时); 年 is read only in 受教育年限14.2年
DURATIONS = {"年", "小时"}


def test_data_files_ship_with_the_package():
    assert "八项规定" in vocabulary.words("named_numbers.txt")
    assert {r["word"] for r in vocabulary.rows("measure_words.csv")} == set(UNITS)
    text = (ROOT_DIR / "pyproject.toml").read_text(encoding="utf-8")
    assert '"orchestration.extract" = ["data/*.csv", "data/*.txt"]' in text


@pytest.mark.parametrize("unit", [u for u in SEED_UNITS if u not in WRITTEN_BY_EXTRACTOR | DURATIONS])
def test_every_seed_unit_is_read_as_itself(unit):
    [m] = find_mentions(f"达到5{unit}，")
    assert (m.value, m.unit) == (5.0, unit)


def test_durations_are_read_only_where_they_are_figures():
    assert [(m.value, m.unit) for m in find_mentions("受教育年限14.2年，")] == [(14.2, "年")]
    assert find_mentions("连续9年，") == [] and find_mentions("用时3小时，") == []


def test_every_amount_word_of_the_extractor_is_a_seed_unit():
    missing = sorted(MEASURE_UNITS - set(SEED_UNITS))
    assert missing == []


def _seed_row(unit: str) -> dict | None:
    """The seed row a unit means, as int_figure_units reads it: itself, else the longest scale
    word before a seed unit (千公顷 = 千 × 公顷); rows of every in_warehouse value."""
    if unit in SEED_ROWS:
        return SEED_ROWS[unit]
    for word in sorted(SCALE_WORDS, key=len, reverse=True):
        if unit.startswith(word) and unit[len(word):] in SEED_ROWS:
            return SEED_ROWS[unit[len(word):]]
    return None


def test_every_measure_word_is_a_seed_unit_or_a_scale_word_before_one():
    assert [u for u in UNITS if _seed_row(u) is None] == []
    assert _seed_row("千公顷")["unit"] == "公顷"


def test_the_measure_words_the_warehouse_does_not_scale_are_known():
    assert {u for u in UNITS if _seed_row(u)["in_warehouse"] != "true"} == NOT_SCALED


def test_measure_words_of_growth_and_points_are_ratios_in_the_seed():
    for unit in L.GROWTH_UNITS:
        assert (unit, _seed_row(unit)["unit_family"], _seed_row(unit)["check_family"]) in {
            (unit, "ratio", "percent"), (unit, "ratio", "multiple")}
    assert {_seed_row(u)["check_family"] for u in L.PP_UNITS} == {"pp"}
    assert {_seed_row(u)["unit_family"] for u in L.PP_UNITS} == {"ratio"}


def test_amount_words_are_no_ratios_in_the_seed():
    ratios = {u: _seed_row(u)["unit_family"] for u in MEASURE_UNITS if _seed_row(u)["unit_family"] in ("ratio", "rank")}
    assert ratios == {}
    checks = {_seed_row(u)["check_family"] for u in MEASURE_UNITS}
    assert checks.isdisjoint({"percent", "pp", "multiple", "fraction", "rank"}) and "currency" in checks


def test_the_units_the_extractor_writes_itself_are_in_the_seed():
    for unit, family in (("rank", "rank"), ("fraction", "ratio")):
        assert SEED_ROWS[unit]["unit_family"] == family and SEED_ROWS[unit]["in_warehouse"] == "true"

"""The extractor's vocabulary (orchestration/extract/data/, package data) and the dbt units seed
(dbt_project/seeds/units.csv, what a written unit means downstream) agree: every unit of the seed
is read by the extractor as itself, and every measure word that names an amount is in the seed."""
import csv

import pytest

from orchestration.extract import vocabulary
from orchestration.extract.mentions import find_mentions
from orchestration.extract.numbers import MEASURE_UNITS, UNITS
from tests.support.paths import ROOT as ROOT_DIR

SEED = ROOT_DIR / "dbt_project" / "seeds" / "units.csv"
SEED_UNITS = [r["unit"] for r in csv.DictReader(SEED.open(encoding="utf-8"))]
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

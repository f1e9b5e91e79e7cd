"""Regression: the extractor against the five gold documents, scored by the shared scorer.

tests/data/gold/*.jsonl are copies of the annotated gold files and tests/data/score.py a copy
of the scorer; the reports themselves are in raw/reports/. Each floor sits just below what
the extractor reaches now: raise it when the extractor improves, never lower it to pass.
"""

import pytest

from tests.support.paths import DATA, ROOT
from tests.support.scoring import ATTRIBUTES, METRICS, score_extractor, scorer, value

REPORTS = ROOT / "raw" / "reports"

# detection (precision, recall; unit, qualifier, value_high) and classification attributes
FLOORS = {
    "precision": 0.996,
    "recall": 0.999,
    "unit": 0.998,
    "qualifier": 0.998,
    "value_high": 0.998,
    "measure": 0.997,
    "status": 0.997,
    "period": 0.997,
    "of": 0.99,
    "indicator": 0.99,
}


@pytest.fixture(scope="module")
def summary():
    gold_files = sorted((DATA / "gold").glob("*.jsonl"))
    assert len(gold_files) == 5
    gold = scorer().load([str(p) for p in gold_files])
    return score_extractor(gold, lambda doc: (REPORTS / doc).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", METRICS + ATTRIBUTES)
def test_floor(summary, name):
    assert value(summary, name) >= FLOORS[name], summary

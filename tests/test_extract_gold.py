"""Regression: the extractor against the five gold documents, scored by the shared scorer.

tests/data/gold/*.jsonl are copies of the annotated gold files and tests/data/score.py a copy
of the scorer; the reports themselves are in raw/reports/. Each floor sits just below what
the extractor reaches now: raise it when the extractor improves, never lower it to pass.
"""
import importlib.util
import json
from pathlib import Path

import pytest

from orchestration.extract import extract

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
REPORTS = ROOT / "raw" / "reports"

# detection (precision, recall; unit, qualifier, value_high) and classification attributes
FLOORS = {
    "precision": 0.993,
    "recall": 0.997,
    "unit": 0.998,
    "qualifier": 0.998,
    "value_high": 0.998,
    "measure": 0.99,
    "status": 0.99,
    "period": 0.99,
    "of": 0.97,
    "indicator": 0.965,
}


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", DATA / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def summary():
    gold_files = sorted((DATA / "gold").glob("*.jsonl"))
    assert len(gold_files) == 5
    scorer = _scorer()
    gold = scorer.load([str(p) for p in gold_files])
    pred = []
    for doc in sorted({g["doc"] for g in gold}):
        text = (REPORTS / doc).read_text(encoding="utf-8")
        for fig in extract(text):
            assert text[fig.start:fig.end] == fig.text
            pred.append(json.loads(json.dumps(fig.gold_dict(doc), ensure_ascii=False)))
    result, _missed, _fp, _pairs = scorer.score(gold, pred)
    return result


@pytest.mark.parametrize("metric", ["precision", "recall"])
def test_detection(summary, metric):
    assert summary[metric] >= FLOORS[metric], summary


@pytest.mark.parametrize("attr", ["unit", "qualifier", "value_high", "measure", "status", "period", "of", "indicator"])
def test_attributes(summary, attr):
    assert summary["attribute_accuracy"][attr] >= FLOORS[attr], summary

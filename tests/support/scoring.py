"""Shared by the gold and held-out regression tests: run the extractor over annotated documents
and score it with tests/data/score.py (a copy of the shared scorer)."""
import importlib.util
import json
from pathlib import Path
from collections.abc import Callable

from orchestration.extract import extract

DATA = Path(__file__).resolve().parents[1] / "data"
METRICS = ("precision", "recall")
ATTRIBUTES = ("unit", "qualifier", "value_high", "measure", "status", "period", "of", "indicator")


def scorer():
    spec = importlib.util.spec_from_file_location("gold_score", DATA / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_extractor(gold: list[dict], read_text: Callable[[str], str]) -> dict:
    """The scorer's summary for the extractor's figures of every document the gold names;
    also checks that every figure's text is the document's text at its offsets."""
    return score_extractor_in_full(gold, read_text)[0]


def score_extractor_in_full(gold: list[dict], read_text: Callable[[str], str]) -> tuple:
    """The scorer's whole answer (summary, missed gold, false positives, matched pairs)."""
    pred = []
    for doc in sorted({g["doc"] for g in gold}):
        text = read_text(doc)
        for fig in extract(text):
            assert text[fig.start:fig.end] == fig.text, (doc, fig)
            pred.append(json.loads(json.dumps(fig.gold_dict(doc), ensure_ascii=False)))
    return scorer().score(gold, pred)


def value(summary: dict, name: str) -> float:
    return summary[name] if name in METRICS else summary["attribute_accuracy"][name]

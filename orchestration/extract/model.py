"""The records the extractor returns. Field names follow ../shared/gold/GUIDELINES.md."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class Figure:
    start: int                 # offsets into the ORIGINAL text: text == original[start:end]
    end: int
    text: str
    value: float
    unit: str = ""
    measure: str = "level"     # level | growth | share | rank | pp_change
    of: str = ""
    status: str = "actual"     # actual | estimate | target
    period: int | None = None
    qualifier: str = "eq"      # eq | ge | le | approx | range
    value_high: float | None = None
    indicator: str = ""
    key: bool = False
    sentence: str = ""         # the sentence as in the original text
    sentence_start: int = 0
    sentence_end: int = 0
    is_preliminary: bool = False   # 初步核算: a first estimate of the accounts (bulletin.py)

    def gold_dict(self, doc: str) -> dict:
        """The gold JSONL schema (what eval/score.py reads)."""
        d = asdict(self)
        for k in ("sentence", "sentence_start", "sentence_end"):
            d.pop(k)
        return {"doc": doc, **d}


@dataclass
class DocumentInfo:
    title: str = ""
    issuer: str = ""           # issuing body as written, e.g. 杭州市滨江区人民政府
    date: date | None = None   # the date the report was delivered
    review_year: int | None = None
    plan_year: int | None = None
    kind: str = "report"       # report | bulletin
    extra: dict = field(default_factory=dict)

"""A SentenceContext keeps what classify has read of a unit for its next figure (clause marks, the
sentence's open, 预计/到YYYY年 before the figure, the clauses searched for the subject); asked in
any order, it must answer as a fresh read would. Nothing of it lives at module level: two
documents classified in turn do not see each other's reading."""
import random
import re

from orchestration.extract import neighbour_names as I
from orchestration.extract import lexicon as L
from orchestration.extract import phrases as P
from orchestration.extract import sentence_reading as S
from orchestration.extract.sentence_reading import SentenceContext


def _fresh(text, s0, end):
    for part in I._SUBCLAUSE_SPLIT.split(text[s0:end]):
        h = P.noun_head(part)
        if len(h) >= 2 and h not in L.EMPTY_HEADS:
            return h
    return ""


def test_sentence_subject_matches_a_fresh_read():
    rng = random.Random(3)
    words = ["增长5%", "，", "；", "地区生产总值", "：", "比上年", "全年", "粮食产量", "、", "达到", "居民收入", ",", "下降"]
    found = 0
    for _ in range(600):
        text = "".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
        s0 = rng.randint(0, min(3, len(text)))
        ends = sorted(rng.randint(s0, len(text)) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.2:
            rng.shuffle(ends)
        ctx = SentenceContext(text, 0, len(text))
        for e in ends:
            want = _fresh(text, s0, e)
            assert I.sentence_subject(ctx, s0, e) == want, (text, s0, e)
            found += bool(want)
    assert found > 100          # the cases hold subjects, not only empty answers


def test_long_list_reads_the_subject_once():
    text = "地区生产总值" + "增长5%，" * 50
    ctx = SentenceContext(text, 0, len(text))
    assert I.sentence_subject(ctx, 0, len(text) - 1) == "地区生产总值"
    assert ctx.subject[1] == text.index("，") + 1          # stopped after the first clause


def test_left_context_matches_a_fresh_read():
    """预计 / 今年以来 before a figure and the last 到YYYY年, read incrementally, in any order."""
    rng = random.Random(5)
    words = ["预计", "预", "计", "今年以来", "今年", "以来", "到2030年", "至2028年底", "在2027年", "到", "2030年",
             "增长5%", "，", "地区生产总值"]
    for _ in range(600):
        text = "".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        s_open = rng.randint(0, min(2, len(text)))
        ats = sorted(rng.randint(s_open, len(text)) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.2:
            rng.shuffle(ats)
        ctx = SentenceContext(text, 0, len(text))
        for at in ats:
            left = ctx.left_of(s_open, at)
            full = text[s_open:at]
            years = [int(m.group("y")) for m in re.finditer(r"(?:到|至|在)(?P<y>\d{4})年(?:底|末|前)?", full)]
            assert left.has(left.estimate, 2, at) == ("预计" in full), (text, at)
            assert left.has(left.since, 4, at) == ("今年以来" in full), (text, at)
            assert left.to_year(at) == (years[-1] if years else None), (text, at)


def test_unit_marks_locate_like_walking_back():
    """Clause start and sentence open found from a unit's marks equal a walk back character by character."""
    rng = random.Random(7)
    pieces = ["增长5%", "，", "。", "；", "\n", "！", "地区生产总值", "、", "：", "比上年", " ", "?"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        cuts = sorted({0, len(text), *(rng.randint(0, len(text)) for _ in range(3))})
        ctx = None
        for u0, u1 in zip(cuts, cuts[1:]):          # units left to right, as the pipeline gives them
            ctx = SentenceContext(text, u0, u1, ctx)
            for at in range(u0, u1 + 1):
                want_open = at
                while want_open > 0 and text[want_open - 1] not in "。！？\n":
                    want_open -= 1
                assert ctx.marks.locate(at) == (S.find_clause_start(text, u0, at), want_open), (text, u0, u1, at)


def test_no_reading_is_kept_at_module_level():
    for module in (S, I):
        kept = [n for n, v in vars(module).items() if n.startswith("_last") or n.endswith("_memo")]
        assert kept == [], module.__name__

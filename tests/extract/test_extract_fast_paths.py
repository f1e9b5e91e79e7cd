"""The extractor's speed devices give what the plain forms they replace give (issue 10: output
byte-identical). Each device is checked against its plain form, written out here."""
from __future__ import annotations

import random
import re
import sys

from orchestration.extract import indicator_phrase, mention_context, mentions, numbers, phrases, sentence_reading
from orchestration.extract.lexicon import first_chars
from orchestration.extract.numbers import RANK_EXPRESSION

_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_no_spaces_removes_what_backslash_s_matches():
    assert phrases.no_spaces(_ALL) == re.sub(r"\s+", "", _ALL)
    assert phrases.no_spaces(" 地区\u3000生产\n总值\t") == "地区生产总值"


def test_isdecimal_is_backslash_d():
    assert "".join(c for c in _ALL if c.isdecimal()) == "".join(re.findall(r"\d", _ALL))


def _walk_back(text: str, pos: int, lo: int) -> int:
    i = pos
    while i > lo and text[i - 1] not in "，,；;。！？!?：:\n":
        i -= 1
    return i


def test_clause_start_is_the_walk_back():
    rng = random.Random(7)
    pieces = ["地区生产总值", "增长5.5%", "，", "；", "。", "\n", "：", "比上年", "规模以上工业增加值" * 9]
    text = "".join(rng.choice(pieces) for _ in range(400))
    for _ in range(5000):
        pos = rng.randrange(len(text) + 1)
        lo = max(0, pos - rng.choice([0, 1, 12, 40, 63, 64, 65, 90, 400]))
        assert mention_context.clause_start(text, pos, lo) == _walk_back(text, pos, lo)
    assert mention_context.clause_start(text, 5, 9) == 5          # pos before lo: pos, as the walk


def test_cut_tail_is_the_tail_pattern_cut():
    assert phrases._TAIL_REACH is not None and phrases._TAIL_REACH < 100
    heads = ["地区生产总值", "城镇居民人均可支配收入" * 4, "全市规模以上工业企业营业收入利润总额" * 2]
    tails = ["", "比上年增长", "同比", "较上年末", "连续" + "1" * 20 + "年", "连续" + "三" * 17 + "年",
             "跨上" + "1" * 18 + "个新台阶", "高于全国平均水平", "达到", "居全国"]
    for h in heads:
        for t in tails:
            for s in (h + t, t + h, h + t + t):
                assert phrases._cut_tail(s) == phrases._TAIL.sub("", s), s
    # one word a pass (noun_head repeats the cut): 增长 goes first, past the reach of a long head
    assert phrases._cut_tail("城镇居民人均可支配收入" * 4 + "比上年增长") == "城镇居民人均可支配收入" * 4 + "比上年"


def test_cut_tail_passes_only_segments_without_a_tail():
    # _cut_tail returns a segment as it is when it ends in no tail word's last character and holds no
    # open-ended word (高于…) near its end: the cut is still _TAIL's on every ending character
    assert phrases._TAIL_ENDS is not None and [w for _, w in phrases._TAIL_ENDS[1]] == [14]
    for prefix in ("地区生产总值", "高于全国", "比上年同期", "2024年", "连续3年", ""):
        for c in _ALL[:0x10000]:
            if not c.isspace():
                s = prefix + c
                assert phrases._cut_tail(s) == phrases._TAIL.sub("", s), s
    rng = random.Random(9)
    words = ["增长", "比上年", "高于", "全国", "平均", "居", "第", "首位", "总值", "收入", "的", "年", "连续", "3", "个", "台阶",
             "跨上", "较", "同期", "快于", "水平", "，", "领先"]
    for _ in range(20000):
        s = "".join(rng.choice(words) for _ in range(rng.randrange(1, 12)))
        assert phrases._cut_tail(s) == phrases._TAIL.sub("", s), s


def test_strip_lead_needs_one_pass():
    def to_fixpoint(s: str) -> str:
        s = s.strip().strip("*").strip()
        prev = None
        while prev != s:
            prev, s = s, phrases._LEAD.sub("", s)
        return s

    for s in ("其中全省新增", "、，全年累计完成", "1.全市实现", "一是推动", "12、继续", "同时此外另外新建",
              "全省规模以上工业增加值", "*今年全市*"):
        assert phrases.strip_lead(s) == to_fixpoint(s)
    assert phrases.strip_lead("其中全省新增就业") == "就业"


def test_rank_expressions_are_the_pattern_scan():
    assert set(mentions._RANK_START.pattern[1:-1]) == {"第", "首", "榜", "前"}     # read from the pattern
    text = ("经济总量居全国第4位、第十二名，首位榜首前三前10强；第第5位前前一，榜首位首首位。第二十次会议"
            "前1%的企业，第1\n第") * 3
    for lo, hi in ((0, len(text)), (3, 40), (7, 8), (0, 0)):
        got = [(m.span(), m.groupdict()) for m in mentions.rank_expressions(text, lo, hi)]
        assert got == [(m.span(), m.groupdict()) for m in RANK_EXPRESSION.finditer(text, lo, hi)]
    assert [m.group() for m in mentions.rank_expressions("居全国第4位", 0, 6)] == ["第4位"]


def _starters(pattern: re.Pattern) -> set[str]:
    """Every character a match of a start-anchored pattern can begin with (lexicon.first_chars)."""
    cls = re.compile(first_chars(pattern.pattern.removeprefix("^")))
    return {c for c in _ALL if cls.fullmatch(c)}


def test_start_prechecks_cover_what_the_patterns_start_with():
    # a pattern edited to start with another character must have its precheck widened too
    pairs = [(phrases._FRAME_AFTER, phrases._SKIP_FIRST), (phrases._RIGHT_SKIP, phrases._SKIP_FIRST),
             (phrases._LEAD_PUNCT, phrases._PUNCT_FIRST), (phrases._ALT_UNIT, "（("),
             (indicator_phrase._SPLIT_CONNECTOR, "和及并"), (indicator_phrase._DONE_VERB, "组实举开完"),
             (indicator_phrase._STEP_LEAD, "新台大关")]
    for pattern, precheck in pairs:
        assert _starters(pattern) <= set(precheck), pattern.pattern
    for pattern in (phrases._AGE_THRESHOLD, phrases._CLASS_LABEL):       # precheck: str.isdecimal
        assert all(c.isdecimal() for c in _starters(pattern)), pattern.pattern


def test_the_patterns_behind_a_literal_precheck_are_the_ones_it_was_written_for():
    # the precheck in the code (a character it must end with, a word it must hold) is read off these
    # patterns: a change to one of them must revisit its precheck (named beside it)
    assert indicator_phrase._TIME_TAIL.pattern == r"(?:今年|全年|连年|当年|每年)$"     # finish: ends in 年
    assert indicator_phrase._PER_PERIOD_TAIL.pattern.endswith(r"(?:每月|每年)$")      # finish: ends in 月年
    assert indicator_phrase._OPEN_TAIL.pattern == (r"(?:从不|从|由)(?:每月|每年|每人每年|每人)?$"
                                                  r"|(?<=率)(?:降|升)$")            # finish: 不从由降升月年人
    assert phrases._PARTICLE_END.pattern == r"(?:的|了|等|(?:首次)?全部|均|都)$"      # noun_after: 的了等部均都
    assert phrases.SHARE_NOUN_END.pattern == "(?:" + "|".join(phrases._SHARE_NOUNS) + ")$"
    assert indicator_phrase._KEPT_TAIL.pattern.endswith(
        r"(?:兑现|圆满|保质保量|进展顺利|顺利)|(?:全部|全面)?如期)$")                  # finish: ends in 现满量利期
    assert indicator_phrase._FOOTNOTE.pattern.startswith(r"\[")                     # finish: a [
    assert phrases._QUOTED.pattern.startswith("“")                                  # noun_after
    assert phrases._SHARE_PHRASE_END.pattern == (r"(?:在(?![校读职岗建编线库])[^，。；、\d]{2,12}?(?:的)?占比|占(?:[^，。；、\d]{0,20}?)"
                                                 r"(?:的)?(?:比重|比例|份额)?)$")    # noun_head: 占
    assert mention_context._BRACKET.pattern.endswith(
        "部分(?!地区|城市|企业|省|市|县|区|国家|行业|领域|产品|人群)")                  # is_threshold: 部分
    assert sentence_reading._TO_YEAR.pattern == r"(?:到|至|在)(?P<y>\d{4})年"        # read_to: 年
    assert numbers.PER_FIRST.pattern.startswith("每")                               # mentions: 每
    assert phrases._LEFT_AMOUNT.pattern.startswith(r"^(.*?[^\d.])\d+")             # noun_head: a digit
    assert numbers.LEAD_TAIL.pattern == (r"(?:分别|均|各|为|达到|达|是|了|到|在|超过|超|近|约|突破|不少于|不低于)+"
                                         r"[ \t]*$")                                 # group_lists: 别均各…于


def test_the_last_character_prechecks_pass_every_match():
    # a stripped lead ending in a character outside the precheck holds no LEAD_TAIL; every word does end in it
    from orchestration.extract import mention_lists
    last = set(mention_lists._LEAD_TAIL_LAST)
    assert all(numbers.LEAD_TAIL.search("增长" + c) is None for c in _ALL if c not in last and not c.isspace())
    words = numbers.LEAD_TAIL.pattern[3:].split(")+")[0].split("|")
    assert {w[-1] for w in words} == last


def _sentences_holding_plain(text, mentions):
    from orchestration.extract.sentences import iter_sentences
    out, k, n = [], 0, len(mentions)
    for s0, s1 in iter_sentences(text):
        if k >= n:
            break
        if mentions[k].start >= s1:
            continue
        while k < n and mentions[k].start < s0:
            k += 1
        j = k
        while j < n and mentions[j].end <= s1:
            j += 1
        if j > k:
            out.append((s0, s1, mentions[k:j]))
            k = j
    return out


def test_sentences_holding_is_the_scan_of_every_sentence():
    # the pipeline reads sentences from the line of the next mention on: the same sentences, the same mentions
    from orchestration.extract.numbers import Mention
    from orchestration.extract.pipeline import _sentences_holding
    rng = random.Random(11)
    pieces = ["地区生产总值", "增长", "5.5%", "。", "”", "\n", "\n\n", " ", "？", "！", "；", "规模以上工业" * 5]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60)))
        spans = sorted({(a, min(len(text), a + rng.randrange(1, 5))) for a in
                        (rng.randrange(len(text)) for _ in range(rng.randrange(0, 8)))})
        mentions = [Mention(a, b, 1.0) for a, b in spans]
        assert list(_sentences_holding(text, mentions)) == _sentences_holding_plain(text, mentions), text


def _top_alternatives(pattern: str) -> list[str]:
    """A pattern split at each | outside groups and character classes (a trailing $ kept with the last)."""
    alts, cur, depth, in_class, i = [], "", 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur, i = cur + pattern[i:i + 2], i + 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            alts.append(cur)
            cur, i = "", i + 1
            continue
        cur, i = cur + ch, i + 1
    return alts + [cur]


def _groups(alt: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost group of a pattern, quantifier included."""
    out, depth, in_class, i, g0 = [], 0, False, 0, 0
    while i < len(alt):
        ch = alt[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            g0 = i if depth == 0 else g0
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                q = re.match(r"[?*+]\??|\{\d*,?\d*\}\??", alt[i + 1:])
                out.append((g0, i + 1 + (q.end() if q else 0)))
        i += 1
    return out


def _holds_a_word(alt: str, words) -> bool:
    """Every match of the pattern `alt` holds one of `words`: one stands in it outside classes and
    outside optional, look-around or alternating groups, or every alternative of such a group does."""
    groups = _groups(alt)
    rest, required = alt, []
    for g0, g1 in reversed(groups):
        g = alt[g0:g1]
        body = re.sub(r"^\((?:\?:|\?P<\w+>)?", "", g)
        optional = not g.endswith(")") and not g.endswith("+")
        if optional or g.startswith(("(?=", "(?!", "(?<")) or len(_top_alternatives(body.rsplit(")", 1)[0])) > 1:
            rest = rest[:g0] + "\x00" + rest[g1:]
            if not optional and not g.startswith(("(?=", "(?!", "(?<")):
                required.append(body.rsplit(")", 1)[0])
    flat = re.sub(r"\[(?:\\.|[^\]\\])*\]", "\x00", rest)
    if any(w in "".join(p for p in re.split(r"\\.", flat)) for w in words):
        return True
    return any(all(_holds_a_word(a, words) for a in _top_alternatives(r)) for r in required)


def test_word_prechecks_name_a_word_of_every_alternative():
    # a rule searches its pattern only where one of these words stands: every match must hold one
    from orchestration.extract.rules import context_vetoes, indicator_rules, measure, status_period
    pairs = [(measure._GROWTH_HELD_AT, ["幅"]), (measure._GROWTH_TARGET_END, ["目标"]), (measure._FALL_RATE_END, ["幅"]),
             (measure._CONTRIBUTION_RATE, ["贡献率"]), (measure._VALUE_CHANGE_END, ["值"]),
             (measure._SHARE, ["占", "比重", "份额"]), (measure._CONTRIBUTION, ["贡献", "覆盖"]),
             (context_vetoes.SUPERLATIVE, ["最", "速", "载"]), (indicator_rules._STATE_ITEM, ["的"]),
             (indicator_rules._COMPARED, ["比", "较"]), (status_period._TARGET_AFTER, ["目标", "任务"]),
             (phrases._RANK_PHRASE, ["前", "第", "首"])]
    for rx, words in pairs:
        assert all(_holds_a_word(alt, words) for alt in _top_alternatives(rx.pattern)), rx.pattern
    # the check can fail: 比重 alone, an optional word, a word in a class or a look-around hold none
    assert not _holds_a_word(measure._SHARE.pattern, ["占"])
    assert not _holds_a_word("a(?:目标)?b", ["目标"]) and not _holds_a_word("[目标]", ["目"])
    assert not _holds_a_word("(?!目标)a", ["目标"]) and _holds_a_word("(?:x|y目标)目标", ["目标"])
    assert _top_alternatives("a|(b|c)|[|]d") == ["a", "(b|c)", "[|]d"]


def test_names_main_target_is_the_scan_of_the_targets():
    from orchestration.extract.layout.document import Layout
    lay = Layout(main_targets=["地区生产总值", "城镇调查失业率", "投资", "居民消费价格", "粮食产量"])
    for ind in ("地区生产总值", "全省地区生产总值", "生产总值", "调查失业率", "城镇调查", "投资", "完成投资",
                "固定资产投资", "粮食", "粮食产量", "消费价格", "", "居民\x00消费"):
        plain = any(len(t) >= 3 and (t in ind or (len(ind) >= 4 and ind in t)) for t in lay.main_targets)
        assert lay.names_main_target(ind) == plain, ind
    lay.main_targets.append("研发投入强度")            # the list changed: read again
    assert lay.names_main_target("研发投入强度") and not Layout().names_main_target("地区生产总值")


def test_is_time_head_is_the_fullmatch():
    from orchestration.extract import neighbour_names
    rng = random.Random(5)
    pieces = ["十四五", "“十四五”", "时期", "期间", "过去", "近", "这", "五", "十", "3", "年", "来", "间", "以来", "中",
              "全省", "增长", "”", "。", "，"]
    for _ in range(20000):
        h = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 5)))
        assert neighbour_names.is_time_head(h) == bool(neighbour_names._TIME_HEAD.fullmatch(h)), h
    assert all(not neighbour_names._TIME_HEAD.fullmatch("五年" + c) for c in _ALL[:0x10000] if c not in neighbour_names._TIME_HEAD_LAST)

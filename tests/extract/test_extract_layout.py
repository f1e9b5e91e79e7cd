"""Layout rules on short documents written for the test (not taken from the sample reports)."""
from datetime import date

import pytest

from orchestration.extract.layout import analyze, cn_int, five_year_span, fyp_mentions, fyp_number_ending
from orchestration.extract.layout.headings import heading_kinds, paragraph_cue

MENU = "首页\n打印\n【字号：\n大\n中\n小\n】\n"


def _doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


PROVINCE = _doc(
    MENU + "2031年某某省政府工作报告",
    "——2031年1月20日在某某省第十五届人民代表大会第五次会议上",
    "某某省省长 张三",
    "各位代表：",
    "现在，我代表省人民政府，向大会报告工作，请予审议。",
    "一、2030年和“十五五”时期工作回顾",
    "刚刚过去的2030年，全省生产总值增长5%。",
    "五年来，全省高新技术企业从3000家增加到5000家。",
    "二、“十六五”时期主要目标任务",
    "“十六五”时期是关键时期。全省生产总值年均增长5%左右。",
    "三、2031年重点工作",
    "今年是“十六五”开局之年。主要预期目标是：生产总值增长5%左右。",
    "四、全面加强政府自身建设",
    "要带头过紧日子。",
    "名词解释",
    "1.两个中心：指示例中心。",
    "相关报道：",
    "某某新闻",
)


def test_title_skips_menu_and_issuer_takes_place_from_venue():
    lay = analyze(PROVINCE)
    assert lay.title == "2031年某某省政府工作报告"
    assert lay.issuer == "某某省人民政府"
    assert lay.date == date(2031, 1, 20)
    assert (lay.review_year, lay.plan_year) == (2030, 2031)


def _kind_at(text, lay, needle):
    return lay.context(text.index(needle)).kind


@pytest.mark.parametrize("needle,kind,status,period", [
    ("全省生产总值增长5%。", "review", "actual", 2030),
    ("全省高新技术企业从", "fyp_review", "actual", 2030),
    ("全省生产总值年均增长", "fyp", "target", 2035),
    ("生产总值增长5%左右。", "plan", "target", 2031),
    ("要带头过紧日子", "plan", "target", 2031),
    ("指示例中心", "glossary", "actual", 2030),
    ("某某新闻", "trailer", "actual", 2030),
    ("【字号", "front", "actual", 2030),
])
def test_parts_from_headings(needle, kind, status, period):
    lay = analyze(PROVINCE)
    ctx = lay.context(PROVINCE.index(needle))
    assert (ctx.kind, ctx.status, ctx.period) == (kind, status, period)


def test_fyp_review_span_is_the_plan_ending_in_the_review_year():
    lay = analyze(PROVINCE)
    assert lay.context(PROVINCE.index("全省高新技术企业从")).span == (2026, 2030)


def test_pdf_report_with_spaced_title_and_chinese_date():
    text = _doc("区人大会议文件（3）", "政 府 工 作 报 告",
                "（二〇二〇年一月十九日在某市某某区第五届人民代表大会第四次会议上）",
                "各位代表：", "现在，我代表某市某某区人民政府向大会报告工作。",
                "一、2019年工作回顾", "全区实现生产总值100亿元。",
                "二、2020 年政府工作思路", "2020 年是决胜之年。生产总值增长7%。")
    lay = analyze(text)
    assert lay.title == "政府工作报告"
    assert lay.date == date(2020, 1, 19)
    assert lay.issuer == "某市某某区人民政府"
    assert (lay.review_year, lay.plan_year) == (2019, 2020)
    assert lay.context(text.index("生产总值增长7%")).kind == "plan"


def test_mixed_heading_switches_at_the_paragraph_that_opens_the_second_part():
    text = _doc("各位代表：", "一、2030年工作回顾", "生产总值增长5%。",
                "二、“十五五”时期发展成就和“十六五”时期主要目标",
                "这五年，生产总值年均增长6%。",
                "“十六五”时期是关键时期，居民收入年均增长5%。",
                "三、2031年重点工作", "今年生产总值增长5%。")
    lay = analyze(text.replace("各位代表", "2031年1月9日\n各位代表"))
    t = text.replace("各位代表", "2031年1月9日\n各位代表")
    assert lay.context(t.index("年均增长6%")).kind == "fyp_review"
    assert lay.context(t.index("居民收入年均增长5%")).kind == "fyp"


def test_heading_glued_to_its_paragraph_is_still_seen():
    t = _doc("2031年1月9日", "各位代表：", "一、2030年工作回顾", "生产总值增长5%。",
             "二、一张蓝图绘到底“十六五”时期是关键时期，居民收入年均增长5%。",
             "三、乘势而上开新局2031年是开局之年，生产总值增长6%。")
    lay = analyze(t)
    assert lay.context(t.index("居民收入年均增长5%")).kind == "fyp"
    assert lay.context(t.index("生产总值增长6%")).kind == "plan"


def test_untitled_chapter_is_decided_by_its_first_paragraph_with_a_cue():
    """The chapter's opening paragraph may say nothing of time (福建 2025: 二、牢记历史使命…
    opens on the province); the first paragraph that does (2031年是…) decides the part."""
    t = _doc("2031年1月9日", "各位代表：", "一、不负嘱托勇争先", "过去一年，生产总值增长5%。",
             "二、牢记使命再出发", "某某是重要的发祥地，这是我们的荣光。",
             "2031年是开局之年。今年的主要预期目标是：生产总值增长5.0%—5.5%。")
    lay = analyze(t)
    assert lay.context(t.index("生产总值增长5%")).kind == "review"
    ctx = lay.context(t.index("5.0%—5.5%"))
    assert (ctx.kind, ctx.status, ctx.period) == ("plan", "target", 2031)


def test_bulletin_reviews_its_title_year():
    t = _doc("某某市2030年国民经济和社会发展统计公报", "某某市统计局", "2031年3月1日",
             "一、综合", "全年地区生产总值1000亿元，比上年增长5%。")
    lay = analyze(t)
    assert lay.kind == "bulletin"
    ctx = lay.context(t.index("全年地区生产总值"))
    assert (ctx.status, ctx.period, lay.review_year) == ("actual", 2030, 2030)


@pytest.mark.parametrize("heading,kinds", [
    ("一、2030年工作回顾", ["review"]),
    ("一、“十五五”时期和2030年工作回顾", ["fyp_review", "review"]),
    ("二、“十六五”时期目标任务和2031年工作安排", ["fyp", "plan"]),
    ("三、关于2031年工作", ["plan"]),
    ("四、持续加强政府自身建设", ["plan"]),
    ("附件：名词解释", ["glossary"]),
    ("二、奋力谱写新篇章", []),
])
def test_heading_kinds(heading, kinds):
    assert heading_kinds(heading, 2030, 2031) == kinds


@pytest.mark.parametrize("para,cue", [
    ("今年是“十六五”开局之年。", "plan"),
    ("2031年是关键一年。", "plan"),
    ("刚刚过去的2030年极不平凡。", "review"),
    ("——这是创新驱动的五年。", "fyp_review"),
    ("“十六五”时期是关键时期。", "fyp"),
    ("我们坚持稳中求进。", None),
])
def test_paragraph_cues(para, cue):
    assert paragraph_cue(para, 2030, 2031) == cue


def test_five_year_plan_arithmetic():
    assert five_year_span(14) == (2021, 2025)
    assert five_year_span(15) == (2026, 2030)
    assert fyp_number_ending(2025) == 14
    assert fyp_number_ending(2024) is None
    assert [n for _, n in fyp_mentions("“十四五”时期和“十五五”规划")] == [14, 15]
    assert cn_int("二十七") == 27 and cn_int("十") == 10 and cn_int("九") == 9


def test_cue_after_salutation_and_five_year_cue_inside_the_opening():
    assert paragraph_cue("各位代表！刚刚过去的2030年很不平凡。", 2030, 2031) == "review"
    assert paragraph_cue("各位代表！2030年是收官之年。五年来，我们砥砺奋进。", 2030, 2031) == "fyp_review"


def test_bulletin_title_skips_breadcrumbs_and_reads_issuer_and_date_below():
    t = _doc("首页 > 统计数据 > 统计公报", "某某市2030年国民经济和社会发展统计公报", "某某市统计局", "2031年3月2日",
             "一、综合", "全年地区生产总值1000亿元。")
    lay = analyze(t)
    assert lay.title == "某某市2030年国民经济和社会发展统计公报"
    assert (lay.issuer, lay.date, lay.review_year, lay.plan_year) == ("某某市统计局", date(2031, 3, 2), 2030, None)


def test_main_targets_are_read_from_the_plan_year_list():
    lay = analyze(PROVINCE.replace("主要预期目标是：生产总值增长5%左右。",
                                   "主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右，居民消费价格涨幅2%左右。"))
    assert lay.main_targets == ["地区生产总值", "城镇调查失业率", "居民消费价格"]


def test_state_council_report():
    t = _doc("政府工作报告", "——2031年3月5日在第十六届全国人民代表大会第五次会议上", "国务院总理 某某",
             "各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。",
             "一、2030年工作回顾", "国内生产总值增长5%。",
             "二、2031年经济社会发展总体要求和政策取向", "今年发展主要预期目标是：国内生产总值增长5%左右。")
    lay = analyze(t)
    assert lay.issuer == "国务院"
    assert lay.context(t.index("国内生产总值增长5%左右")).kind == "plan"


def test_salutation_with_comrades_and_five_years_ahead_heading():
    t = _doc("2031年某某市政府工作报告", "——2031年1月9日在某某市第十届人民代表大会第一次会议上",
             "各位代表、同志们：", "现在，我代表市人民政府向大会报告工作。",
             "一、过去五年工作回顾", "五年来，生产总值年均增长6%。",
             "二、今后五年的目标任务", "今后五年，生产总值年均增长5%。", "三、2031年重点工作", "生产总值增长5%。")
    lay = analyze(t)
    assert lay.body_start == t.index("各位代表、同志们")
    assert lay.context(t.index("年均增长5%")).kind == "fyp"
    assert lay.context(t.index("年均增长6%")).kind == "fyp_review"

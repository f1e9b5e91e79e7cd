"""Attribute rules on short sentences written for the test, duckling style: a phrase, the figure
in it, and the attributes expected beside it. The sentences are placed in the review, five-year
plan or plan-year part of a small report so the defaults of each part are exercised too."""
import re

import pytest

from orchestration.extract.attributes import classify
from orchestration.extract.phrases import list_items as _list_items
from orchestration.extract.layout import analyze
from orchestration.extract.mentions import Mention

REVIEW_HEAD, FYP_HEAD, PLAN_HEAD = "一、2030年和“十五五”时期工作回顾", "二、“十六五”时期主要目标任务", "三、2031年重点工作"


def _report(review="", fyp="", plan=""):
    return "\n".join([
        "2031年某某省政府工作报告", "——2031年1月20日在某某省第十五届人民代表大会第五次会议上", "各位代表：",
        REVIEW_HEAD, "2030年极不平凡。", review or "全省经济平稳。",
        FYP_HEAD, "“十六五”时期是关键时期。", fyp or "要努力实现目标。",
        PLAN_HEAD, "今年是“十六五”开局之年。", plan or "要扎实做好工作。", ""])


_UNIT = re.compile(r"(个百分点|万亿元|亿元|万元|元|万人次|万人|人|万家|家|%|个|项|条|名|所|倍|成|万亩|亿斤|公里|岁|件|户|套)$")


def _mention(text, at, fig):
    num = re.match(r"[\d.]+", fig)
    unit = _UNIT.search(fig)
    if fig.startswith(("第", "首")):
        d = re.search(r"\d+", fig)
        value = 1.0 if fig.startswith("首") else float(d.group()) if d else float("一二三四五六七八九".index(fig[1]) + 1)
        return Mention(at, at + len(fig), value, "rank", "eq", None, True)
    if re.fullmatch(r"\d+/\d+", fig):
        a, b = fig.split("/")
        return Mention(at, at + len(fig), int(a) / int(b), "fraction")
    return Mention(at, at + len(fig), float(num.group()) if num else 0.0, unit.group(1) if unit else "")


def run(part, sentence, figs):
    """Classify the figures `figs` (texts, in order; '@2' for the 2nd occurrence) of `sentence`."""
    text = _report(**{part: sentence})
    lay = analyze(text)
    s0 = text.index(sentence)
    s1 = s0 + len(sentence)
    out, prev, cursor = [], [], s0
    for f in figs:
        at = text.index(f, cursor, s1)
        a = classify(text, s0, s1, _mention(text, at, f), lay, prev)
        prev.append(a)
        out.append(a)
        cursor = at + len(f)
    return out


# (part, sentence, figure, expected attributes of that figure)
CORPUS = [
    # measure and sign
    ("review", "全市地区生产总值增长5.2%。", "5.2%", dict(measure="growth", value=5.2, indicator="地区生产总值")),
    ("review", "全市刑事案件下降12.5%。", "12.5%", dict(measure="growth", value=-12.5, indicator="刑事案件")),
    ("review", "涉企检查事项精简20%。", "20%", dict(measure="growth", value=-20.0)),
    ("review", "办事时间平均压减40%。", "40%", dict(measure="growth", value=-40.0)),
    ("review", "城镇化率提高到66.5%。", "66.5%", dict(measure="level", value=66.5, indicator="城镇化率")),
    ("review", "城镇调查失业率5.1%。", "5.1%", dict(measure="level", indicator="城镇调查失业率")),
    ("review", "财政赤字比上年增加800亿元。", "800亿元", dict(measure="level", value=800.0)),
    ("review", "服务业增加值占地区生产总值比重达60%。", "60%",
     dict(measure="share", of="地区生产总值", indicator="服务业增加值")),
    ("review", "技术合同成交额占全省45%。", "45%", dict(measure="share", of="全省", indicator="技术合同成交额")),
    ("review", "发电装机8000万千瓦，清洁能源装机占比超过60%。", "60%",
     dict(measure="share", of="发电装机", indicator="清洁能源装机")),
    ("review", "新增就业增速高于全省平均3个百分点。", "3个百分点", dict(measure="pp_change", value=3.0)),
    ("review", "高新技术产业产值增长1倍。", "1倍", dict(measure="growth")),
    ("review", "社会消费品零售总额居全省第2位。", "第2位", dict(measure="rank", of="全省", indicator="社会消费品零售总额")),
    ("review", "外贸进出口稳居中西部首位。", "首位", dict(measure="rank", of="中西部")),
    ("review", "居民消费价格涨幅1.5%。", "1.5%", dict(measure="growth", indicator="居民消费价格")),
    ("review", "绿化覆盖九成社区。", "九成", dict(measure="share")),
    # indicator
    ("review", "新增国家级专精特新企业35家。", "35家", dict(indicator="国家级专精特新企业")),
    ("review", "出台12条举措。", "12条", dict(indicator="举措")),
    ("review", "首期规模80亿元的产业基金落地。", "80亿元", dict(indicator="产业基金")),
    ("review", "建成养老机构120个、床位1.5万张。", "1.5万张", dict(indicator="床位")),
    ("review", "推动南湖公园等6个项目开工。", "6个", dict(indicator="项目")),
    ("review", "为退役军人提供3万个就业岗位。", "3万个", dict(indicator="就业岗位")),
    ("review", "其中一般公共预算收入300亿元。", "300亿元", dict(indicator="一般公共预算收入")),
    # a noun whose first character is also a verb (在建, 居民, 和美) is the noun after a count
    ("review", "加快推进25个在建水利项目。", "25个", dict(indicator="在建水利项目")),
    ("review", "80项居民服务事项实现线上办理。", "80项", dict(indicator="居民服务事项")),
    ("review", "建成300个和美乡村。", "300个", dict(indicator="和美乡村")),
    ("review", "新开工40个项目在园区落地。", "40个", dict(indicator="项目")),
    # after examples and their count comes the class they are of, even when it opens with a verb's character
    ("review", "出台减税、降费等8项支持政策。", "8项", dict(indicator="支持政策")),
    ("review", "出台减税、降费等8项。", "8项", dict(indicator="出台减税、降费等")),
    # a percentage right before a noun: a share of it, named by what the whole did or what was done to it
    ("review", "全区60%乡镇开通公交。", "60%", dict(measure="share", of="乡镇", indicator="开通公交")),
    ("review", "医院向社区投放30%以上床位。", "30%", dict(measure="share", of="床位", indicator="向社区投放床位")),
    ("review", "全区乡镇60%开通公交。", "60%", dict(measure="level")),
    # all the things counted hold a title: the title names them
    ("review", "社会治理成效明显，12个县均被评为省级平安县。", "12个", dict(indicator="省级平安县")),
    ("review", "社会治理成效明显，12个县均完成改造。", "12个", dict(indicator="县")),
    # status
    ("review", "预计全年粮食产量达到130亿斤。", "130亿斤", dict(status="estimate", period=2030)),
    ("plan", "预计高校毕业生达到40万人。", "40万人", dict(status="estimate", period=2031)),
    ("plan", "力争新增上市公司10家。", "10家", dict(status="target", period=2031, indicator="上市公司")),
    ("plan", "新建幼儿园20所。", "20所", dict(status="target", period=2031)),
    ("fyp", "居民人均可支配收入年均增长6%。", "6%", dict(status="target", period=2035, measure="growth")),
    ("review", "全年城镇新增就业60万人。", "60万人", dict(status="actual", period=2030, indicator="城镇新增就业")),
    ("plan", "到2035年，森林覆盖率达到30%。", "30%", dict(status="target", period=2035)),
]


@pytest.mark.parametrize("part,sentence,fig,expected", CORPUS, ids=[c[1] for c in CORPUS])
def test_corpus(part, sentence, fig, expected):
    figs = re.findall(r"[\d.]+(?:个百分点|万亿元|亿元|万元|元|万人|万家|万张|万个|万千瓦|亿斤|家|%|个|项|条|名|所|倍|张|人)|第\d+位|首位|九成", sentence)
    a = run(part, sentence, figs)[figs.index(fig)]
    got = {k: getattr(a, k) for k in expected}
    assert got == expected


def test_growth_after_amount_inherits_indicator():
    a, b = run("review", "全市地区生产总值5000亿元、增长5.5%。", ["5000亿元", "5.5%"])
    assert (a.indicator, a.measure) == ("地区生产总值", "level")
    assert (b.indicator, b.measure, b.value) == ("地区生产总值", "growth", 5.5)


def test_fenbie_list_joins_items_to_the_shared_head():
    a, b = run("review", "城镇和农村居民人均可支配收入分别增长4.5%、6.2%。", ["4.5%", "6.2%"])
    assert a.indicator == "城镇居民人均可支配收入" and b.indicator == "农村居民人均可支配收入"
    assert a.measure == b.measure == "growth"


def test_fenbie_list_of_falls_keeps_the_sign():
    a, b = run("review", "事故起数和死亡人数分别下降10%和8%。", ["10%", "8%"])
    assert (a.value, b.value) == (-10.0, -8.0)
    assert a.indicator == "事故起数" and "死亡人数" in b.indicator


def test_from_a_to_b_in_five_year_review_gives_a_the_year_before_the_span():
    a, b = run("review", "五年来，高新技术企业从3000家增加到5000家。", ["3000家", "5000家"])
    assert (a.period, b.period) == (2025, 2030)
    assert a.indicator == b.indicator == "高新技术企业"


def test_from_a_to_b_with_named_base_year():
    a, b = run("review", "人均预期寿命从2025年的79岁提高到80.5岁。", ["79岁", "80.5岁"])
    assert (a.period, b.period) == (2025, 2030)


def test_from_a_to_b_in_plan_year_takes_the_year_before():
    a, b = run("plan", "生均补助标准从500元提高到800元。", ["500元", "800元"])
    assert (a.period, a.status, b.period, b.status) == (2030, "target", 2031, "target")


def test_estimate_scopes_to_its_sentence_up_to_the_full_stop():
    text = _report(review="预计全年生产总值3000亿元；财政收入200亿元。新增企业500家。")
    lay = analyze(text)
    out = {}
    for fig in ("3000亿元", "200亿元", "500家"):
        at = text.index(fig)
        s0 = max(text.rfind(c, 0, at) for c in "。；\n") + 1
        out[fig] = classify(text, s0, at + len(fig), _mention(text, at, fig), lay, []).status
    assert out == {"3000亿元": "estimate", "200亿元": "estimate", "500家": "actual"}


def test_rank_after_a_rank_takes_its_field():
    a, b = run("review", "航运指数从全球第9位跃升至第5位。", ["第9位", "第5位"])
    assert (a.of, b.of, b.measure) == ("全球", "全球", "rank")


def test_list_items_split_and_join():
    assert _list_items("城乡居民人均可支配收入") == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]
    assert _list_items("战略性新兴产业、高技术产业增加值") == ["战略性新兴产业增加值", "高技术产业增加值"]


def test_year_compared_with_is_not_the_figures_year():
    (a,) = run("review", "全年增速快于2029年1.5个百分点。", ["1.5个百分点"])
    assert a.period == 2030


def test_span_of_years_named_in_the_sentence_gives_the_base_year():
    a, b = run("review", "2025年到2030年，工业投资占比从20%提升到30%。", ["20%", "30%"])
    assert (a.period, b.period) == (2025, 2030)
    assert a.measure == b.measure == "share"


def test_rank_from_field_to_rank_keeps_indicator_clean():
    a, b = run("review", "进出口总额从全国第13位升至第8位。", ["第13位", "第8位"])
    assert a.indicator == "进出口总额" and b.indicator == "进出口总额"
    assert (a.of, b.of) == ("全国", "全国")


def test_count_followed_by_a_change_verb_is_not_its_noun():
    a, b = run("review", "省属企业由60户整合至20户。", ["60户", "20户"])
    assert a.indicator == "省属企业" and a.period == 2029


@pytest.mark.parametrize("sentence,fig,indicator", [
    ("新建120个“15分钟便民生活圈”。", "120个", "“15分钟便民生活圈”"),
    ("和田地区矿业收益60亿元。", "60亿元", "和田地区矿业收益"),
    ("事故起数较上年同期下降10%。", "10%", "事故起数"),
    ("开发区由160个整合为120个。", "120个", "开发区"),
    ("粮食总产创历史新高，连续9年位居全国首位。", "首位", "粮食总产"),     # the record clause names the thing
    ("全省12项指标居全国前列。", "12项", "指标"),
    ("省级预算内投资安排300亿元。", "300亿元", "省级预算内投资"),       # 安排 goes whole, not its 排 alone
    ("失业率保持在5%左右的合理水平。", "5%", "失业率"),     # 的…水平 says how high, it names nothing
])
def test_indicator_rules(sentence, fig, indicator):
    figs = [f for f in re.findall(r"\d+(?:个|亿元|%|项)|首位", sentence)]
    a = run("review", sentence, figs)[figs.index(fig)]
    assert a.indicator == indicator


def test_three_part_ratio_gives_shares_and_two_part_ratio_a_level():
    a, b, c = run("review", "三次产业结构调整为8.3∶41.4∶50.3。", ["8.3", "41.4", "50.3"])
    assert a.measure == b.measure == c.measure == "share"
    assert "三次产业结构" in a.indicator and b.indicator == a.indicator
    (d,) = run("review", "城乡居民收入比缩小到2.3∶1。", ["2.3"])
    assert d.measure == "level" and d.indicator == "城乡居民收入比"


@pytest.mark.parametrize("sentence,fig,of", [
    ("发电装机9000万千瓦，清洁能源装机占比达60%。", "60%", "发电装机"),
    ("营收规模800亿元，服务业增加值占比达到58%。", "58%", ""),
    ("替代品市场占有率达84%。", "84%", ""),
    ("可再生能源和新能源装机占比达到45%。", "45%", "装机"),
    ("优质粮食品种占比达到70%。", "70%", "粮食品种"),       # a grade of a kind is a subtype of it
    ("高校毕业生就业率96%，其中省外就业占15%。", "15%", "高校毕业生"),     # a rate is no whole: its population is
    ("高校毕业生就业率96%，其中省外占15%。", "15%", "高校毕业生就业率"),
    ("集体收入30万元以上的行政村占比达到60%。", "60%", "行政村"),     # the villages that pass, of all villages
])
def test_whole_of_a_bare_share(sentence, fig, of):
    figs = re.findall(r"\d+(?:万千瓦|亿元|%)", sentence)
    a = run("review", sentence, figs)[figs.index(fig)]
    assert a.of == of


def test_bulletin_sentences():
    text = "\n".join(["某某市2030年国民经济和社会发展统计公报", "某某市统计局", "2031年3月2日", "一、综合",
                      "全年粮食播种面积312.4千公顷，比上年减少0.5%。年末存款余额2000亿元，比年初增加100亿元。", ""])
    lay = analyze(text)
    out = {}
    for fig in ("0.5%", "100亿元"):
        at = text.index(fig)
        s0 = text.rfind("。", 0, at) + 1 if text.rfind("。", 0, at) > text.index("一、综合") else text.index("全年")
        prev = []
        if fig == "100亿元":
            at0 = text.index("2000亿元")
            prev = [classify(text, s0, at0 + 6, _mention(text, at0, "2000亿元"), lay, [])]
        out[fig] = classify(text, s0, at + len(fig), _mention(text, at, fig), lay, prev)
    a, b = out["0.5%"], out["100亿元"]
    assert (a.measure, a.value, a.indicator, a.period, a.status) == ("growth", -0.5, "粮食播种面积", 2030, "actual")
    assert (b.measure, b.indicator) == ("level", "存款余额增加")     # the change verb stays (GUIDELINES)


@pytest.mark.parametrize("sentence,fig,indicator,of", [
    ("高速公路通车里程全国第四。", "第四", "高速公路通车里程", "全国"),
    ("发展水平指数连续11年全国第1位。", "第1位", "发展水平指数", "全国"),
    ("高铁通车里程进至全国第5位。", "第5位", "高铁通车里程", "全国"),
])
def test_rank_without_verb_or_after_a_streak(sentence, fig, indicator, of):
    a = run("review", sentence, [fig])[0]
    assert (a.measure, a.indicator, a.of) == ("rank", indicator, of)


def test_pp_gap_after_a_growth_inherits_and_names_no_period():
    a, b = run("review", "地区生产总值年均增长5%，高于上一时期1.2个百分点。", ["5%", "1.2个百分点"])
    assert (b.measure, b.indicator) == ("pp_change", "地区生产总值")


def test_list_split_keeps_names_joined_by_ji():
    a, b = run("review", "文化产业、旅游及相关产业增加值分别增长5%、6%。", ["5%", "6%"])
    assert b.indicator == "旅游及相关产业增加值"


def test_fraction_share_takes_the_field():
    (a,) = run("review", "苹果产量稳定在全国1/4。", ["1/4"])
    assert (a.measure, a.of, a.indicator) == ("share", "全国", "苹果产量")


# ---- rules added from the held-out reports (tests/data/heldout) ------------------------------

@pytest.mark.parametrize("phrase,items", [
    ("城镇居民、农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ("电子信息、新材料、生物医药产业增加值", ["电子信息产业增加值", "新材料产业增加值", "生物医药产业增加值"]),
])
def test_list_head_written_once_and_class_noun_shared(phrase, items):
    assert _list_items(phrase) == items


@pytest.mark.parametrize("sentence,figs,indicators", [
    ("全市完成工业投资300亿元、技改投资120亿元，分别增长8.1%、6.4%。",
     ["300亿元", "120亿元", "8.1%", "6.4%"], ["工业投资", "技改投资", "工业投资", "技改投资"]),
    ("全年发生交通事故210起，死亡95人，分别下降7.5%和4.2%。",
     ["210起", "95人", "7.5%", "4.2%"], ["交通事故", "死亡", "交通事故", "死亡"]),
])
def test_respectively_clause_pairs_with_the_amounts_before_it(sentence, figs, indicators):
    assert [a.indicator for a in run("review", sentence, figs)] == indicators


@pytest.mark.parametrize("sentence,fig,indicator", [
    ("12家企业入选国家绿色工厂。", "12家", "国家绿色工厂"),
    ("5家单位荣获省长质量奖。", "5家", "省长质量奖"),
    ("30名个人获评优秀志愿者。", "30名", "优秀志愿者"),
])
def test_generic_subject_counted_by_the_award_it_gets(sentence, fig, indicator):
    (a,) = run("review", sentence, [fig])
    assert a.indicator == indicator


def test_absolute_change_keeps_its_verb_and_additions_their_new():
    a, b = run("review", "年末户籍人口520万人，比上年末减少3万人。", ["520万人", "3万人"])
    assert (a.indicator, b.indicator, b.measure, b.value) == ("户籍人口", "户籍人口减少", "level", 3.0)
    c, d = run("review", "年末全市境内上市公司85家，全年新增4家。", ["85家", "4家"])
    assert (c.indicator, d.indicator) == ("境内上市公司", "新增境内上市公司")


def test_rank_and_bracketed_basis_between_amount_and_growth_name_nothing():
    a, b = run("review", "全市地区生产总值达到8000亿元、稳居全省前三、增长5.1%。", ["8000亿元", "5.1%"])
    assert b.indicator == "地区生产总值" and b.measure == "growth"
    c, d = run("review", "一般公共预算收入增长2.1%（同口径增长3.5%）。", ["2.1%", "3.5%"])
    assert d.indicator == "一般公共预算收入" and d.measure == "growth"


def test_base_named_by_the_end_of_a_five_year_plan():
    a, b, c = run("fyp", "全省地区生产总值达到9000亿元，较“十五五”末的7000亿元增加2000亿元。",
                  ["9000亿元", "7000亿元", "2000亿元"])
    assert (a.period, b.period, b.indicator) == (2035, 2030, "地区生产总值")
    assert c.indicator == "地区生产总值增加"


def test_rank_of_a_share_keeps_the_share_and_change_verbs_end_a_counted_noun():
    a, b = run("review", "30个县城生态质量优良占比居全省第1位。", ["30个", "第1位"])
    assert b.indicator == "县城生态质量优良占比" and b.of == "全省"
    c, d = run("review", "120个新投产项目增加产值800亿元。", ["120个", "800亿元"])
    assert (c.indicator, d.indicator) == ("新投产项目", "新投产项目增加产值")


def test_compound_split_by_a_respectively_list():
    a, b = run("review", "五年来一般公共预算收支累计分别突破6千亿元、2万亿元。", ["6千亿元", "2万亿元"])
    assert (a.indicator, b.indicator) == ("一般公共预算收入", "一般公共预算支出")


@pytest.mark.parametrize("sentence,fig,of,indicator", [
    ("家庭医生签约服务覆盖全市85%的行政村。", "85%", "行政村", "家庭医生签约服务覆盖"),
    ("全市92%以上的信访事项化解在基层。", "92%", "信访事项", "信访事项化解在基层"),
    ("民生领域财政支出占比保持在78%以上。", "78%", "财政支出", "民生领域财政支出"),
    ("普惠性幼儿园占比达到90%。", "90%", "幼儿园", "普惠性幼儿园"),
    ("民间投资占比为55%。", "55%", "固定资产投资", "民间投资"),
])
def test_whole_of_a_share_from_the_noun_after_or_the_subtype(sentence, fig, of, indicator):
    (a,) = run("review", sentence, [fig])
    assert (a.measure, a.of, a.indicator) == ("share", of, indicator)


def test_subject_reaching_a_count_names_it():
    (a,) = run("review", "友好城市扩大到86个国家和地区。", ["86个"])
    assert a.indicator == "友好城市"
    (b,) = run("review", "实施120项重点技改项目。", ["120项"])
    assert b.indicator == "重点技改项目"


def test_harvest_verbs_are_growth_of_the_amount_before():
    a, b = run("review", "粮食总产量345.6万吨，增产1.8%。", ["345.6万吨", "1.8%"])
    assert (b.measure, b.value, b.indicator) == ("growth", 1.8, "粮食总产量")
    c, d = run("review", "油料产量12.4万吨，减产2.1%。", ["12.4万吨", "2.1%"])
    assert (d.measure, d.value, d.indicator) == ("growth", -2.1, "油料产量")


@pytest.mark.parametrize("sentence,figs,indicators", [
    # a span of time names nothing: the subject after it, or the figure before, does
    ("“十五五”以来，全省经济总量连跨3个千亿台阶，今年达到1.2万亿元、增长5%。", ["1.2万亿元", "5%"], ["经济总量", "经济总量"]),
    ("粮食总产量达到700亿斤，十年增加近90亿斤。", ["700亿斤", "90亿斤"], ["粮食总产量", "粮食总产量增加"]),
    ("十年来，全省新建学校120所。", ["120所"], ["学校"]),
    # each period of the year heads its own growth; a bare amount noun after one is the amount's name
    ("一季度增长3.1%，全年增长4.2%、总量达2.5万亿元。", ["3.1%", "4.2%", "2.5万亿元"], ["一季度", "全年", "总量"]),
    ("出口增长3.1%，全年增长4.2%。", ["3.1%", "4.2%"], ["出口", "出口"]),
    # a rank shared by the amounts of the clause before keeps the combined phrase
    ("新建学校12所、医院3家，均居全省第1位。", ["12所", "3家", "第1位"], ["学校", "医院", "学校、医院"]),
    ("新建学校12所，医院3家，均居全省第1位。", ["12所", "3家", "第1位"], ["学校", "医院", "医院"]),
    # a count after 其中 of the holders of an award: the award names it (and so it names the projects
    # that won it, 项目 being a generic noun of who is counted)
    ("20个项目获省科技奖，其中3项获一等奖。", ["20个", "3项"], ["省科技奖", "一等奖"]),
    ("20个项目获省科技奖，其中3项获评一等奖。", ["20个", "3项"], ["省科技奖", "一等奖"]),
])
def test_spans_periods_shared_ranks_and_award_holders(sentence, figs, indicators):
    assert [a.indicator for a in run("review", sentence, figs)] == indicators


def test_a_grant_with_an_amount_is_no_award_name():
    a, b, c = run("review", "20个项目获省科技奖，其中3项获资助100万元。", ["20个", "3项", "100万元"])
    assert "资助" not in b.indicator and c.indicator == "获资助"


def _term_report(review: str) -> str:
    # a government's term (here 2028-2032) is no five-year plan: the review year ends no plan
    return "\n".join(["政府工作报告", "——2033年3月5日在第十六届全国人民代表大会第一次会议上", "各位代表：",
                      "一、过去一年和五年工作回顾", "2032年极不平凡。全年国内生产总值增长5%。",
                      "过去五年极不寻常。", review, "二、2033年政府工作建议", "今年要扎实做好工作。", ""])


@pytest.mark.parametrize("sentence,base_year", [
    ("林木覆盖率从31.5%提高到36.8%。", 2027),        # 过去五年 with no plan named: 2028-2032, the base 2027
    ("林木覆盖率从2020年的31.5%提高到36.8%。", 2020),   # a base year written wins
])
def test_from_a_to_b_in_a_term_review_with_no_plan_named(sentence, base_year):
    from orchestration.extract import extract
    text = _term_report(sentence)
    a, b = [f for f in extract(text) if f.text in ("31.5%", "36.8%")]
    assert (a.period, b.period) == (base_year, 2032)


@pytest.mark.parametrize("sentence,indicator,measure", [
    # a clause that names only the goal: the topic of the sentence, before its 是, names the figure;
    # a percentage of a growth rate so named is a growth
    ("投资增速是关键指标，今年预期目标设定为7%左右。", "投资增速", "growth"),
    ("城镇调查失业率是民生指标，今年预期目标设定为5.5%左右。", "城镇调查失业率", "level"),
    ("今年预期目标设定为7%左右。", "目标设定", "level"),
])
def test_a_goal_set_for_the_topic_of_its_sentence(sentence, indicator, measure):
    fig = re.search(r"\d+(?:\.\d+)?%", sentence).group()
    (a,) = run("plan", sentence, [fig])
    assert (a.indicator, a.measure) == (indicator, measure)


def test_a_preposition_and_verb_before_an_amount_leave_the_noun_after_to_name_it():
    (a,) = run("review", "对新增500亿元省级财政资金实行直达管理。", ["500亿元"])
    assert a.indicator.startswith("新增省级财政资金")
    (b,) = run("review", "对企业减免税费500亿元。", ["500亿元"])
    assert b.indicator.endswith("企业减免税费")      # a noun before the amount keeps naming it


def test_a_glossary_note_with_a_later_horizon_is_a_target_of_that_year():
    from orchestration.extract import extract
    text = _report(review="全省新建学校12所。") + "名词解释\n1.“先锋工程”：到2035年，布局30个重大专项。\n2.“强基工程”：已建成15个创新平台。\n"
    figs = {f.text: f for f in extract(text)}
    assert (figs["30个"].status, figs["30个"].period) == ("target", 2035)
    assert (figs["15个"].status, figs["15个"].period) == ("actual", 2030)


def test_a_horizon_before_the_name_is_no_part_of_it():
    (a,) = run("fyp", "到2035年人均地区生产总值达到20万元以上。", ["20万元"])
    assert (a.indicator, a.period, a.status) == ("人均地区生产总值", 2035, "target")
    (b,) = run("fyp", "人均地区生产总值达到20万元以上。", ["20万元"])
    assert b.indicator == "人均地区生产总值"


def test_a_goal_recalled_in_a_review_is_named_by_the_noun_before_its_goal_word():
    (a,) = run("review", "如期完成每个乡镇配备3名专职调解员目标。", ["3名"])
    assert (a.status, a.indicator) == ("target", "专职调解员")
    (b,) = run("review", "实现技工院校招生5万人目标。", ["5万人"])
    assert (b.status, b.indicator) == ("target", "技工院校招生")
    (c,) = run("review", "50个合作项目完成年度目标。", ["50个"])      # what met its goal is achieved
    assert (c.status, c.indicator) == ("actual", "合作项目")


def test_an_addition_keeps_its_verb_where_written_and_the_stock_after_it_drops_it():
    a, b = run("review", "全省专精特新企业新增120家、累计达到900家。", ["120家", "900家"])
    assert (a.indicator, b.indicator) == ("专精特新企业新增", "专精特新企业")
    c, d = run("review", "全省专精特新企业新增120家、增长15%。", ["120家", "15%"])
    assert (c.indicator, d.indicator) == ("专精特新企业新增", "专精特新企业新增")      # no stock: the growth is of the addition


@pytest.mark.parametrize("sentence,fig,indicator,measure", [
    ("登记失业率保持在3.8%左右的合理水平。", "3.8%", "登记失业率", "level"),     # a level named after 的 is a frame
    ("全市93%的建制镇完成改造。", "93%", "建制镇完成改造", "share"),
    ("十年来我国农产品出口年均增长7%左右。", "7%", "农产品出口", "growth"),
])
def test_frames_and_leads_around_a_name(sentence, fig, indicator, measure):
    a = run("review", sentence, [fig])[0]
    assert (a.indicator, a.measure) == (indicator, measure)


def test_a_per_month_base_is_no_part_of_the_name():
    from orchestration.extract import extract
    text = _report(review="高龄津贴发放标准从每月60元提高到95元。")
    assert {f.text: f.indicator for f in extract(text) if f.unit == "元"} == {
        "60元": "高龄津贴发放标准", "95元": "高龄津贴发放标准"}


@pytest.mark.parametrize("sentence,figs,indicators,measures", [
    # 拟 (planned) is no part of a name; a gap 比去年预算高 is of the figure before it
    ("今年债务率拟按65%安排，比去年预算低1.5个百分点。", ["65%", "1.5个百分点"], ["债务率", "债务率"], ["level", "pp_change"]),
    # a rate named after 的 is the rate itself, not a share of it
    ("将现行25%的征收率降至20%。", ["25%", "20%"], [None, "征收率"], ["level", "level"]),
    ("全市93%的村庄完成改造。", ["93%"], [None], ["share"]),
])
def test_planned_amounts_gaps_before_and_rates_after_de(sentence, figs, indicators, measures):
    got = run("plan", sentence, figs)
    assert [a.measure for a in got] == measures
    assert all(w is None or a.indicator == w for a, w in zip(got, indicators))


@pytest.mark.parametrize("sentence,indicator", [
    ("整治5条河道12公里绿道。", "绿道"),          # a length after a count is of the thing named after it
    ("整治5条河道12公里。", "河道"),              # none named: of the count's things
])
def test_length_after_a_count(sentence, indicator):
    _, b = run("review", sentence, ["5条", "12公里"])
    assert b.indicator == indicator


@pytest.mark.parametrize("sentence,indicator", [
    ("生态保护成效明显，3地入选国家生态文明示范区。", "国家生态文明示范区"),     # 地 counts places
    ("南疆三地州本科高校实现全覆盖。", "南疆"),                               # 地州 is one word: no noun after
])
def test_places_counted_with_di(sentence, indicator):
    from orchestration.extract import extract
    figs = extract(sentence)
    assert [f.indicator for f in figs] == [indicator]

"""Lists, respective values and references back, on sentences written for the test (held-out
round 2 found these forms in unseen reports and a national-style statistical bulletin)."""
import pytest

from orchestration.extract import extract

HEAD = "2031年某某省政府工作报告\n各位代表：\n一、2030年工作回顾\n2030年极不平凡。\n"
PLAN = "二、2031年重点工作\n今年是开局之年。\n"


def figures(sentence, plan=False):
    text = HEAD + (PLAN if plan else "") + sentence + "\n"
    return [(f.gold_dict("t")["text"], f.gold_dict("t")) for f in extract(text)]


CASES = [
    # a 分别 list whose head keeps every word the items share
    ("城镇、农村常住居民人均可支配收入分别增长4.1%、6.3%。", False,
     {"4.1%": "城镇常住居民人均可支配收入", "6.3%": "农村常住居民人均可支配收入"}),
    ("工业、普惠小微贷款余额分别增长8.7%、12.5%。", False,
     {"8.7%": "工业贷款余额", "12.5%": "普惠小微贷款余额"}),
    # a class noun between the last item and the head belongs to the head (设施 + 产量)
    ("茶叶、食用菌设施产量分别增长6%、9%。", False,
     {"6%": "茶叶设施产量", "9%": "食用菌设施产量"}),
    # ranks listed after the growths they rank
    ("一产、二产增加值分别增长3%、4.2%，分别居全国第三、第十。", False,
     {"第三": "一产增加值", "第十": "二产增加值"}),
    # values right after a list of as many items, without 分别
    ("新建雨水、污水管网50公里、80公里。", True, {"50公里": "雨水管网", "80公里": "污水管网"}),
    ("改造燃气、供水、排水管网100公里、200公里、300公里。", True,
     {"100公里": "燃气管网", "200公里": "供水管网", "300公里": "排水管网"}),
    # ... but not when each value has its own noun, nor after 等 (a total)
    ("建设现代农业产业园2个、优势特色产业集群1个。", False, {"1个": "优势特色产业集群"}),
    # a verb alone names nothing: the noun after the amount does
    ("提升改造150公里农村公路和60万平方米村内道路。", True, {"150公里": "农村公路", "60万平方米": "村内道路"}),
    # so does a verb with an adverb of manner before it, or one kept out of the verbs of doing
    # (筹措, 应对, 处置); the noun stops before the verb of purpose after it
    ("全年筹措50亿元资金支持稳增长，有效应对14轮强降雨，高效处置15起森林火灾。", False,
     {"50亿元": "资金", "14轮": "强降雨", "15起": "森林火灾"}),
    # after a count the noun may open with a verb's character: the bare verb wants its object
    ("出台69项支持政策，新启动21个改造项目。", False, {"69项": "支持政策", "21个": "改造项目"}),
    # the people a measure reached keep 惠及; a verb followed by the next verb, not a noun, stays as written
    ("改造老旧小区870个、惠及10万余户群众，统筹20亿元实施6个重大科技专项。", False,
     {"10万余户": "惠及群众", "20亿元": "统筹", "6个": "重大科技专项"}),
    # the money raised is named by the programme it pays for (实施…工程), not by what it levers; an
    # example singled out after the noun is no part of it
    ("筹措7.33亿元实施交通惠民工程，筹措30.5亿元撬动新增贷款2317.3亿元，成功应对17轮强降雨特别是超强台风影响。",
     False, {"7.33亿元": "交通惠民工程", "30.5亿元": "筹措", "17轮": "强降雨"}),
    # adverbs alone are no verb: a growth of the year names what came before
    ("地区生产总值5.3万亿元，全年增长4.8%。", False, {"4.8%": "地区生产总值"}),
    # a 比例 that is the indicator stays in its name when it changes by points too
    ("优良天数比例同比提升7.2个百分点。", False, {"7.2个百分点": "优良天数比例"}),
    # bulletin style: real growth and a change of a change refer back
    ("全年居民人均可支配收入32000元，比上年增长5.1%，扣除价格因素，实际增长4.7%。", False,
     {"4.7%": "居民人均可支配收入"}),
    ("全年城镇新增就业86万人，比上年多增3万人。", False, {"3万人": "城镇新增就业多增"}),
    # an exchange rate: the currency quoted for is no figure and no part of the name
    ("全年平均汇率为100日元兑5.1元人民币。", False, {"5.1元": "平均汇率"}),
]


@pytest.mark.parametrize("sentence,plan,expected", CASES)
def test_indicator(sentence, plan, expected):
    got = dict((t, d["indicator"]) for t, d in figures(sentence, plan))
    for text, ind in expected.items():
        assert got.get(text) == ind, got


def test_respective_ranks_keep_scope():
    got = dict(figures("城镇、农村居民收入分别增长4%、6%，分别居全国第六、第2位。"))
    assert (got["第六"]["indicator"], got["第六"]["of"]) == ("城镇居民收入", "全国")
    assert (got["第2位"]["indicator"], got["第2位"]["value"]) == ("农村居民收入", 2.0)


def test_bare_share_after_a_named_whole_takes_that_whole():
    got = dict(figures("第一产业增加值占地区生产总值比重为6.1%，第二产业增加值比重为40.2%，"
                       "第三产业增加值比重为53.7%。"))
    assert [got[t]["of"] for t in ("6.1%", "40.2%", "53.7%")] == ["地区生产总值"] * 3
    assert got["40.2%"]["indicator"] == "第二产业增加值"


def test_bare_share_of_another_kind_does_not_inherit():
    got = dict(figures("新能源装机1.7亿千瓦、占全省装机64%，外送电量增长6%、绿电占比超三成。"))
    assert got["64%"]["of"] == "全省装机"
    assert got["三成"]["of"] != "全省装机"


@pytest.mark.parametrize("sentence,fig,measure", [
    ("企业上云率近七成。", "七成", "level"),           # a rate is the indicator itself
    ("民生支出占财政支出近八成。", "八成", "share"),
])
def test_cheng_after_a_rate_is_a_level(sentence, fig, measure):
    assert dict(figures(sentence))[fig]["measure"] == measure


def test_cases_are_counted():
    assert dict(figures("16个案例入选全国典型，5个案件办结。"))["16个"]["indicator"] == "案例"


def test_a_figure_after_a_step_list_item_takes_the_subject():
    got = dict(figures("地区生产总值连续迈上4个万亿元台阶、达14.2万亿元、年均增长5.7%。"))
    assert got["14.2万亿元"]["indicator"] == "地区生产总值"
    assert got["5.7%"]["indicator"] == "地区生产总值"


def test_a_rank_right_after_a_count_ranks_that_count():
    got = dict(figures("创建了5个国家先进制造业集群、居中部第1。"))
    assert got["第1"]["indicator"] == "国家先进制造业集群"

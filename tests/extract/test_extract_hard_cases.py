"""Measure, of and indicator on the hard cases the fresh held-out rounds 6 and 7 found, through the
public extract() on a small report written for the test (review of 2030, the 十六五 plan, the 2031
plan): a rank list paired with the figures before it, X%的Y用于Z, 排名第八, a multiple of a named
base, a growth rate held at a level, a rate of fall, a contribution rate, a growth target, 分别 items
with 和 inside them or coming round again in 从…提高到…, sectors as written, a 比例 that is the
indicator, 惠及 and 总数, a currency conversion, a class label after a count."""
import pytest

from orchestration.extract import extract

REVIEW, PLAN = "一、2030年工作回顾", "三、2031年重点工作"


def _report(review: str = "", plan: str = "") -> str:
    return "\n".join([
        "2031年某某省政府工作报告", "——2031年1月20日在某某省第十五届人民代表大会第五次会议上", "各位代表：",
        REVIEW, "2030年极不平凡。", review or "全省经济平稳。",
        "二、“十六五”时期主要目标任务", "“十六五”时期是关键时期。", "要努力实现目标。",
        PLAN, "今年是“十六五”开局之年。", plan or "要扎实做好工作。", ""])


def _figures(review: str = "", plan: str = "") -> dict[str, object]:
    """text of each figure (suffixed @2, @3 … when repeated) → the figure."""
    out: dict[str, object] = {}
    for f in extract(_report(review, plan)):
        key, n = f.text, 1
        while key in out:
            n += 1
            key = f"{f.text}@{n}"
        out[key] = f
    return out


def test_a_list_of_ranks_pairs_with_the_figures_before_its_clause():
    got = _figures("城镇、农村居民人均可支配收入分别增长4.8%、7.1%，居全国第五和第六。")
    assert got["第五"].indicator == "城镇居民人均可支配收入" and got["第五"].of == "全国"
    assert got["第六"].indicator == "农村居民人均可支配收入"


def test_a_share_spent_on_something_is_of_what_is_spent():
    f = _figures("坚持将76%的财力用于民生事业。")["76%"]
    assert (f.measure, f.of, f.indicator) == ("share", "财力", "民生事业")


def test_ranked_within_a_field_written_with_paiming():
    f = _figures("综合算力指数全国排名第八。")["第八"]
    assert (f.measure, f.of, f.value) == ("rank", "全国", 8)


@pytest.mark.parametrize("sentence, text, measure, value", [
    ("公办幼儿园保教人员工资待遇提高到当地最低工资标准2倍以上。", "2倍", "level", 2),     # a multiple of a named base
    ("营业收入增长2倍。", "2倍", "growth", 2),                                             # 倍 after a change verb
    ("单位地区生产总值能耗降幅超过3%。", "3%", "growth", -3),                              # a rate of fall
])
def test_measure_and_sign_in_the_review(sentence, text, measure, value):
    f = _figures(sentence)[text]
    assert (f.measure, f.value) == (measure, value)


def test_a_growth_rate_held_and_a_growth_target_are_growths():
    got = _figures(plan="居民消费价格总水平上涨幅度控制在2%左右。经济增长预期目标为5.5%左右。")
    assert (got["2%"].measure, got["2%"].qualifier, got["2%"].status) == ("growth", "approx", "target")
    assert got["5.5%"].measure == "growth" and got["5.5%"].period == 2031


def test_a_contribution_rate_is_a_share_of_what_it_drives():
    got = _figures("全省对全国经济增长的贡献率保持在3%左右。工业对经济增长贡献率从17.1%提升到35.1%。")
    assert (got["3%"].measure, got["3%"].of) == ("share", "全国经济增长")
    assert (got["17.1%"].measure, got["17.1%"].of, got["17.1%"].period) == ("share", "经济增长", 2029)
    assert (got["35.1%"].measure, got["35.1%"].period) == ("share", 2030)


def test_fenbie_items_with_he_inside_them():
    got = _figures("信息传输软件和信息技术服务业、租赁和商务服务业增加值分别增长10.9%、10.4%。")
    assert got["10.9%"].indicator == "信息传输软件和信息技术服务业增加值"
    assert got["10.4%"].indicator == "租赁和商务服务业增加值"


def test_fenbie_items_come_round_again_from_a_to_b():
    got = _figures("城镇、农村低保平均标准分别从2029年的645元/月、4318元/年提高到801元/月、7226元/年。")
    assert got["645元/月"].indicator == got["801元/月"].indicator == "城镇低保平均标准"
    assert got["4318元/年"].indicator == got["7226元/年"].indicator == "农村低保平均标准"
    assert got["645元/月"].period == 2029 and got["801元/月"].period == 2030


def test_sectors_written_as_one_word_keep_their_spelling():
    got = _figures("一二三产增加值分别增长3.1%、6.1%、5.1%。")
    assert [got[t].indicator for t in ("3.1%", "6.1%", "5.1%")] == ["一产增加值", "二产增加值", "三产增加值"]


def test_a_ratio_that_is_the_indicator_keeps_its_name_and_total_inherits():
    got = _figures("地表水国控断面水质比例达98.7%。新增国家先进制造业集群4个、总数达到8个。"
                   "育儿补贴政策惠及80余万名婴幼儿。")
    assert got["98.7%"].indicator == "地表水国控断面水质比例" and got["98.7%"].measure == "level"
    assert got["8个"].indicator == got["4个"].indicator == "国家先进制造业集群"
    assert got["80余万名"].indicator == "惠及婴幼儿"


def test_a_currency_conversion_is_the_same_indicator_and_a_class_after_a_count_is_no_figure():
    got = _figures("实际使用外资175亿美元左右、约合1243亿元人民币。2个1类创新药获批上市，出台3类专项政策。")
    assert (got["1243亿元"].indicator, got["1243亿元"].qualifier) == ("实际使用外资", "approx")
    assert "1类" not in got and got["2个"].indicator == "创新药"
    assert got["3类"].indicator == "专项政策"

"""The indicator phrase is finished to the name a statistician would use (indicator_phrase.finish), and the
extractor's figures carry the finished phrase."""
import pytest

from orchestration.extract import extract
from orchestration.extract.indicator_phrase import finish


@pytest.mark.parametrize("raw, name", [
    ("国内生产总值[2]", "国内生产总值"),                      # a bulletin's footnote marker
    ("脱贫县[63]农村居民人均可支配收入", "脱贫县农村居民人均可支配收入"),
    ("重点县（市", "重点县"),                                       # an open bracket the cut never closed
    ("）左右、银龄技师", "银龄技师"),                          # a close bracket left from the previous item
    ("和改造提升高标准农田", "改造提升高标准农田"),            # 新建|和改造提升…: the connector of a split verb
    ("开展职业技能培训", "职业技能培训"),                      # a verb that only says it was done
    ("城镇调查失业率全年", "城镇调查失业率"),                  # a time word after the name
    ("国内生产总值从不", "国内生产总值"),                      # the opening of a from-to
    ("城镇调查失业率降", "城镇调查失业率"),                    # a rate's change verb
    ("水电、核电、风电、太阳能发电等清洁能源发电量", "清洁能源发电量"),   # examples before a named total
    ("省级孵化器和", "省级孵化器"),                            # 12家省级孵化器和8家众创空间: the next item's connector
    ("市级示范公园及", "市级示范公园"),
    ("经济增长目标设定", "经济增长"),                          # 目标设定为6%: the target's value follows
    ("经济增速预期目标设定", "经济增速"),
    ("建议“十五五”时期地区生产总值增速目标设定", "“十五五”时期地区生产总值增速"),  # 建议 before the plan period
    ("进出口总值翻番", "进出口总值"),                          # 翻番达到2206亿元: what doubled
    ("高新技术企业数量实现翻番", "高新技术企业数量"),
    ("国家级5G工厂、总数", "国家级5G工厂总数"),
    ("城乡低保标准提高到每月", "城乡低保标准"),                # the level a standard is raised to, per month
    ("特殊教育生均公用经费最低标准从每生每年", "特殊教育生均公用经费最低标准"),
    ("民生实事全部兑现", "民生实事"),                          # how a pledge was kept, before its verb
    ("民生实事圆满", "民生实事"),                              # 圆满完成
    ("重点民生实事年度任务如期", "重点民生实事年度任务"),      # 如期完成
    ("民生实事全面如期", "民生实事"),
    ("民生实事保质保量", "民生实事"),                          # 保质保量完成
    ("区域医疗中心建设进展顺利", "区域医疗中心建设"),
    ("粮食综合生产能力每年", "粮食综合生产能力"),              # 每年稳定在…: a time word after the name           # 新增…12家、总数达50家: the list mark before the total
])
def test_pieces_of_the_clause_go(raw, name):
    assert finish(raw) == name


@pytest.mark.parametrize("phrase", [
    "和美乡村覆盖率", "和田地区矿业权出让实现收益",   # 和 that starts a word
    "新增上市公司", "新建5G基站", "建成高标准农田", "开工改造城镇老旧小区", "累计开行量",  # flow verbs stay
    "牛奶、牛肉、羊肉、饲草、羊绒等产量",           # a bare head needs its examples
    "职业技术大学、高等职业学校各",                  # 高等 lists nothing
    "城镇新增就业", "一般公共预算收入", "生产总值",
    "建议和提案", "建议", "目标设定",                 # 建议 counted, a bare 目标设定 stays
    "养老保险政策惠及", "社区居民参与", "气候温和",         # 及, 与, 和 that end a word
    "约束性指标未能如期", "任务未如期",               # (完成: a pledge not kept, the negation is meaning)
    "保质保量",                                      # nothing left but the manner
    "低保标准每月",                                  # (分别提高50元: a change of the standard, not its level)
    "对《区域全面经济伙伴关系协定》（RCEP）其他成员国进出口额",   # balanced brackets stay
])
def test_names_stay(phrase):
    assert finish(phrase) == phrase


def test_the_result_is_a_piece_of_the_phrase():
    for raw in ("实施项目", "和改造", "）平均浓度", "组织实施技改项目", "全国人口[5]减少"):
        out = finish(raw)
        assert len(out) >= 2 and all(ch in raw for ch in out), (raw, out)


def test_extracted_figures_carry_the_finished_phrase():
    text = ("2025年工作回顾\n全年新建和改造提升高标准农田300万亩。开展职业技能培训12万人次。"
            "水电、核电、风电、太阳能发电等清洁能源发电量增长9.1%。")
    got = {f.text: f.indicator for f in extract(text)}
    assert got["300万亩"] == "改造提升高标准农田"
    assert got["12万人次"] == "职业技能培训"
    assert got["9.1%"] == "清洁能源发电量"

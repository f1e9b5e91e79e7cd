"""Indicator and period on the hard cases held-out rounds 17, 17b and 17c found (tests/data/heldout/src/README.md),
through the public extract() on sentences written for the test: money a bare verb raises named by the programme it
pays for (筹措/统筹/投入 N亿元 实施/用于 X), projects and cities named by the list they won or entered, the base of
从A到B in a part of the same year, a pair sharing 交易规模, counts by administrative tier sharing one noun (N个国家级、
M个省级X), a frequency (每年) that names nothing, an amount before a superlative (N公里世界最长X), and
a pair of insurances (生育和基本医疗保险) sharing 保险 only."""
from tests.extract.test_extract_hard_cases import _figures


def test_money_a_bare_verb_raises_is_named_by_the_programme_it_pays_for():
    figures = _figures("筹措12亿元实施养老惠民工程，统筹3.5亿元用于困难群众救助，投入2亿元实施农村电网改造工程。")
    assert [figures[t].indicator for t in ("12亿元", "3.5亿元")] == ["养老惠民工程", "困难群众救助"]
    assert "农村电网" in figures["2亿元"].indicator
    # what the money levers names nothing of it, and a count after 实施 is a figure of its own
    figures = _figures("筹措8亿元撬动新增贷款300亿元，统筹15亿元实施4个重大专项。")
    assert [figures[t].indicator for t in ("8亿元", "15亿元", "4个")] == ["筹措", "统筹", "重大专项"]


def test_projects_or_cities_that_won_or_entered_a_list_are_named_by_the_list():
    figures = _figures("5个项目获全国绿色建筑创新奖，3个设区市入选国家数字乡村试点城市。")
    assert [figures[t].indicator for t in ("5个", "3个")] == ["全国绿色建筑创新奖", "国家数字乡村试点城市"]


def test_the_base_of_from_a_to_b_in_a_part_of_the_same_year_is_of_that_year():
    figures = _figures("年末登记失业率从一季度4.9%降到4.6%，覆盖率从80%提高到90%。")
    assert [figures[t].period for t in ("4.9%", "4.6%")] == [2030, 2030]
    assert [figures[t].period for t in ("80%", "90%")] == [2029, 2030]


def test_a_pair_sharing_a_trade_volume_takes_all_of_it():
    figures = _figures("碳排放权、用能权交易规模分别增长120%、85%。")
    assert [figures[t].indicator for t in ("120%", "85%")] == ["碳排放权交易规模", "用能权交易规模"]


def test_counts_by_administrative_tier_share_the_noun_after_the_last_tier():
    figures = _figures("建成3个国家级、12个省级技能大师工作室。")
    assert [figures[t].indicator for t in ("3个", "12个")] == ["国家级技能大师工作室", "省级技能大师工作室"]


def test_a_frequency_before_an_amount_names_nothing():
    f = _figures("“安居工程”三年行动启动实施，每年安排80亿元以上。")["80亿元"]
    assert "安居工程" in f.indicator


def test_an_amount_opening_its_clause_before_a_superlative_is_the_size_of_the_thing_after():
    figures = _figures("完成防护林建设120万亩，2100公里全国最长沿海防护林带全线贯通。")
    assert figures["2100公里"].indicator.startswith("沿海防护林带")


def test_a_pair_of_insurances_shares_only_the_word_insurance():
    figures = _figures("工伤和基本养老保险分别参保120万人、980万人。")
    assert [figures[t].indicator for t in ("120万人", "980万人")] == ["工伤保险", "基本养老保险"]

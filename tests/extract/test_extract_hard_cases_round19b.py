"""Indicator, period and recall on the hard cases held-out rounds 19d, 19e and 19f found (tests/data/heldout/src/
README.md), through the public extract() on sentences written for the test: counts of counties or districts named by
the list they entered, won or passed (brands keep their noun, 新入选 stopping it); money taken out (拿出) for what it is
used for; a rate now in force (现行A的税率降至B) named by its noun and of the year before; a clause of only a modal subject
(各地可降至N%) naming the measure of the clause before; a threshold inside X过N的Y that defines what is counted; and a
grade written as a name (5A级) between a count and its noun; a bare 占比 of 精细化工, a subtype of 化工."""
from tests.extract.test_extract_hard_cases import _figures


def test_counties_and_districts_that_entered_or_passed_a_list_are_named_by_it_brands_keep_their_noun():
    figures = _figures("甲、乙等5个县市入选全国电子商务进农村综合示范县，丙、丁2个品牌新入选国家农产品品牌目录，"
                       "3个区通过学前教育普及普惠国家督导评估认定。")
    assert figures["5个"].indicator == "全国电子商务进农村综合示范县"
    assert figures["2个"].indicator == "品牌"
    assert "学前教育普及普惠国家督导评估" in figures["3个"].indicator


def test_money_taken_out_for_a_programme_is_named_by_the_programme():
    assert _figures("从就业补助资金中拿出50亿元，用于200万人次以上的农民工技能培训。")["50亿元"].indicator == "农民工技能培训"
    assert _figures("从专项资金中拿出8亿元用于农村公路养护。")["8亿元"].indicator == "农村公路养护"


def test_a_rate_now_in_force_is_named_by_its_noun_and_of_the_year_before():
    figures = _figures(plan="将服务业等行业现行12%的税率降至10%。")
    assert [figures[t].indicator for t in ("12%", "10%")] == ["税率", "税率"]
    assert [figures[t].period for t in ("12%", "10%")] == [2030, 2031]


def test_a_clause_of_only_a_modal_subject_names_the_measure_of_the_clause_before():
    f = _figures("下调失业保险单位缴费比例，各地可降至0.5%。")["0.5%"]
    assert f.indicator == "失业保险单位缴费比例"


def test_a_threshold_inside_x_guo_n_de_y_defines_what_is_counted():
    figures = _figures("45个预计产值过5亿元的重点项目建成投产。")
    assert "5亿元" not in figures
    assert figures["45个"].indicator == "重点项目"


def test_a_count_before_a_grade_written_as_a_name_is_of_the_graded_things():
    figures = _figures("新增甲山、乙湖2家5A级景区，建成3个4A级旅游景区。")
    assert [figures[t].indicator for t in ("2家", "3个")] == ["5A级景区", "4A级旅游景区"]


def test_a_bare_share_of_fine_chemicals_is_of_the_chemical_industry():
    figures = _figures("精细化工占比达到40%，精细化工营收占比超过45%。")
    assert [figures[t].of for t in ("40%", "45%")] == ["化工", "化工营收"]

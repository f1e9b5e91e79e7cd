"""Detection rules, each with its own example phrases (the corpus beside the rules).

Every phrase is short and made up; an entry lists every value expression the detector must
return for it, as (text, value, unit, qualifier, value_high), in text order. An empty list
says the phrase holds no figure.
"""
import pytest

from orchestration.extract.mentions import cn_number, find_mentions

CORPUS = {
    "arabic numbers with units": [
        ("营业收入1560 亿元，", [("1560 亿元", 1560, "亿元", "eq", None)]),
        ("增长8.5%。", [("8.5%", 8.5, "%", "eq", None)]),
        ("投资1,234亿元", [("1,234亿元", 1234, "亿元", "eq", None)]),
        ("新增企业 26 家", [("26 家", 26, "家", "eq", None)]),
        ("高于全国0.4个百分点", [("0.4个百分点", 0.4, "个百分点", "eq", None)]),
        ("提高1倍", [("1倍", 1, "倍", "eq", None)]),
        ("降至27微克/立方米", [("27微克/立方米", 27, "微克/立方米", "eq", None)]),
        ("劳动生产率58万元/人", [("58万元/人", 58, "万元/人", "eq", None)]),
        ("电价下降5分/千瓦时", [("5分/千瓦时", 5, "分/千瓦时", "eq", None)]),
        ("节约能源12万吨标准煤", [("12万吨标准煤", 12, "万吨标准煤", "eq", None)]),
        ("完成并购重组40起", [("40起", 40, "起", "eq", None)]),
    ],
    "scale words keep their place in the unit": [
        ("总量5.2万亿元", [("5.2万亿元", 5.2, "万亿元", "eq", None)]),
        ("新建绿地12万平方米", [("12万平方米", 12, "万平方米", "eq", None)]),
        ("利用外资8.7亿美元", [("8.7亿美元", 8.7, "亿美元", "eq", None)]),
        ("接待游客1409万人次", [("1409万人次", 1409, "万人次", "eq", None)]),
        ("让35万偏远居民受益", [("35万", 35, "万", "eq", None)]),
        ("产值9千亿元", [("9千亿元", 9, "千亿元", "eq", None)]),
    ],
    "多 and 余 mean at least": [
        ("帮扶4万多名青年", [("4万多名", 4, "万名", "ge", None)]),
        ("惠及30多万人", [("30多万人", 30, "万人", "ge", None)]),
        ("举办3万余场次", [("3万余场次", 3, "万场次", "ge", None)]),
        ("改造7000多所学校", [("7000多所", 7000, "所", "ge", None)]),
        ("增长2倍多，", [("2倍", 2, "倍", "ge", None)]),
    ],
    "qualifiers stay out of the span": [
        ("增长5%以上，", [("5%", 5, "%", "ge", None)]),
        ("突破3万家。", [("3万家", 3, "万家", "ge", None)]),
        ("不少于28万人", [("28万人", 28, "万人", "ge", None)]),
        ("逾200家", [("200家", 200, "家", "ge", None)]),
        ("不低于2000亿元", [("2000亿元", 2000, "亿元", "ge", None)]),
        ("控制在3.5%以内", [("3.5%", 3.5, "%", "le", None)]),
        ("不超过60天", [("60天", 60, "天", "le", None)]),
        ("总投资约2350亿元", [("2350亿元", 2350, "亿元", "approx", None)]),
        ("增长5%左右", [("5%", 5, "%", "approx", None)]),
        ("年产量近70万辆", [("70万辆", 70, "万辆", "approx", None)]),
        ("全年签约 140 户", [("140 户", 140, "户", "eq", None)]),
        ("约占三分之一", [("三分之一", 1 / 3, "fraction", "approx", None)]),
    ],
    "ranges": [
        ("力争落地3至5个项目", [("3至5个", 3, "个", "range", 5)]),
        ("增长5%—5.5%", [("5%—5.5%", 5, "%", "range", 5.5)]),
        ("年均增速4.5%-5%", [("4.5%-5%", 4.5, "%", "range", 5)]),
        ("新建三至五个中心", [("三至五个", 3, "个", "range", 5)]),
        ("从2.5%提高到3%", [("2.5%", 2.5, "%", "eq", None), ("3%", 3, "%", "eq", None)]),
    ],
    "fractions and ratios": [
        ("占全省 1/5，", [("1/5", 0.2, "fraction", "eq", None)]),
        ("新增院士占全国近一半。", [("一半", 0.5, "fraction", "approx", None)]),
        ("收入比缩小至2.21∶1。", [("2.21∶1", 2.21, "", "eq", None)]),
        ("收入比为2.50:1，", [("2.50:1", 2.5, "", "eq", None)]),
        ("折合1148亿元人民币", [("1148亿元", 1148, "亿元", "eq", None)]),
        ("从2020年的10.5万元提高到12万元", [("10.5万元", 10.5, "万元", "eq", None), ("12万元", 12, "万元", "eq", None)]),
        ("结构调整为4.0∶37.7∶58.3。", [("4.0", 4.0, "", "eq", None), ("37.7", 37.7, "", "eq", None),
                                    ("58.3", 58.3, "", "eq", None)]),
        ("09:45:30 发布", []),
        ("占比达百分之三十", [("百分之三十", 30, "%", "eq", None)]),
        ("约占三分之二以上", [("三分之二", 2 / 3, "fraction", "ge", None)]),
    ],
    "chinese numerals": [
        ("十项民生实事顺利完成", [("十项", 10, "项", "eq", None)]),
        ("出台十二条措施", [("十二条", 12, "条", "eq", None)]),
        ("贡献超五成", [("五成", 5, "成", "ge", None)]),
        ("精简两成", [("两成", 2, "成", "eq", None)]),
        ("新建三十多个站点", [("三十多个", 30, "个", "ge", None)]),
        ("覆盖七地（市）", [("七地", 7, "地", "eq", None)]),
        ("一批项目开工", []),
        ("千方百计稳就业", []),
        ("千家万户", []),
        ("推进二次供水改造", []),
        ("治理三四轮车", []),
        ("汽车零部件", []),
        ("两地互认", []),
        ("“稳、准、快”三项原则", []),
        ("重点做好十个方面工作：", []),
        ("落实中央八项规定精神", []),
    ],
    "a scale word as the number after a threshold verb": [
        ("社会投资超千亿元。", [("千亿元", 1000, "亿元", "ge", None)]),
        ("贷款余额超万亿元。", [("万亿元", 1, "万亿元", "ge", None)]),
        ("产量突破百万吨大关", [("百万吨", 100, "万吨", "ge", None)]),
        ("发电量破亿度", [("亿度", 1, "亿度", "ge", None)]),
        ("每万人口发明专利", []),
        ("保持千亿级投资规模", []),
    ],
    "lists share units and qualifiers": [
        ("游客分别达1409万、1305万人次", [("1409万", 1409, "万人次", "eq", None),
                                       ("1305万人次", 1305, "万人次", "eq", None)]),
        ("合格率分别超98.5%和99%。", [("98.5%", 98.5, "%", "ge", None), ("99%", 99, "%", "ge", None)]),
        ("分别增长4.3%、5.5%", [("4.3%", 4.3, "%", "eq", None), ("5.5%", 5.5, "%", "eq", None)]),
    ],
    "unitless indexes": [
        ("满意度从84.7提升至89.6。", [("84.7", 84.7, "", "eq", None), ("89.6", 89.6, "", "eq", None)]),
        ("收入倍差1.96，", [("1.96", 1.96, "", "eq", None)]),
        ("推进改革2.0版", []),
    ],
    "ranks": [
        ("增速居全国第4位。", [("第4位", 4, "rank", "eq", None)]),
        ("列全市第一。", [("第一", 1, "rank", "eq", None)]),
        ("评价全国第三，", [("第三", 3, "rank", "eq", None)]),
        ("数量居全国首位", [("首位", 1, "rank", "eq", None)]),
        ("位居全球榜首", [("榜首", 1, "rank", "eq", None)]),
        ("连续三年列全省前三。", [("前三", 3, "rank", "le", None)]),
        ("进入全国前10位", [("前10位", 10, "rank", "le", None)]),
        ("指数从全球第11位跃升至第7位", [("第11位", 11, "rank", "eq", None), ("第7位", 7, "rank", "eq", None)]),
        ("跻身全球第三大加油港", [("第三", 3, "rank", "eq", None)]),
        ("排名由369位上升到235位", [("369位", 369, "rank", "eq", None), ("235位", 235, "rank", "eq", None)]),
        ("第七次全国人口普查", []),
        ("建成首个示范区", []),
        ("发展是第一要务", []),
        ("学科进入前1%", []),
        ("前三季度增长5%", [("5%", 5, "%", "eq", None)]),
    ],
    "not figures": [
        ("2019年是关键一年", []),
        ("2020年1月19日召开", []),
        ("2020-2035年规划", []),
        ("区五届人大四次会议文件（14）", []),
        ("十九届四中全会", []),
        ("建成5G基站", []),
        ("地铁5号线开通", []),
        ("创建3A级景区", []),
        ("PM2.5浓度下降", []),
        ("“5050计划”启动", []),
        ("《三年行动计划（2024—2026）》", []),
        ("建国70周年", []),
        ("倒计时1000天", []),
        ("三大先导产业", []),
        ("10亿元以上重大产业项目47个", [("47个", 47, "个", "eq", None)]),
        ("经济总量超500亿元的县域增至12个", [("12个", 12, "个", "eq", None)]),
        ("年销售收入超10亿元的龙头企业达100家", [("100家", 100, "家", "eq", None)]),
        ("株洲608所AES100发动机", []),
        ("建设30万吨级码头", []),
        ("为0—6岁儿童免费体检", []),
        ("为60岁以上老人提供服务", []),
        ("公交与轨道50米内换乘比例达91%", [("91%", 91, "%", "eq", None)]),
        ("连续9年稳定", []),
        ("连续24个月增长", []),
        ("近三年来", []),
        ("8个产业均实现两位数增长", [("8个", 8, "个", "eq", None)]),
        ("全球最高10米液压支架", []),
        ("开展1%人口抽样调查", []),
        ("第6个全球重要农业文化遗产", []),
        ("再延长30年试点", []),
        ("实现零伤亡", []),
        ("迈上万亿元台阶", []),
        ("带动万名青年", []),
        ("［10］两个基地、两个枢纽：\n释义", []),
    ],
    "a minus sign is part of the number": [
        ("人口自然增长率为-1.56‰。", [("-1.56‰", -1.56, "‰", "eq", None)]),
        ("利润总额增长-2.5%，", [("-2.5%", -2.5, "%", "eq", None)]),
        ("1月平均气温-3.2℃", [("-3.2℃", -3.2, "℃", "eq", None)]),
        ("出口（-0.8%）", [("-0.8%", -0.8, "%", "eq", None)]),
        ("增长5%-6%", [("5%-6%", 5, "%", "range", 6)]),
        ("投资3万-4万元", [("3万-4万元", 3, "万元", "range", 4)]),
        ("C-919大飞机", []),
        ("1-11月增长3%", [("3%", 3, "%", "eq", None)]),
    ],
    "units of statistical bulletins": [
        ("旅客周转量123.4亿人公里", [("123.4亿人公里", 123.4, "亿人公里", "eq", None)]),
        ("货物周转量456.7亿吨公里", [("456.7亿吨公里", 456.7, "亿吨公里", "eq", None)]),
        ("储能装机45.6吉瓦时", [("45.6吉瓦时", 45.6, "吉瓦时", "eq", None)]),
        ("噪声平均值52.3分贝", [("52.3分贝", 52.3, "分贝", "eq", None)]),
        ("粮食产量446.1亿斤", [("446.1亿斤", 446.1, "亿斤", "eq", None)]),
    ],
    "a per-unit written before the number": [
        ("平均浓度低于每立方米19微克，", [("19微克", 19, "微克/立方米", "eq", None)]),
        ("电价每千瓦时降低2.5分", [("2.5分", 2.5, "分/千瓦时", "eq", None)]),
        ("每千人口执业医师3.2人", [("3.2人", 3.2, "人", "eq", None)]),
    ],
    "a change of an index": [
        ("城乡居民收入比为2.15，比上年缩小0.04。", [("2.15", 2.15, "", "eq", None), ("0.04", 0.04, "", "eq", None)]),
    ],
    "thresholds with a counted item stay figures": [
        ("新建5个以上紧密型医联体", [("5个", 5, "个", "ge", None)]),
        ("向基层投放50%以上号源", [("50%", 50, "%", "ge", None)]),
        ("新建幼儿园200所以上", [("200所", 200, "所", "ge", None)]),
        ("总投资超500亿元的采煤沉陷区新能源基地开工", [("500亿元", 500, "亿元", "ge", None)]),
        ("实现突破500亿元的目标", [("500亿元", 500, "亿元", "ge", None)]),
    ],
}

CASES = [(rule, phrase, want) for rule, items in CORPUS.items() for phrase, want in items]


@pytest.mark.parametrize("rule,phrase,want", CASES, ids=[f"{r}:{p}" for r, p, _ in CASES])
def test_corpus(rule, phrase, want):
    got = [(m.text, m.value, m.unit, m.qualifier, m.value_high) for m in find_mentions(phrase)]
    assert len(got) == len(want), got
    for g, w in zip(got, want):
        assert g[0] == w[0] and g[2:] == w[2:] and g[1] == pytest.approx(w[1]), (g, w)
        if w[4] is not None:
            assert g[4] == pytest.approx(w[4])


def test_offsets_point_into_the_text():
    text = "前言。全年完成投资 31 亿元，增长 12.1%。"
    for m in find_mentions(text):
        assert text[m.start:m.end] == m.text
    assert [m.text for m in find_mentions(text, 3)] == ["31 亿元", "12.1%"]
    assert find_mentions(text, 0, 3) == []


def test_sign_and_list_cues():
    a, b = find_mentions("事故起数和死亡人数分别下降3.6%和1.3%")
    assert a.sign == b.sign == -1
    assert a.list_id is not None and a.list_id == b.list_id and a.respectively
    (c,) = find_mentions("收入增长6.5%")
    assert c.sign == 1 and c.list_id is None


@pytest.mark.parametrize("cn,value", [("十", 10), ("十二", 12), ("两千", 2000), ("千", 1000), ("百", 100),
                                      ("三十", 30), ("一百二十", 120)])
def test_cn_number(cn, value):
    assert cn_number(cn) == value


def test_sign_carries_over_an_item_without_its_own_verb():
    a, b = find_mentions("平均压减时间58%、材料52%；")
    assert a.sign == b.sign == -1 and a.list_id is None


@pytest.mark.parametrize("phrase", ["北方第一个过10万亿元省份。", "营收超百亿元企业增加"])
def test_an_amount_crossed_that_names_a_category_is_no_figure(phrase):
    assert find_mentions(phrase) == []


@pytest.mark.parametrize("phrase,sign", [("第一产业增加值234.5亿元", 0), ("降水量1234.5毫米", 0), ("比上年下降2.1%", -1),
                                         ("增加值增长5%", 1), ("减少1109万", -1)])
def test_sign_cue(phrase, sign):
    (m,) = find_mentions(phrase)
    assert m.sign == sign


BULLETIN = ("全年全市实现地区生产总值12345.67亿元，比上年增长5.2%。三次产业结构为1.9:37.0:61.1。年末户籍人口"
            "1016.48万人。出生率7.38‰。粮食播种面积1234.5千公顷。65岁及以上人口占18.5%。全年平均气温17.8℃。")


def test_statistical_bulletin_units():
    got = [(m.text, m.unit) for m in find_mentions(BULLETIN)]
    assert got == [("12345.67亿元", "亿元"), ("5.2%", "%"), ("1.9", ""), ("37.0", ""), ("61.1", ""),
                   ("1016.48万人", "万人"), ("7.38‰", "‰"), ("1234.5千公顷", "千公顷"), ("18.5%", "%"),
                   ("17.8℃", "℃")]


@pytest.mark.parametrize("phrase", ["新增年销售收入超亿元的农业产业化龙头企业", "至少有十个突出亮点：一是全面",
                                    "三、全力抓好七项重点工作\n（一）扩大内需"])
def test_own_lists_and_category_labels_are_no_figures(phrase):
    assert find_mentions(phrase) == []

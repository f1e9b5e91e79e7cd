"""Indicator and unit on the hard cases held-out rounds 16b-16d found (tests/data/heldout/src/README.md), through the
public extract() on sentences written for the test: a 分别 pair whose first item opens with its own subject and leaves
the shared head (吞吐量, 零售额) to the last item, a volume in 千升, a second count after 、 that writes only its verbs
(引进…项目N个、建成投产M个), and 贡献了全省N%的X和M%的Y (two shares of the province, named by X and Y)."""
from tests.extract.test_extract_hard_cases import _figures


def test_a_pair_shares_the_head_written_on_its_last_item():
    figures = _figures("省会机场航空货邮和旅客吞吐量分别达到32.5万吨、4100万人次，排名分别升至全国第五、第八。")
    assert [figures[t].indicator for t in ("32.5万吨", "4100万人次")] == ["省会机场航空货邮吞吐量", "旅客吞吐量"]
    assert figures["第五"].indicator == "省会机场航空货邮吞吐量"
    figures = _figures("全市限额以上智能家居、服装类零售额分别增长18.2%、6.5%。")
    assert [figures[t].indicator for t in ("18.2%", "6.5%")] == ["限额以上智能家居零售额", "服装类零售额"]


def test_a_size_threshold_before_the_shared_head_is_every_items():
    figures = _figures("智能穿戴设备、新能源汽车、家用电器限上零售额分别增长12.1%、8.4%和6.6%。")
    assert [figures[t].indicator for t in ("12.1%", "8.4%")] == ["智能穿戴设备限上零售额", "新能源汽车限上零售额"]


def test_kilolitres_are_a_unit():
    f = _figures("新增果酒酿造产能3万千升。")["3万千升"]
    assert (f.value, f.unit, f.indicator) == (3, "万千升", "果酒酿造产能")


def test_a_second_count_that_writes_only_its_verbs_counts_the_same_things():
    figures = _figures("引进食品加工项目31个、建成投产19个，市重点项目开工86个、竣工52个，出台地方性法规3件、废止4件。")
    assert [figures[t].indicator for t in ("19个", "52个", "4件")] == ["食品加工项目", "市重点项目", "地方性法规"]

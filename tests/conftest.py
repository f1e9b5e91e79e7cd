from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW_REPORTS = ROOT / "raw" / "reports"
BINJIANG = RAW_REPORTS / "binjiang-2020-government-work-report.txt"

# A short made-up report, used where a real one would only make the test slower.
TINY_REPORT = """示例县2021年政府工作报告
——2021年1月10日在示例县第一届人民代表大会第五次会议上
各位代表：
一、2020年工作回顾
全县实现生产总值 120 亿元，增长 6.5%；一般公共预算收入 9.8 亿元，增长 3.2%。
二、2021年工作安排
今年主要预期目标是：生产总值增长 6% 左右。
"""


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    d = tmp_path / "raw"
    (d / "reports").mkdir(parents=True)
    return d

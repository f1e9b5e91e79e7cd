"""Made-up documents small enough to write inline."""

# A short made-up report, used where a real one would only make the test slower.
TINY_REPORT = """示例县2021年政府工作报告
——2021年1月10日在示例县第一届人民代表大会第五次会议上
各位代表：
一、2020年工作回顾
全县实现生产总值 120 亿元，增长 6.5%；一般公共预算收入 9.8 亿元，增长 3.2%。
二、2021年工作安排
今年主要预期目标是：生产总值增长 6% 左右。
"""

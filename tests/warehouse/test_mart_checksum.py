"""The canonical row serialisation: engine clothing (types, order, zones) does not change a
checksum; a different answer does."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from orchestration.mart_checksum import canonical_lines, differences, table_checksum


def test_engine_clothing_does_not_change_the_checksum():
    duck = table_checksum(["period", "value", "is_key", "at", "d", "note"], [
        (2024, 631.5e8, True, datetime(2026, 1, 1, 8, 0), date(2024, 3, 5), None),
        (2023, 0.040999999999999995, False, None, None, "中文"),
    ])
    # PostgreSQL/Spark: Decimals and floats, another column order, rows in another order,
    # a timestamp with a zone, -0.0 for 0
    spark = table_checksum(["NOTE", "value", "period", "d", "is_key", "at"], [
        ("中文", Decimal("0.041"), 2023.0, None, False, None),
        (None, Decimal("63150000000.00"), Decimal(2024), date(2024, 3, 5), True,
         datetime(2026, 1, 1, 16, 0, tzinfo=timezone(timedelta(hours=8)))),
    ])
    assert duck == spark and duck.rows == 2


def test_a_different_answer_changes_it():
    base = table_checksum(["a", "b"], [(1, "x"), (2, None)])
    assert table_checksum(["a", "b"], [(1, "x"), (2, "")]) != base        # NULL is not ''
    assert table_checksum(["a", "b"], [(1, "x"), (2.001, None)]) != base  # a real difference
    assert table_checksum(["a", "b"], [(1, "x")]) != base
    assert table_checksum(["a", "b"], [(1, "x"), (True, None)]) != table_checksum(["a", "b"], [(1, "x"), (1, None)])
    assert differences({"m": base}, {"m": base, "n": base}) == [f"n: None != {base}"]


def test_lines_are_sorted_fields_in_column_name_order():
    assert canonical_lines(["b", "a"], [("y", 2), ("x", None)]) == ["2\x1fy", "\\N\x1fx"]

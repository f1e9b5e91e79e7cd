"""Every named rule of the extractor behaves as its own examples say (the corpus is keyed by rule
name, beside each rule in orchestration/extract/rules/): it fires on each positive example, on no
negative one, and switching it off changes what one of its positives yields. A rule can be
listed, disabled and tested by name."""
import pytest

from orchestration.extract.cli import main
from orchestration.extract.mentions import find_mentions
from orchestration.extract.rules import registry as R

ALL_RULES = [r.name for rs, _ in R.RULE_SETS.values() for r in rs]


def test_rule_names_are_unique_across_sets():
    assert len(ALL_RULES) == len(set(ALL_RULES))
    assert len(ALL_RULES) >= 20


@pytest.mark.parametrize("name", ALL_RULES)
def test_rule_behaves_as_its_examples_say(name):
    rs, rule = R.find(name)
    assert rule.positive and rule.negative, name
    assert rule.yields
    assert R.check(name) == []


def test_disabling_a_rule_by_name_lets_its_phrase_through_and_is_undone():
    phrase = "改造二次供水设施"
    assert find_mentions(phrase) == []
    with R.disabled("er-is-an-ordinal"):
        assert [(m.text, m.value, m.unit) for m in find_mentions(phrase)] == [("二次", 2.0, "次")]
    assert find_mentions(phrase) == []


def test_unknown_rule_name_is_an_error():
    with pytest.raises(KeyError):
        with R.disabled("no-such-rule"):
            pass


def test_cli_lists_rules_and_tests_one(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "er-is-an-ordinal" in out and "mention-vetoes" in out
    assert len([line for line in out.splitlines() if line.startswith("  ")]) == len(ALL_RULES)
    assert main(["rules", "--test", "er-is-an-ordinal"]) == 0
    assert "ok" in capsys.readouterr().out


def test_cli_extracts_with_a_rule_disabled(tmp_path, capsys):
    doc = tmp_path / "d.txt"
    doc.write_text("改造二次供水设施。", encoding="utf-8")
    assert main([str(doc), "--format", "table"]) == 0
    assert "二次" not in capsys.readouterr().out
    assert main([str(doc), "--format", "table", "--disable", "er-is-an-ordinal"]) == 0
    assert "二次" in capsys.readouterr().out

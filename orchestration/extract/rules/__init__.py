"""Named rules of the extractor, each with example phrases (see base.py); `registry.RULE_SETS`
lists them all: `python -m orchestration.extract rules`."""
from .base import Rule, RuleSet

__all__ = ["Rule", "RuleSet"]

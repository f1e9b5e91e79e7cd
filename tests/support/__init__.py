"""Helpers shared by tests of several layers; no tests here (pytest collects only test_*.py)."""

"""Where things are, for every test: the repository, the shipped documents, the test data."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"
RAW_REPORTS = RAW / "reports"
BINJIANG = RAW_REPORTS / "binjiang-2020-government-work-report.txt"
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"   # made-up documents and tables, each folder with its README
DATA = TESTS / "data"           # copies of the gold files, the held-out passages and the scorer
DBT_DIR = ROOT / "dbt_project"

#!/usr/bin/env python3
"""Screenshot the first screen of the published report (the picture in the README).

    .venv/bin/zhibiao run && .venv/bin/python scripts/report_screenshot.py [OUT.png]

It opens warehouse/report/index.html in headless Chromium, exactly as tests/report/test_report.py
does (the same helper, orchestration/report/browser.py), and writes docs/report.png.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration import config, report  # noqa: E402
from orchestration.report import browser  # noqa: E402

out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "report.png"
index = report.report_index(config.settings())
if not index.is_file():
    sys.exit(f"no report at {index}: run `zhibiao run` or `zhibiao report` first")
with browser.open_page() as page:
    print(browser.screenshot_first_screen(page, index, out))

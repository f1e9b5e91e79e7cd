"""Open the report in headless Chromium: the browser test and scripts/report_screenshot.py.

Uses the system's Chromium (Debian's `chromium` package) through Playwright's Python client;
Playwright's own browser download (`playwright install`) is never used, so nothing is fetched
at run time. Playwright is a test dependency, imported only here.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

ENV_CHROMIUM = "ZHIBIAO_CHROMIUM"
# No GPU, no sandbox (containers run as root), and nothing that phones home.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIRST_SCREEN = {"width": 1200, "height": 900}


def find_chromium() -> str | None:
    """The Chromium to drive: $ZHIBIAO_CHROMIUM, else chromium / chromium-browser on PATH."""
    explicit = os.environ.get(ENV_CHROMIUM)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def open_page(viewport: dict | None = None):
    """A fresh headless Chromium page (Playwright gives each launch a new temporary profile)."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise FileNotFoundError("no Chromium found: apt-get install chromium fonts-noto-cjk, "
                                f"or set {ENV_CHROMIUM}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        try:
            yield browser.new_page(viewport=viewport or FIRST_SCREEN)
        finally:
            browser.close()


def screenshot_first_screen(page, index: Path, out: Path) -> Path:
    """The report's first screen, as a reader opening index.html sees it."""
    page.goto(index.resolve().as_uri())
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out))
    return out

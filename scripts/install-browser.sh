#!/usr/bin/env bash
# The headless browser tests/report/test_report.py drives, and the CJK font the report's pages need:
# Debian's chromium and fonts-noto-cjk. Skips (exit 0, with a note) where apt is unavailable or
# we are not root; the browser tests then skip with a message saying why.
set -uo pipefail
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here; install Chromium and a CJK font yourself (browser tests will skip)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-browser: not root and no sudo; skipping (browser tests will skip)"; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -q chromium fonts-noto-cjk >/dev/null 2>&1; then
  $SUDO apt-get update -q >/dev/null 2>&1 || true
  $SUDO apt-get install -y -q chromium fonts-noto-cjk >/dev/null 2>&1 \
    || echo "install-browser: apt-get could not install chromium fonts-noto-cjk (browser tests will skip)"
fi
exit 0

#!/usr/bin/env bash
# Creates .venv with the locked dependency set and zhibiao itself; safe to run again.
# Needs only Python 3.11 and pip. uv (installed from PyPI into the venv) makes it ~10x faster;
# if it cannot be installed, pip does the same job from the same lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "zhibiao needs Python 3.11 (set PYTHON=...)")'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
export PIP_DISABLE_PIP_VERSION_CHECK=1
# This environment sets PYTHONDONTWRITEBYTECODE; without compiled .pyc every Dagster import costs ~2x.
export UV_COMPILE_BYTECODE=1
if .venv/bin/python -m pip install -q uv 2>/dev/null && [ -x .venv/bin/uv ]; then
  .venv/bin/uv pip install -q --python .venv/bin/python -r requirements.lock
  .venv/bin/uv pip install -q --python .venv/bin/python --no-deps -e .
else
  .venv/bin/python -m pip install -q -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps -e .
fi
# @dbt_assets reads dbt's manifest when the Dagster definitions are imported.
# An absolute --project-dir: dbt keeps the seeds' root_path of its first full parse, and every
# new warehouse reuses this parse (orchestration/defs/dbt_parse.py; a relative one costs a re-parse of the seeds).
.venv/bin/dbt parse --quiet --project-dir "$PWD/dbt_project" --profiles-dir dbt_project
echo "zhibiao is set up: .venv/bin/zhibiao --help"

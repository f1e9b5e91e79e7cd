#!/usr/bin/env bash
# Lint, as CI runs it: ruff on the Python, sqlfluff on the dbt models. Rules: [tool.ruff] in
# pyproject.toml, .sqlfluff. Fix what they report with `.venv/bin/ruff check --fix` and
# `.venv/bin/sqlfluff fix dbt_project/models`.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check --quiet .
.venv/bin/sqlfluff lint --nocolor dbt_project/models

#!/usr/bin/env bash
# The test suite, as CI runs it. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export DO_NOT_TRACK=1
.venv/bin/dbt parse --quiet --project-dir dbt_project --profiles-dir dbt_project
exec .venv/bin/python -m pytest "$@"

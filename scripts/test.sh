#!/usr/bin/env bash
# The test suite, as CI runs it: lint, then every test. Extra arguments go to pytest, and then
# only ruff lints (sqlfluff takes ~20 s): `./scripts/test.sh -m "not slow"` is the fast loop.
set -euo pipefail
cd "$(dirname "$0")/.."
export DO_NOT_TRACK=1
# this checkout's orchestration package first, also for the dbt subprocesses the tests start:
# the profile's dbt-duckdb plugin is orchestration.dbt_duckdb_path, and the venv's editable
# install may point at another checkout
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# PostgreSQL's server binaries (initdb, pg_ctl) live outside PATH on Debian; the endpoint and
# the dbt-on-PostgreSQL portability tests need them. Elsewhere set ZHIBIAO_PG_BIN.
PG_BIN=${ZHIBIAO_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -d "$PG_BIN" ] && export PATH="$PG_BIN:$PATH"
if [ $# -eq 0 ]; then ./scripts/lint.sh; else .venv/bin/ruff check --quiet .; fi
# An absolute --project-dir: dbt keeps the seeds' root_path of its first full parse, and every
# new warehouse reuses this parse (orchestration/defs/dbt_parse.py; a relative one costs a re-parse of the seeds).
.venv/bin/dbt parse --quiet --project-dir "$PWD/dbt_project" --profiles-dir dbt_project
.venv/bin/lint-imports --no-cache  # the layers of orchestration/ (.importlinter, docs/layers.md)
exec .venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# The marts on DuckDB, PostgreSQL 15 and Spark, side by side (scripts/compare_engines.py).
# Makes .venv-spark on first use (scripts/setup-spark.sh); bounded by ZHIBIAO_COMPARE_TIMEOUT
# seconds (default 1800: a Spark session starts in 20-60 s, its build takes minutes).
# Arguments go to compare_engines.py (--home DIR, --engines duckdb,postgres,spark).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-spark/bin/dbt ] && .venv-spark/bin/python -c 'import pyspark, dbt.adapters.spark' 2>/dev/null \
  || ./scripts/setup-spark.sh
export DO_NOT_TRACK=1 PYSPARK_PYTHON="$PWD/.venv-spark/bin/python"
exec timeout --signal=TERM --kill-after=30 "${ZHIBIAO_COMPARE_TIMEOUT:-1800}" \
  nice .venv-spark/bin/python scripts/compare_engines.py "$@"

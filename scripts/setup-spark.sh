#!/usr/bin/env bash
# Creates .venv-spark: the locked set plus dbt-spark's session method (pyspark, 480 MB with
# its JVM jars), apart from .venv because no test of ./scripts/test.sh needs it. Needs a
# JDK 17: on Debian `apt-get install -y openjdk-17-jre-headless` (done here when missing and root).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless
  else
    echo "Spark needs Java 17: install openjdk-17-jre-headless" >&2; exit 1
  fi
fi
[ -x .venv-spark/bin/python ] || "$PY" -m venv .venv-spark
export PIP_DISABLE_PIP_VERSION_CHECK=1 UV_COMPILE_BYTECODE=1
if .venv-spark/bin/python -m pip install -q uv 2>/dev/null && [ -x .venv-spark/bin/uv ]; then
  .venv-spark/bin/uv pip install -q --python .venv-spark/bin/python -r requirements-spark.lock
  .venv-spark/bin/uv pip install -q --python .venv-spark/bin/python --no-deps -e .
else
  .venv-spark/bin/python -m pip install -q -r requirements-spark.lock
  .venv-spark/bin/python -m pip install -q --no-deps -e .
fi
echo "Spark venv ready: .venv-spark/bin/dbt build --target spark (see docs/scale.md)"

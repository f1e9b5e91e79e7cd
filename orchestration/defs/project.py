"""The dbt project as Dagster sees it. Kept free of relative imports on purpose:
`dagster-dbt project prepare-and-package --file orchestration/defs/project.py` imports it as a script."""
from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# Under `dagster dev` the manifest is rebuilt at load; elsewhere `zhibiao` or CI runs `dbt parse` first.
dbt_project.prepare_if_dev()

"""The dbt project as Dagster sees it. Kept free of relative imports on purpose:
`dagster-dbt project prepare-and-package --file orchestration/defs/project.py` imports it as a script."""
import os
import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"

# dagster-dbt looks for `dbt` on PATH (also when `dagster dev` re-parses the project). A venv that
# was not activated has it only beside its Python, so make that folder findable.
if shutil.which("dbt") is None:
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# Under `dagster dev` the manifest is rebuilt at load; elsewhere `zhibiao` or CI runs `dbt parse` first.
dbt_project.prepare_if_dev()

"""The fault points named in the code are the ones orchestration.faults lists, each reached once."""
import re
import subprocess
import sys

import pytest

from orchestration import faults
from orchestration.config import PROJECT_ROOT


def test_every_point_in_the_code_is_listed_once():
    called = []
    for path in sorted((PROJECT_ROOT / "orchestration").rglob("*.py")):
        called += re.findall(r"kill_point\(\"(\w+)\"\)", path.read_text(encoding="utf-8"))
    assert sorted(called) == sorted(faults.POINTS)


def test_an_unknown_point_is_an_error_not_a_silent_pass(monkeypatch):
    monkeypatch.setenv(faults.ENV_FAULT, "copied")
    with pytest.raises(ValueError, match="unknown fault point 'copyed'"):
        faults.kill_point("copyed")
    faults.kill_point("before_copy")  # another point: nothing happens


def test_the_named_point_kills_the_process():
    proc = subprocess.run([sys.executable, "-c", "from orchestration import faults; faults.kill_point('replaced'); print('alive')"],
                          env={faults.ENV_FAULT: "replaced", "PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == -9 and proc.stdout == ""

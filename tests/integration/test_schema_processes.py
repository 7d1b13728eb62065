"""calftui schema, run as a process, and taplo checking a starter file against it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from calftui.workouts.schema import FILE_NAME, schema, schema_text

from conftest import run_cli


def test_calftui_schema_prints_it_and_writes_it(tmp_path: Path) -> None:
    printed = run_cli("schema")
    assert printed.returncode == 0 and json.loads(printed.stdout) == schema()
    out = tmp_path / FILE_NAME
    assert run_cli("schema", "--out", str(out)).returncode == 0 and out.read_text() == schema_text()
    refused = run_cli("schema", "--out", str(out))
    assert refused.returncode == 2 and "--force" in refused.stderr


def installed_tool(name: str) -> str:
    """A tool the test extras install: next to this Python (a virtual environment's scripts are there
    whether or not it is activated), else on PATH. Missing is a failure, never a skip: ``.[test]``
    installs it, so a run without it is not the run it claims to be."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is not next to {sys.executable} nor on PATH; the test extras install it (.[test])"
    return found


def test_taplo_checks_a_starter_with_it(isolated_home: Path) -> None:
    taplo = installed_tool("taplo")
    assert run_cli("new", "Shin day").returncode == 0
    folder = isolated_home / "config" / "workouts"
    assert (folder / FILE_NAME).read_text() == schema_text()
    good = subprocess.run([taplo, "check", "shin-day.toml"], cwd=folder, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    (folder / "bad.toml").write_text((folder / "shin-day.toml").read_text().replace("sets = 3", "rset = 3", 1))
    bad = subprocess.run([taplo, "check", "bad.toml"], cwd=folder, capture_output=True, text=True)
    assert bad.returncode != 0 and "rset" in bad.stderr

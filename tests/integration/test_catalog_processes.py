"""The catalog seen from calftui's own processes: a file broken since it was listed; a warm start imports
no workout parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from calftui.workouts import catalog

from conftest import run_cli
from test_catalog import listed_a_while_ago


def test_run_reports_a_file_broken_since_it_was_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    path = listed_a_while_ago(monkeypatch)
    path.write_text('name = "Mine"\n[[exercise]]\nname = "Raise"\nsets = 0\nreps = 10\n')
    result = run_cli("run", "mine")
    assert result.returncode == 1 and "mine.toml:4" in result.stderr and "Traceback" not in result.stderr


def test_a_warm_catalog_imports_no_workout_parser() -> None:
    probe = ("import sys; from calftui.workouts.catalog import discover; entries = discover(); "
             "print(len(entries), 'calftui.workouts.loader' in sys.modules, 'calftui.workouts.model' in sys.modules)")
    cold = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=True)
    warm = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ, check=True)
    count = len(list(Path(catalog.paths.builtin_workouts_dir()).glob("*.toml")))
    assert cold.stdout.split() == [str(count), "True", "True"]
    assert warm.stdout.split() == [str(count), "False", "False"]

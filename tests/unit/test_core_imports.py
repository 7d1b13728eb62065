"""The core is plain Python: importing it must never pull in Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import calftui

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(calftui.__path__, "calftui.")
    if not m.name.startswith("calftui.ui") and m.name not in ("calftui.__main__",)
)


def test_core_modules_exist() -> None:
    assert {"calftui.workouts.model", "calftui.workouts.loader", "calftui.paths", "calftui.cli"} <= set(CORE)


def test_core_does_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(bad[:3]); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

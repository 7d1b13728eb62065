"""The core is plain Python: importing it must never pull in Textual."""

from __future__ import annotations

import pkgutil

import calftui

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(calftui.__path__, "calftui.")
    if not m.name.startswith("calftui.ui") and m.name not in ("calftui.__main__",)
)


def test_core_modules_exist() -> None:
    assert {"calftui.workouts.model", "calftui.workouts.loader", "calftui.paths", "calftui.cli"} <= set(CORE)

"""A real, non-editable install ships workouts/ and themes/ inside the package and finds them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_wheel_ships_workouts_and_themes(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = wheels.glob("calftui-*.whl")
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr
    assert (target / "calftui" / "shipped" / "workouts" / "death-set.toml").is_file()
    assert (target / "calftui" / "shipped" / "themes" / "dark.toml").is_file()
    probe = (
        "import calftui, calftui.paths as p, calftui.workouts.catalog as c, calftui.common.theme_files as t\n"
        "print(calftui.__file__); print(p.builtin_workouts_dir()); print(p.builtin_themes_dir())\n"
        "print(len([e for e in c.discover() if e.ok and e.origin == 'built-in'])); print(t.names())\n"
    )
    # Run from an empty folder with the installed copy first on the path, away from the checkout.
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    module, workouts, themes, count, names = result.stdout.splitlines()
    assert module.startswith(str(target))
    shipped = target / "calftui" / "shipped"
    assert workouts == str(shipped / "workouts") and themes == str(shipped / "themes")
    assert int(count) >= 6 and "high-contrast" in names

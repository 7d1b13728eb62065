"""``calftui new NAME`` takes the names people write, in any script, and gives each a file stem
that works on every system; the name itself is kept as written inside the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.workouts.catalog import find
from calftui.workouts.starter import STEM_BYTES, slug

from conftest import run_cli


@pytest.mark.parametrize(("name", "stem"), [
    ("ÄÖÜ 日本", "äöü-日本"),
    ("🏋️", "weight-lifter"),
    ("💪🔥", "flexed-biceps-fire"),
    ("Calves 🔥", "calves"),
    ("Waden-Training für Läufer", "waden-training-für-läufer"),
    ("हिन्दी कसरत", "हिन्दी-कसरत"),
    ("Étude", "étude"),
])
def test_a_name_in_any_script_is_written_kept_as_written_and_found_again(isolated_home: Path, name: str,
                                                                         stem: str) -> None:
    result = run_cli("new", name)
    assert result.returncode == 0, result.stderr
    path = isolated_home / "config" / "workouts" / f"{stem}.toml"
    assert f"wrote {path}" in result.stdout and f"calftui run {stem}" in result.stdout
    assert f'name = "{name}"' in path.read_text(encoding="utf-8")
    assert run_cli("check", str(path)).returncode == 0
    listed = [line for line in run_cli("list").stdout.splitlines() if stem in line]
    assert len(listed) == 1 and name in listed[0]
    for query in (stem, name):  # as `calftui run` finds a workout
        entry = find(query)
        assert entry is not None and entry.path == path


def test_names_with_nothing_to_name_a_file_after_are_refused_in_one_line(isolated_home: Path) -> None:
    for name in ("...", "!!!", " ", "— · —"):
        result = run_cli("new", name)
        assert result.returncode == 2
        assert len(result.stderr.splitlines()) == 1 and "no letters, digits or symbols" in result.stderr
    assert not (isolated_home / "config" / "workouts").exists()


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "lpt9"])
def test_a_name_windows_keeps_for_a_device_is_not_a_file_stem(name: str) -> None:
    assert slug(name) == f"{name.lower()}-workout"


def test_a_long_name_fits_every_file_system() -> None:
    for name in ("日" * 200, "a" * 500, "é" * 300):
        stem = slug(name)
        assert stem and len(f"{stem}.toml".encode()) <= 255 and len(stem.encode()) <= STEM_BYTES

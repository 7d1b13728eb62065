"""calftui new, run as a process, with names in any script."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.workouts.catalog import find

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

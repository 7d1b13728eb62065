"""The JSON Schema of workout files: valid draft 2020-12, built from the loader's own tables, true
to every built-in, refusing what the loader refuses (as far as a schema can), and read by taplo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from calftui.paths import builtin_workouts_dir
from calftui.workouts.loader import EXERCISE_KEYS, TOP_KEYS, check_file
from calftui.workouts.schema import FILE_NAME, schema, schema_text
from calftui.workouts.starter import starter

from conftest import run_cli
from test_workout_file import BAD, FULL

VALIDATOR = Draft202012Validator(schema())

ONLY_THE_LOADER = {
    ("exercise[0].reps", '"12-15"'): "a range that runs backwards",
    ("exercise[0].duration", "at most 1 hour"): "a duration over an hour written as text",
    ("exercise[0].rest", "at most 1 hour"): "a duration over an hour written as text",
    ("exercise[0].transition", "at most 1 hour"): "a duration over an hour written as text",
    ("exercise[2].group", '"A" is already the group of exercise[0]'): "a label that comes back after others",
    ("exercise[0].tempo", "four parts"): "a tempo whose every phase is 0 s",
    ("exercise[0].tempo", "no phase longer than 0 s"): "a tempo whose every phase is 0 s",
    ("exercise[0].count", "has no tempo"): "counting by a tempo the exercise does not have",
}
"""What the loader refuses that a JSON Schema cannot see; `calftui check` has the last word."""


def schema_errors(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(tomllib.loads(text))]


def test_it_is_a_valid_2020_12_schema_with_every_key_the_loader_knows() -> None:
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema()["properties"]) == set(TOP_KEYS)
    assert set(schema()["$defs"]["exercise"]["properties"]) == set(EXERCISE_KEYS)


@pytest.mark.parametrize("path", sorted(builtin_workouts_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_every_builtin_is_valid(path: Path) -> None:
    assert schema_errors(path.read_text()) == []


def test_the_starter_and_every_key_once_are_valid() -> None:
    assert schema_errors(starter("Tuesday calves")) == []
    assert schema_errors(FULL) == []


@pytest.mark.parametrize("text, line, path, words", BAD, ids=[b[2] + ":" + b[3][:20] for b in BAD])
def test_what_the_loader_refuses_the_schema_refuses(tmp_path: Path, text: str, line: int | None, path: str,
                                                    words: str) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(text)
    assert check_file(file)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pytest.skip("not TOML at all: the editor's TOML parser says so before any schema")
    if (path, words) in ONLY_THE_LOADER:
        assert schema_errors(text) == []  # the list above is exact: were the schema to see it, move it out
        pytest.skip(f"only the loader sees {ONLY_THE_LOADER[path, words]}")
    assert schema_errors(text), f"the schema lets through what the loader refuses: {words}"


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

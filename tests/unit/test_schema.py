"""The JSON Schema of workout files: valid draft 2020-12, built from the loader's own tables, true
to every built-in, refusing what the loader refuses (as far as a schema can), and read by taplo."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from calftui.paths import builtin_workouts_dir
from calftui.workouts.loader import EXERCISE_KEYS, TOP_KEYS, check_file
from calftui.workouts.schema import schema
from calftui.workouts.starter import starter

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

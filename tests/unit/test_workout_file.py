"""The workout loader: every key, every default, and problems that teach."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.paths import builtin_workouts_dir
from calftui.workouts.loader import WorkoutError, check_file, key_lines, load_workout, parse_workout
from calftui.workouts.model import RepGoal
from calftui.workouts.tempo import Tempo

FULL = """\
name = "Everything"
description = "Every key once."
tags = ["calves", "test"]
schedule = "2-3 times a week"
source = "the spec"

[[exercise]]
name = "Ramp-up"
kind = "reps"
sets = 3
reps = "10-12"
rest = "1m30s"
rest_after = "2m"
tempo = "3-1-X-0"
starts = "down"
load = "light"
weight = 20.5
warmup = true
per_side = true
cues = ["Knees straight"]
notes = "long notes"

[exercise.say]
bottom = "Hold it"

[[exercise]]
name = "Death set"
target = 100
rest_pause = 12
tempo = { down = 1, bottom = 1, up = 1 }
count = "tempo"

[[exercise]]
name = "Hold"
duration = "45s"
sets = 2

[[exercise]]
name = "As many"
reps = "amrap"

[[exercise]]
name = "Fixed"
reps = 12
"""


def test_every_key_is_read() -> None:
    w = parse_workout(FULL, "full.toml")
    assert (w.name, w.description, w.tags, w.schedule, w.source) == (
        "Everything", "Every key once.", ("calves", "test"), "2-3 times a week", "the spec")
    ramp, death, hold, amrap, fixed = w.exercises
    assert ramp.kind == "reps" and ramp.sets == 3 and ramp.reps == RepGoal(10, 12)
    assert ramp.rest == 90 and ramp.rest_after == 120
    assert ramp.tempo == Tempo((3.0, 1.0, None, 0.0)) and ramp.starts == "down"
    assert ramp.load == "light" and ramp.weight == 20.5 and ramp.warmup and ramp.per_side
    assert ramp.cues == ("Knees straight",) and ramp.notes == "long notes" and ramp.say == {"bottom": "Hold it"}
    assert death.kind == "target" and death.target == 100 and death.rest_pause == 12
    assert death.tempo == Tempo((1.0, 1.0, 1.0, 0.0)) and death.count == "tempo" and ramp.count == "taps"
    assert hold.kind == "timed" and hold.duration == 45 and hold.sets == 2
    assert amrap.reps is not None and amrap.reps.amrap
    assert fixed.reps == RepGoal(12, 12)


def test_defaults() -> None:
    w = parse_workout('name="d"\n[[exercise]]\nname="r"\nreps=5\n[[exercise]]\nname="t"\nduration=30\n'
                      '[[exercise]]\nname="x"\ntarget=50\n', "d.toml")
    reps, timed, target = w.exercises
    assert (reps.sets, reps.rest, reps.rest_after, reps.per_side, reps.warmup, reps.starts, reps.cues) == \
        (1, 60, 60, False, False, "up", ())
    assert (timed.sets, timed.rest, timed.rest_after) == (1, 10, 10)
    assert target.rest_pause == 10 and target.tempo is None and target.weight is None and target.count == "taps"


@pytest.mark.parametrize("table", ['{ down = 3, bottom = 0, up = 2, top = 1 }', '{ top = 1, up = 2, down = 3 }',
                                   '{ down = 3.0, up = 2, top = 1, bottom = 0 }'])
def test_a_tempo_by_named_phases_is_the_four_part_tempo(table: str) -> None:
    """Whatever order the phases are written in, each lands in its place; a phase left out is 0 s."""
    named = parse_workout(f'name="d"\n[[exercise]]\nname="r"\nreps=5\ntempo={table}\n', "d.toml").exercises[0]
    parts = parse_workout('name="d"\n[[exercise]]\nname="r"\nreps=5\ntempo="3-0-2-1"\n', "d.toml").exercises[0]
    assert named.tempo == parts.tempo == Tempo((3.0, 0.0, 2.0, 1.0))


def test_a_tempo_table_of_its_own_and_an_explosive_phase() -> None:
    w = parse_workout('name="d"\n[[exercise]]\nname="r"\nreps=5\n[exercise.tempo]\nup = "X"\ndown = 2\n', "d.toml")
    assert w.exercises[0].tempo == Tempo((2.0, 0.0, None, 0.0))


@pytest.mark.parametrize("tempo, words", [
    ("3-0-2-1", "lower 3 s · rise 2 s · squeeze 1 s at the top"),
    ("1-1-1-0", "lower 1 s · pause 1 s at the bottom · rise 1 s"),
    ("2.5-0-X-0", "lower 2.5 s · rise explosively"),
    ("0-0-0-4", "squeeze 4 s at the top"),
])
def test_a_tempo_in_words(tempo: str, words: str) -> None:
    assert Tempo.parse(tempo).words() == words


def test_rest_after_defaults_to_rest() -> None:
    w = parse_workout('name="d"\n[[exercise]]\nname="r"\nreps=5\nrest="45s"\n', "d.toml")
    assert w.exercises[0].rest_after == 45


@pytest.mark.parametrize("text, seconds", [(90, 90), ("90s", 90), ("1m30s", 90), ("2m", 120), ("0", 0), ("1m 5s", 65),
                                          ("30 secs", 30), ("45 seconds", 45), ("2 minutes", 120),
                                          ("1 min 30 sec", 90), ("1h", 3600), ("90 Sec", 90), ("1:30", 90)])
def test_duration_forms(text: object, seconds: float) -> None:
    value = f'"{text}"' if isinstance(text, str) else text
    w = parse_workout(f'name="d"\n[[exercise]]\nname="r"\nreps=5\nrest={value}\n', "d.toml")
    assert w.exercises[0].rest == seconds


def test_a_superset_and_a_hold_for_max_are_read() -> None:
    w = parse_workout('name = "s"\n[[exercise]]\nname = "Calf"\ngroup = "A"\nsets = 3\nreps = 12\n'
                      'transition = "10s"\n[[exercise]]\nname = "Tib"\ngroup = "A"\nsets = 2\nreps = 20\n'
                      '[[exercise]]\nname = "Hold"\nduration = "MAX"\nper_side = true\n', "s.toml")
    calf, tib, hold = w.exercises
    assert (calf.group, calf.transition, tib.group, tib.transition) == ("A", 10, "A", 0)
    assert w.members(0) == w.members(1) == (0, 1) and w.members(2) == (2,)
    assert w.group_place(1) == ("A", 2, 3) and w.group_place(2) is None
    assert hold.open_ended and not hold.counts_down and hold.duration is None and hold.goal_text() == "max hold"
    assert "superset" in w.kinds and "max hold" in w.kinds


def test_kind_inference_and_explicit_kind() -> None:
    w = parse_workout('name="d"\n[[exercise]]\nname="a"\nkind="timed"\nduration=5\n', "d.toml")
    assert w.exercises[0].kind == "timed"


# Each bad file: (file text, line, key path, words the message must contain).
BAD = [
    ('name = "x"\n[[exercise]]\nname = "a"\nrset = 3\nreps = 5\n', 4, "exercise[0].rset", 'did you mean "sets"'),
    ('nme = "x"\n[[exercise]]\nname = "a"\nreps = 5\n', 1, "nme", 'did you mean "name"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nsets = 0\n', 5, "exercise[0].sets", "from 1 to 50"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nsets = -2\n', 5, "exercise[0].sets", "whole number"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nsets = "three"\n', 5, "exercise[0].sets", "whole number"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = "15-12"\n', 4, "exercise[0].reps", '"12-15"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 0\n', 4, "exercise[0].reps", "at least 1 rep"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = "lots"\n', 4, "exercise[0].reps", '"amrap"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nrest = "2 days"\n', 5, "exercise[0].rest", '"1m30s"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nrest = "2h"\n', 5, "exercise[0].rest", "at most 1 hour"),
    ('name = "x"\n[[exercise]]\nname = "a"\nduration = "61m"\n', 4, "exercise[0].duration", "at most 1 hour"),
    ('name = "x"\n[[exercise]]\nname = "a"\nduration = 0\n', 4, "exercise[0].duration", "more than 0 s"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nrest = -5\n', 5, "exercise[0].rest", "negative"),
    ('name = ""\n[[exercise]]\nname = "a"\nreps = 5\n', 1, "name", "some text"),
    ('name = "x"\n[[exercise]]\nname = "   "\nreps = 5\n', 3, "exercise[0].name", "some text"),
    ('name = "x"\n', None, "exercise", "at least one [[exercise]]"),
    ('name = "x"\n[[exercise]]\nname = "a"\ntarget = 50\ngroup = "A"\n', 5, "exercise[0].group",
     "cannot be in a superset"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ngroup = "A"\n[[exercise]]\nname = "b"\nreps = 5\n'
     '[[exercise]]\nname = "c"\nreps = 5\ngroup = "A"\n', 12, "exercise[2].group",
     '"A" is already the group of exercise[0]'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ntransition = "10s"\n', 5, "exercise[0].transition",
     'in no group; add group = "A"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ngroup = "A"\ntransition = "2h"\n', 6,
     "exercise[0].transition", "at most 1 hour"),
    ('name = "x"\n[[exercise]]\nname = "a"\nduration = "maxx"\n', 4, "exercise[0].duration", '"max"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ngroup = ""\n', 5, "exercise[0].group", "some text"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nduration = "30s"\n', 4, "exercise[0].reps",
     "does not belong to a timed exercise"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nrest_pause = "10s"\n', 5, "exercise[0].rest_pause",
     "does not belong to a reps exercise"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\n[exercise.say]\nbotom = "x"\n', 6, "exercise[0].say.botom",
     'did you mean "bottom"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ntempo = "3-x-1"\n', 5, "exercise[0].tempo", '"3-1-1-0"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ntempo = "0-0-0-0"\n', 5, "exercise[0].tempo", "four parts"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ntempo = { dwon = 3, up = 1 }\n', 5, "exercise[0].tempo.dwon",
     'did you mean "down"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\n[exercise.tempo]\ndown = 3\nup = "fast"\n', 7,
     "exercise[0].tempo.up", '"X" for explosive'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ntempo = { down = 61 }\n', 5, "exercise[0].tempo.down",
     "from 0 to 60"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ntempo = { down = 0, up = 0 }\n', 5, "exercise[0].tempo",
     "no phase longer than 0 s"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ncount = "tempo"\n', 5, "exercise[0].count",
     "has no tempo"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ntempo = "2-0-1-1"\ncount = "metronome"\n', 6,
     "exercise[0].count", '"taps"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nduration = 30\ncount = "tempo"\n', 5, "exercise[0].count",
     "does not belong to a timed exercise"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nstarts = "middle"\n', 5, "exercise[0].starts", '"up"'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nwarmup = "yes"\n', 5, "exercise[0].warmup", "true or false"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\ncues = "knees"\n', 5, "exercise[0].cues", "list of text"),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nweight = "heavy"\n', 5, "exercise[0].weight", "weight = 20"),
    ('name = "x"\n[[exercise]]\nname = "a"\nkind = "hold"\n', 4, "exercise[0].kind", '"reps", "target" or "timed"'),
    ('name = "x"\n[[exercise]]\nname = "a"\n', 2, "exercise[0].reps", "is missing"),
    ('name = "x"\n[[exercise]]\nkind = "target"\nname = "a"\n', 2, "exercise[0].target", "target = 100"),
    ('name = "x"\n[[exercise]]\nname = "a"\ntarget = 0\n', 4, "exercise[0].target", "from 1 to 10000"),
    ('name = "x"\n[exercise]\nname = "a"\nreps = 5\n', 2, "exercise", "[[exercise]] tables"),
    ('[[exercise]]\nname = "a"\nreps = 5\n', None, "name", 'name = "..."'),
    ('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\nsets = 3\nsets = 4\n', 6, "TOML", "valid TOML"),
    ('name = "x\n', 1, "TOML", "valid TOML"),
    ('name = "x"\ntags = "calves"\n[[exercise]]\nname = "a"\nreps = 5\n', 2, "tags", "list of text"),
    ('name = "x"\nsets = 3\n[[exercise]]\nname = "a"\nreps = 5\n', 2, "sets", "inside an [[exercise]]"),
]


@pytest.mark.parametrize("text, line, path, words", BAD, ids=[b[2] + ":" + b[3][:20] for b in BAD])
def test_bad_file_is_reported_precisely(tmp_path: Path, text: str, line: int | None, path: str, words: str) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(text)
    problems = check_file(file)
    assert problems, "the file should be rejected"
    match = [p for p in problems if p.path == path]
    assert match, f"no problem names {path}: {[str(p) for p in problems]}"
    problem = match[0]
    assert problem.line == line
    assert words in problem.message
    where = f"{file}:{line}" if line is not None else f"{file}:"
    assert str(problem).startswith(where) and "\n" not in str(problem)
    assert ";" in problem.message, "every message says what is expected after a semicolon"


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    file = tmp_path / "many.toml"
    file.write_text('name = ""\n[[exercise]]\nname = "a"\nrset = 3\nreps = "9-1"\n[[exercise]]\nname = '
                    '"b"\nduration = "2h"\n')
    paths = [p.path for p in check_file(file)]
    assert paths == ["name", "exercise[0].rset", "exercise[0].reps", "exercise[1].duration"]


def test_empty_file(tmp_path: Path) -> None:
    file = tmp_path / "empty.toml"
    file.write_text("  \n")
    [problem] = check_file(file)
    assert "empty" in problem.message and "[[exercise]]" in problem.message


def test_binary_file(tmp_path: Path) -> None:
    file = tmp_path / "photo.toml"
    file.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [problem] = check_file(file)
    assert "binary" in problem.message


def test_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "latin1.toml"
    file.write_bytes('name = "Mollets à fond"\n'.encode("latin-1"))
    [problem] = check_file(file)
    assert "UTF-8" in problem.message and problem.line == 1


def test_missing_and_folder(tmp_path: Path) -> None:
    [missing] = check_file(tmp_path / "nope.toml")
    assert "cannot be read" in missing.message
    [folder] = check_file(tmp_path)
    assert "folder" in folder.message


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    file = tmp_path / "syntax.toml"
    file.write_text('name = "x"\n\n[[exercise]]\nname = "a"\nreps = 5,\n')
    [problem] = check_file(file)
    assert (problem.line, problem.path) == (5, "TOML") and problem.column is not None
    assert str(problem).startswith(f"{file}:5:{problem.column}: TOML: ")


def test_nothing_is_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    file = tmp_path / "evil.toml"
    file.write_text(f'name = "__import__(\'os\').system(\'touch {marker}\')"\n[[exercise]]\nname = "$(touch '
                    f'{marker})"\nreps = 5\n')
    workout = load_workout(file)
    assert not marker.exists() and workout.name.startswith("__import__")


def test_key_lines_follow_tables_and_multiline_strings() -> None:
    text = ('name = "x"\nnotes = """\n[[exercise]]\nfake = 1\n"""\n[[exercise]]\nname = "a"\n[exercise.say]\nup = "u"\n'
            '[[exercise]]\nsay.down = "d"\n')
    lines = key_lines(text)
    assert lines[("exercise", 0)] == 6 and lines[("exercise", 0, "say", "up")] == 9
    assert lines[("exercise", 1, "say", "down")] == 11 and ("exercise", 0, "fake") not in lines


def test_error_object_lists_every_problem() -> None:
    with pytest.raises(WorkoutError) as info:
        parse_workout('name = 3\n[[exercise]]\nname = "a"\nreps = 5\n', "n.toml")
    assert str(info.value) == 'n.toml:1: name: is a whole number; expected text in quotes, such as name = "..."'


BUILTINS = sorted(builtin_workouts_dir().glob("*.toml"))


@pytest.mark.parametrize("path", BUILTINS, ids=[p.stem for p in BUILTINS])
def test_builtin_validates_and_cites_its_source(path: Path) -> None:
    workout = load_workout(path)
    assert workout.source and workout.schedule
    assert all(ex.cues for ex in workout.exercises)


def test_at_least_six_builtins() -> None:
    assert len(BUILTINS) >= 6

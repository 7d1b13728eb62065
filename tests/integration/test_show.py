"""``calftui show``: a workout as calftui reads it, found as ``run`` finds it."""

from __future__ import annotations

from pathlib import Path

from calftui.common.config import Settings
from calftui.live.show import describe

from conftest import run_cli
from helpers import workout

WORKOUT = """
[[exercise]]
name = "Ramp"
sets = 2
reps = "10-12"
rest = "45s"
rest_after = "2m"
warmup = true
load = "10-20% of back squat 1RM"

[[exercise]]
name = "Single-leg raise"
sets = 3
reps = "10-15"
per_side = true
weight = 10
tempo = { down = 3, bottom = 0, up = 2, top = 1 }
count = "tempo"
starts = "down"
[exercise.say]
top = "Hold it"

[[exercise]]
name = "Toe raise"
group = "A"
sets = 3
reps = 15
transition = "10s"

[[exercise]]
name = "Ledge raise"
group = "A"
sets = 2
reps = "amrap"
rest = "90s"

[[exercise]]
name = "Death"
target = 100
rest_pause = "10s"
"""


def test_every_exercise_as_calftui_reads_it() -> None:
    settings = Settings(unit="lb", profile={"back_squat_1rm": 300})
    text = "\n".join(describe(workout(WORKOUT, "Tuesday calves"), settings))
    assert text.startswith("Tuesday calves")
    assert "1. Ramp (warm-up)\n   2 sets x 10-12 reps\n   load: 10-20% of back squat 1RM = 30-60 lb\n" \
           "   rest 45s between sets; 2m before the next exercise" in text
    assert "2. Single-leg raise (per side)\n   3 sets x 10-15 reps, each side\n   load 10 lb\n" in text
    assert "tempo 3-0-2-1: lower 3 s · rise 2 s · squeeze 1 s at the top; each rep starts with the lower" in text
    assert 'says: top "Hold it"' in text
    assert "counted by the tempo: every 6 s cycle is a rep, a key only ends the set" in text
    assert "5 s to change sides" in text
    assert "superset A, 3 rounds: A1 Toe raise, then A2 Ledge raise; rest 1m30s after each round" in text
    assert "A1. Toe raise\n   3 sets x 15 reps\n   then 10s before the next member" in text
    assert "A2. Ledge raise\n   2 sets x as many reps as you can\n   rest 1m30s after each round" in text
    assert "5. Death, target\n   100 reps in total, in mini-sets to failure; rest-pause 10s" in text


def test_show_finds_a_workout_as_run_does(isolated_home: Path) -> None:
    by_stem = run_cli("show", "death-set")
    assert by_stem.returncode == 0 and by_stem.stderr == ""
    assert by_stem.stdout.startswith("Calf raise death set  (death-set, built-in)")
    assert "tempo 1-1-1-0: lower 1 s · pause 1 s at the bottom · rise 1 s" in by_stem.stdout
    assert run_cli("show", "calf raise death set").stdout == by_stem.stdout  # by name, any case
    path = isolated_home / "mine.toml"
    path.write_text('name = "Mine"\n[[exercise]]\nname = "Raise"\nreps = 12\nweight = 20\n')
    mine = run_cli("show", str(path))
    assert mine.returncode == 0 and f"Mine  (mine, {path})" in mine.stdout and "load 20 kg" in mine.stdout


def test_show_says_what_is_wrong_in_one_line_each(isolated_home: Path) -> None:
    missing = run_cli("show", "no-such-workout")
    assert missing.returncode == 2 and "no workout 'no-such-workout'" in missing.stderr
    bad = isolated_home / "bad.toml"
    bad.write_text('name = "Bad"\n[[exercise]]\nname = "Raise"\nreps = 12\ntempo = { dwon = 3 }\n')
    result = run_cli("show", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == f'{bad}:5: exercise[0].tempo.dwon: is not a tempo phase; did you mean "down"? ' \
                                    "(the phases are down, bottom, up and top)"


def test_file_text_is_shown_never_obeyed(isolated_home: Path) -> None:
    path = isolated_home / "odd.toml"
    path.write_text('name = "Odd [b]calves[/b]"\n[[exercise]]\nname = "Raise"\nreps = 5\n'
                    'notes = "line one\\nline two"\n')
    shown = run_cli("show", str(path))
    assert shown.returncode == 0 and shown.stdout.startswith("Odd [b]calves[/b]  (odd, ")
    assert "   notes: line one\n          line two\n" in shown.stdout
    path.write_text('name = "Odd"\n[[exercise]]\nname = "Raise\\u001b[2J"\nreps = 5\n')
    refused = run_cli("show", str(path))
    assert refused.returncode == 1 and "\\x1b" in refused.stderr and "\x1b" not in refused.stdout + refused.stderr

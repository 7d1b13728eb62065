"""What calftui says back is true: each reading a lifter relies on, from a journal written the way
theirs was (calftui's own sessions and sessions added by hand), through every screen and command
that shows it: sides, last time, loads in pounds, records by load, how a count was made, status."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from calftui.insights.compare import compare_with_journal
from calftui.insights.plan import plan
from calftui.journal import Journal, session_facts
from calftui.workouts.loader import parse_workout

from conftest import run_cli
from journal_helpers import START, as_session, hold, mini, reps_set, session, write_journal

RUNNER = parse_workout('name = "Runner"\n[[exercise]]\nname = "Straight-knee raise"\nsets = 3\nreps = "12-15"\n'
                       'per_side = true\n[[exercise]]\nname = "Raise"\nsets = 4\nreps = "10-15"\n', "runner.toml")


def straight_knee(day: int) -> dict:  # type: ignore[type-arg]
    """Sets 1-2 L13/R15 and L14/R12; set 3's left side skipped (s during the rest), 9 on the right."""
    sets = [reps_set("Straight-knee raise", r, side=side, n=n) for n, (left, right) in ((1, (13, 15)), (2, (14, 12)))
            for r, side in ((left, "left"), (right, "right"))]
    sets += [reps_set("Straight-knee raise", 0, side="left", n=3, skipped=True),
             reps_set("Straight-knee raise", 9, side="right", n=3)]
    return session(day, sets, workout="Runner")


def test_left_against_right_counts_only_sets_done_on_both_sides(tmp_path: Path) -> None:
    journal_path = write_journal(tmp_path / "j.toml", straight_knee(0))
    [facts] = session_facts(as_session(straight_knee(0))).exercises
    assert facts.balance is not None and facts.balance.text() == "L 27 · R 27, even"  # the detail screen's line
    [row] = compare_with_journal(Journal(tmp_path / "empty.toml"), as_session(straight_knee(0)), "kg")[0]
    assert row.balance is not None and row.balance.text() == "L 27 · R 27, even"  # the summary's
    stats = run_cli("stats", "--journal", str(journal_path)).stdout
    assert "sides last time L 27 · R 27, even" in stats and "25 % weaker" not in stats


def test_last_time_is_one_real_session_each_set_with_its_own_load(tmp_path: Path) -> None:
    last = session(0, [reps_set("Raise", 15, n=1)] + [reps_set("Raise", r, weight=5.0, n=n)
                                                      for n, r in ((2, 14), (3, 12), (4, 9))], workout="Runner")
    journal = Journal(write_journal(tmp_path / "j.toml", last))
    ahead = plan(journal, RUNNER, "kg", 2.5)
    assert ahead.last["Raise"].text == "15 · 14 @ 5 kg · 12 @ 5 kg · 9 @ 5 kg"  # the ready screen's line
    today = session(3, [reps_set("Raise", 12, weight=5.0, n=n) for n in (1, 2)], workout="Runner")
    [row] = compare_with_journal(journal, as_session(today), "kg")[0]
    assert row.last == "15 · 14 @ 5 kg · 12 @ 5 kg · 9 @ 5 kg"  # the summary's: never "15 reps @ 5 kg"


def test_last_time_looks_back_past_a_session_that_skipped_the_exercise(tmp_path: Path) -> None:
    done = session(0, [reps_set("Raise", 12, weight=20.0, n=1), hold(30)], workout="Runner")
    skipped = session(2, [reps_set("Raise", 0, n=1, skipped=True), hold(28)], workout="Runner")
    journal = Journal(write_journal(tmp_path / "j.toml", done, skipped))
    assert plan(journal, RUNNER, "kg", 2.5).last["Raise"].text == "12 @ 20 kg"
    today = session(4, [reps_set("Raise", 13, weight=20.0, n=1), hold(31)], workout="Runner")
    rows = {r.exercise: r for r in compare_with_journal(journal, as_session(today), "kg")[0]}
    assert rows["Raise"].last == "12 @ 20 kg" and rows["Stretch"].last == "L 28 s"


def test_every_load_is_in_pounds_for_a_lifter_in_pounds_and_the_same_number_everywhere(tmp_path: Path) -> None:
    last = session(0, [reps_set("Raise", 12, weight=5.0, n=n) for n in (1, 2)], workout="Runner")
    path = write_journal(tmp_path / "j.toml", last, session(1, [mini(50, 1, weight=20.0), mini(50, 2)]))
    journal = Journal(path)
    ahead = plan(journal, RUNNER, "lb", 5.0)
    assert ahead.loads[1] == 11.0 and ahead.last["Raise"].text == "12 · 12 @ 11 lb"  # load 11 lb, last … @ 11 lb
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "config.toml").write_text('unit = "lb"\n')
    stats = run_cli("stats", "--journal", str(path), env={"CALFTUI_CONFIG_DIR": str(config)}).stdout
    assert "heaviest 11 lb" in stats and "@ 44.1 lb" in stats and " kg" not in stats
    assert path.read_text().count('unit = "kg"') == 4  # shown in pounds, never written back


def test_a_score_is_compared_at_its_own_load_and_the_load_trend_shows_body_weight(tmp_path: Path) -> None:
    heavy = session(0, [mini(60, 1, weight=20.0, seconds=60.0), mini(40, 2, weight=20.0, seconds=61.0)])  # 2:11
    bare = session(2, [mini(100, 1, weight=None, seconds=52.0)])  # 0:52 at body weight
    path = write_journal(tmp_path / "j.toml", heavy, bare)
    stats = run_cli("stats", "--journal", str(path)).stdout
    assert "best 2:11 @ 20 kg (2 mini-sets)" in stats and "best 0:52 at body weight (1 mini-sets)" in stats
    assert "best score 2:11 @ 20 kg" in stats and "best score 0:52 at body weight" in stats
    from calftui.insights import history

    trends = {t.label: t for t in history.workout_trends(Journal(path), "Calves", START.date()).trends}
    assert (trends["load · Death"].first, trends["load · Death"].last) == ("20 kg", "body weight")


def test_a_correction_is_not_a_typed_count_and_imported_sets_say_neither(tmp_path: Path) -> None:
    corrected = reps_set("Raise", 13, weight=20.0, n=1)
    corrected.update(reps_edited=True)
    typed = reps_set("Raise", 11, weight=20.0, n=2)
    typed.update(reps_typed=True)
    path = write_journal(tmp_path / "j.toml", session(0, [corrected, typed], workout="Runner"))
    rows = list(csv.DictReader(io.StringIO(run_cli("export", "--format", "csv", "--journal", str(path)).stdout)))
    assert [r["Notes"] for r in rows] == ["count corrected", "count typed"]
    strong = tmp_path / "strong.csv"
    strong.write_text(run_cli("export", "--format", "csv", "--journal", str(path)).stdout.replace(
        "count corrected", "").replace("count typed", ""))
    other = tmp_path / "other.toml"
    assert run_cli("import", str(strong), "--journal", str(other), "--unit", "kg").returncode == 0
    again = list(csv.DictReader(io.StringIO(run_cli("export", "--format", "csv", "--journal", str(other)).stdout)))
    assert [r["Notes"] for r in again] == ["", ""]  # an imported set was neither typed nor corrected here


def test_stats_finds_a_workout_by_its_stem_as_run_does_sessions_added_by_hand_too(tmp_path: Path) -> None:
    by_hand = session(0, [mini(100, 1)], workout="Calf raise death set")
    by_hand["workout_file"] = ""  # written by hand: no file named
    path = write_journal(tmp_path / "j.toml", by_hand)
    text = path.read_text().replace('workout_file = ""\n', "").replace("ended_at", "# ended_at")
    path.write_text(text)
    result = run_cli("stats", "death-set", "--journal", str(path))
    assert result.returncode == 0 and "Sessions: 1" in result.stdout, result.stdout
    log = run_cli("log", "--journal", str(path), env={"COLUMNS": "120"}).stdout
    assert "0m00s" not in log and " ? " in log  # its end was never written: its time is unknown


def test_every_output_shows_a_session_at_its_own_clock(tmp_path: Path) -> None:
    path = write_journal(tmp_path / "j.toml", session(0, [mini(100, 1)]))  # 18:00 at +01:00
    for zone in ("UTC", "Asia/Tokyo", "America/Los_Angeles"):
        env = {"TZ": zone, "COLUMNS": "120"}
        log = run_cli("log", "--journal", str(path), env=env).stdout
        [row] = list(csv.DictReader(io.StringIO(run_cli("export", "--format", "csv", "--journal", str(path),
                                                        env=env).stdout)))
        assert "2026-10-05 18:00" in log and row["Date"] == "2026-10-05 18:00:00", zone


def test_sessions_dated_in_the_future_are_not_the_last_seven_days(tmp_path: Path) -> None:
    future = [session(400 + d, [mini(100, 1)], n=d) for d in range(4)]  # four sessions dated next year
    path = write_journal(tmp_path / "j.toml", *future)
    stats = run_cli("stats", "--journal", str(path)).stdout
    assert "Last 7 days: 0 training days" in stats and "above the rhythm" not in stats


def test_a_title_in_any_script_is_underlined_to_its_width(tmp_path: Path) -> None:
    name = "ふくらはぎ 🦵 calves"
    path = write_journal(tmp_path / "j.toml", session(0, [mini(100, 1)], workout=name))
    lines = run_cli("stats", "--journal", str(path)).stdout.splitlines()
    at = lines.index(name)
    from rich.cells import cell_len

    assert lines[at + 1] == "=" * cell_len(name)


def test_a_session_whose_exercises_were_skipped_whole_is_partial_and_leaving_counts_what_was_done() -> None:
    from calftui.live.engine import Engine, Event

    from helpers import workout

    w = workout('[[exercise]]\nname = "Raise"\nreps = 5\n[[exercise]]\nname = "Hold"\nduration = 10\nsets = 3\n'
                'per_side = true\n', "Two")
    e = Engine(w, 0.0)
    e.start(0.0)
    for i in range(5):
        e.rep(1.0 + i)
    e.finish(7.0)
    e.apply(Event("skip_exercise", 8.0))
    assert e.done and e.finished_status == "partial"  # six sides of the hold passed over with n
    assert e.tally() == (1, 5, 6)
    whole = Engine(w, 0.0)
    whole.start(0.0)
    whole.finish(1.0)
    assert whole.tally() == (1, 0, 0)


def test_leave_dialog_counts_sets_done_and_says_how_many_were_skipped() -> None:
    from calftui.ui.screens.quit import QuitDialog

    assert QuitDialog(1, 5, 15).body == "So far: 1 set(s) done, 5 rep(s); 15 skipped."
    nothing = QuitDialog(0, 0, 4)
    assert "Nothing to save" in nothing.body and "save" in nothing.unavailable

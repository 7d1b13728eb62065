"""calftui import, run as a process: twice, as a dry run, from two machines, under another time zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.exchange.trackers import read_strong, strong_csv
from calftui.journal import Journal, read_journal

from conftest import run_cli
from journal_helpers import append_session, session_block
from test_trackers import HEVY, REAL_STRONG, REAL_STRONG_NO_NOTES, STRONG_2019, calves


def test_importing_twice_adds_every_session_once(tmp_path: Path) -> None:
    csv_file = tmp_path / "strong.csv"
    csv_file.write_text(STRONG_2019)
    journal = tmp_path / "journal.toml"
    first = run_cli("import", str(csv_file), "--journal", str(journal))
    assert first.returncode == 0, first.stderr
    assert "Added 1 session(s) (3 sets)" in first.stdout and "1 cardio rows skipped" in first.stdout
    assert f"{csv_file}:6: Set Order 'X'" in first.stderr and "Traceback" not in first.stderr
    before = journal.read_bytes()
    again = run_cli("import", str(csv_file), "--journal", str(journal))
    assert "Added 0 session(s)" in again.stdout and "1 already there" in again.stdout
    assert journal.read_bytes() == before


def test_a_dry_run_lists_and_writes_nothing(tmp_path: Path) -> None:
    hevy = tmp_path / "workouts.csv"
    hevy.write_text(HEVY)
    journal = tmp_path / "journal.toml"
    result = run_cli("import", str(hevy), "--dry-run", "--journal", str(journal))
    assert result.returncode == 0 and "Would add 1 session(s) (4 sets)" in result.stdout
    assert "Calves  (4 sets)" in result.stdout and not journal.exists()


def test_two_machines_merge_into_every_session_once(tmp_path: Path) -> None:
    laptop, desktop = tmp_path / "laptop.toml", tmp_path / "desktop.toml"
    shared = [calves(0), calves(2)]
    for s in shared:
        append_session(laptop, s)
        append_session(desktop, s)
    append_session(laptop, calves(5))  # done at the gym
    home = calves(4)
    home["notes"] = "at home"
    with open(desktop, "a") as out:  # with a key a later calftui wrote: kept as it is
        out.write("\n" + session_block(home).replace("[[session.sets]]\n", '[[session.sets]]\nmood = "keen"\n', 1))
    laptop_before = laptop.read_bytes()
    for here, there, already in ((laptop, desktop, 2), (desktop, laptop, 3)):
        result = run_cli("import", str(there), "--journal", str(here))
        assert result.returncode == 0, result.stderr
        assert "Added 1 session(s)" in result.stdout and f"; {already} already there" in result.stdout
    for journal in (laptop, desktop):
        sessions = read_journal(journal).sessions
        assert len(sessions) == 4 and len({s.id for s in sessions}) == 4
    assert laptop.read_bytes().startswith(laptop_before)  # appended, never rewritten
    assert 'mood = "keen"' in laptop.read_text()
    assert [r.started_at.day for r in Journal(laptop).newest(10)] == [10, 9, 7, 5]  # in time, not file order


def test_a_runaway_timer_is_said_once_and_shown_the_same_everywhere(tmp_path: Path) -> None:
    csv_file = tmp_path / "strong.csv"
    csv_file.write_text(REAL_STRONG + REAL_STRONG_NO_NOTES.split("\n", 1)[1].replace(",9\n", ",,,9\n"))
    journal = tmp_path / "journal.toml"
    result = run_cli("import", str(csv_file), "--journal", str(journal), "--unit", "kg")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("timer left running") == 1
    assert ("2 session(s) ran over 12 hours, a timer left running: 2025-06-03 20:23 Evening Workout (409h 31m), "
            "2025-09-05 12:37 Fridays (144h 19m)") in result.stderr
    assert ("Their sets and start are kept, and the length as the file gives it, shown in whole hours with a ? "
            "(such as 409h?)") in result.stderr
    [evening] = [s for s in read_journal(journal).sessions if s.workout == "Evening Workout"]
    assert evening.duration_s == 409 * 3600 + 31 * 60  # kept as written, not cut to a week
    shown = run_cli("log", "--journal", str(journal), env={"COLUMNS": "120"})
    assert "409h?" in shown.stdout and "144h?" in shown.stdout and "1h00m " in shown.stdout
    again = run_cli("import", str(csv_file), "--journal", str(journal), "--unit", "kg")
    assert "timer left running" not in again.stderr  # nothing new, nothing to say
    back = read_strong(strong_csv(read_journal(journal).sessions, "kg"), "kg")
    assert "409h 31m" in strong_csv(read_journal(journal).sessions, "kg") and len(back.runaways) == 2


def test_the_unit_guess_is_said_only_when_it_is_a_guess(tmp_path: Path) -> None:
    csv_file = tmp_path / "strong.csv"
    csv_file.write_text(REAL_STRONG)
    guessed = run_cli("import", str(csv_file), "--dry-run", "--journal", str(tmp_path / "j.toml"))
    assert "names no unit: its loads were read as kg (--unit lb if they are pounds)" in guessed.stderr
    told = run_cli("import", str(csv_file), "--dry-run", "--unit", "kg", "--journal", str(tmp_path / "j.toml"))
    assert told.returncode == 0 and "names no unit" not in told.stderr


@pytest.mark.parametrize("name, text", [("strong.csv", REAL_STRONG), ("hevy.csv", HEVY)], ids=["strong", "hevy"])
def test_importing_again_under_another_time_zone_adds_nothing(tmp_path: Path, name: str, text: str) -> None:
    csv_file = tmp_path / name
    csv_file.write_text(text)
    journal = tmp_path / "journal.toml"
    first = run_cli("import", str(csv_file), "--unit", "kg", "--journal", str(journal), env={"TZ": "UTC"})
    assert first.returncode == 0 and "Added 0" not in first.stdout, first.stderr
    before = journal.read_bytes()
    for zone in ("America/New_York", "Asia/Kolkata", "Pacific/Kiritimati"):
        again = run_cli("import", str(csv_file), "--unit", "kg", "--journal", str(journal), env={"TZ": zone})
        assert again.returncode == 0 and "Added 0 session(s)" in again.stdout, (zone, again.stdout, again.stderr)
    assert journal.read_bytes() == before
    shown = run_cli("log", "--journal", str(journal), env={"TZ": "Asia/Kolkata", "COLUMNS": "120"})
    first_start = "2025-06-03 20:23" if name == "strong.csv" else "2025-01-30 12:34"
    assert first_start in shown.stdout  # the time as the app wrote it, in any zone

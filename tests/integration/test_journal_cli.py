"""log, stats and export through the real command line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from conftest import run_cli
from journal_helpers import append_session, make_session, reps_set, session

DATE = re.compile(r"^ ?(\d{4}-\d\d-\d\d \d\d:\d\d)", re.MULTILINE)
"""The date each row of ``calftui log`` starts with."""


def journal_with(tmp_path: Path, count: int) -> Path:
    journal = tmp_path / "j.toml"
    for n in range(count):
        append_session(journal, make_session(n, sets=4))
    return journal


def test_log_last_n_newest_first(tmp_path: Path) -> None:
    journal = journal_with(tmp_path, 5)
    result = run_cli("log", "--last", "2", "--journal", str(journal), env={"COLUMNS": "160"})
    assert result.returncode == 0, result.stderr
    dates = DATE.findall(result.stdout)
    assert dates == ["2026-01-09 18:00", "2026-01-07 18:00"]
    assert "5 sessions" in result.stdout


def test_log_reports_damage_with_its_line_and_keeps_going(tmp_path: Path) -> None:
    journal = journal_with(tmp_path, 2)
    with open(journal, "ab") as handle:
        handle.write(b"\n[[session]]\nworkout = \"half")
    before = journal.read_bytes()
    damaged_line = before.count(b"\n")
    result = run_cli("--journal", str(journal), "log", env={"COLUMNS": "160"})
    assert result.returncode == 0
    assert f"{journal}:{damaged_line}:" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.count("2026-01-0") == 2
    assert journal.read_bytes() == before


def test_unreadable_journal_exits_1_with_one_line(tmp_path: Path) -> None:
    result = run_cli("log", "--journal", str(tmp_path))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1 and "folder" in result.stderr


def test_empty_journal(tmp_path: Path) -> None:
    result = run_cli("log", "--journal", str(tmp_path / "none.toml"))
    assert result.returncode == 0 and "No sessions" in result.stdout
    assert not (tmp_path / "none.toml").exists()


def test_journal_from_environment(tmp_path: Path) -> None:
    journal = journal_with(tmp_path, 1)
    result = run_cli("log", env={"CALFTUI_JOURNAL": str(journal), "COLUMNS": "160"})
    assert "2026-01-01 18:00" in result.stdout


def test_stats_scores_and_rhythm(tmp_path: Path) -> None:
    journal = tmp_path / "j.toml"
    for n, seconds in enumerate([300.0, 250.0, 280.0]):
        session = make_session(n, sets=1)
        session["sets"][0].update(reps=100, duration_s=seconds, failure=False, weight=20.0)
        append_session(journal, session)
    result = run_cli("stats", "death-set", "--journal", str(journal))
    assert result.returncode == 0, result.stderr
    assert "Sessions: 3 (3 completed, 0 partial)" in result.stdout
    assert "Death: last 4:40 @ 20 kg (1 mini-sets), best 4:10 @ 20 kg (1 mini-sets) on 2026-01-03" in result.stdout
    assert "against 2-3 a week" in result.stdout


def test_export_csv_rows_per_set(tmp_path: Path) -> None:
    journal = journal_with(tmp_path, 2)
    result = run_cli("export", "--format", "csv", "--journal", str(journal))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
                             "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
    assert len(rows) == 8
    assert rows[0]["Set Order"] == "F" and rows[0]["Weight"] == "20" and rows[0]["Reps"] == "20"
    assert rows[2]["Seconds"] == "30" and rows[2]["Notes"] == "left" and rows[2]["Set Order"] == "3"


def test_export_json_to_file_and_never_over_the_journal(tmp_path: Path) -> None:
    journal = journal_with(tmp_path, 1)
    out = tmp_path / "out" / "all.json"
    assert run_cli("export", "--format", "json", "--out", str(out), "--journal", str(journal)).returncode == 0
    data = json.loads(out.read_text())
    assert data["sessions"][0]["sets"][0]["rep_at_s"][:2] == [1.1, 2.2]
    before = journal.read_bytes()
    refused = run_cli("export", "--format", "json", "--out", str(journal), "--journal", str(journal))
    assert refused.returncode == 2 and journal.read_bytes() == before  # bad usage: one line, nothing written
    assert refused.stderr.count("\n") == 1 and "the journal itself" in refused.stderr


def superset_session() -> dict:  # type: ignore[type-arg]
    sets = []
    for round_number in (1, 2):
        for name, reps in (("Calf", 12), ("Tib", 20)):
            entry = reps_set(name, reps, n=round_number)
            entry.update(group="A", round=round_number)
            sets.append(entry)
    sets[1].update(rpe=8.5, note="burning", reps_typed=True)
    sets.append({"exercise": "Tib", "kind": "reps", "set": 3, "side": "both", "target_reps": 20, "duration_s": 0.0,
                 "rest_before_s": 0.0, "failure": False, "warmup": False, "rep_at_s": [], "skipped": True,
                 "group": "A", "round": 3})
    return session(0, sets, workout="Pairs")


def test_a_superset_in_the_exports_and_stats(tmp_path: Path) -> None:
    journal = tmp_path / "j.toml"
    append_session(journal, superset_session())
    rows = list(csv.DictReader(io.StringIO(run_cli("export", "--format", "csv", "--journal", str(journal)).stdout)))
    assert [(r["Exercise Name"], r["Set Order"], r["Notes"], r["RPE"]) for r in rows] == [
        ("Calf", "1", "superset A, round 1", ""), ("Tib", "1", "superset A, round 1; count typed; burning", "8.5"),
        ("Calf", "2", "superset A, round 2", ""), ("Tib", "2", "superset A, round 2", "")]  # the skipped set: left out
    data = json.loads(run_cli("export", "--format", "json", "--journal", str(journal)).stdout)
    assert [(s["group"], s["round"], s["skipped"]) for s in data["sessions"][0]["sets"]][-2:] == [
        ("A", 2, False), ("A", 3, True)]
    stats = run_cli("stats", "--journal", str(journal)).stdout
    assert "  A1 Calf: best 12 reps" in stats and "  A2 Tib: best 20 reps" in stats

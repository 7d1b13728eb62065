"""Strong's CSV written as Strong writes it, read by other people's importers; Strong, Hevy and
another calftui journal read back; every session once, whatever is imported twice.

The importers' rules below are those of two importers written by others, re-stated in Python
from their source (not ours, and not our reader):

- jake-walker/workout-converter, ``src/adapters/strong.ts``: the date through Luxon's
  ``yyyy-MM-dd h:mm:ss\\u202fa`` after upper-casing; ``Duration`` through the parse-duration
  package (``49m``, ``1h 5m``); ``Weight`` parseFloat, ``Reps`` and ``Seconds`` parseInt with 0 read
  as "none"; ``Notes`` as the set's notes.
- davidxmoody/self-tracking, ``importers/strong.py``: ``Duration`` split on spaces, parts ending in
  ``h`` or ``m`` summed as minutes (so ``1m39s`` reads as nothing); ``Weight``, ``Reps`` and
  ``Seconds`` with 0 read as missing; the date through pandas (dateutil), which splits on any
  Unicode space.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from calftui.importing import ImportRefused, prepare, read_calftui
from calftui.journal import append_session, append_sessions, read_journal
from calftui.trackers import NNBSP, duration_seconds, read_hevy, read_strong, strong_csv, strong_date, strong_duration

from conftest import run_cli
from journal_helpers import TZ, hold, logged, mini, reps_set, session


def calves(day: int = 0, *, status: str = "completed", minutes: int = 49) -> dict:  # type: ignore[type-arg]
    sets = [
        {**reps_set("Standing calf raise, ramp-up", 12, weight=10.0, warmup=True), "set": 1},
        reps_set("Standing calf raise", 15, weight=22.5, n=1),
        {**reps_set("Standing calf raise", 13, weight=22.5, n=2, failure=True), "rpe": 9.5, "note": "heels up"},
        {**reps_set("Single-leg raise", 12, weight=50, unit="lb", side="left"), "reps_typed": True},
        reps_set("Single-leg raise", 10, weight=50, unit="lb", side="right"),
        {**reps_set("Tibialis raise", 20), "group": "A", "round": 1},
        hold(45),
        {"exercise": "Calf stretch", "kind": "timed", "set": 2, "side": "both", "duration_s": 0.0,
         "rest_before_s": 0.0, "failure": False, "warmup": False, "skipped": True},
        mini(30, 1),
    ]
    s = session(day, sets, workout="Calf day", status=status)
    s["ended_at"] = s["started_at"] + timedelta(minutes=minutes)
    s["notes"] = "felt strong"
    return s


def exported(*sessions: dict, unit: str = "kg") -> list[dict[str, str]]:  # type: ignore[type-arg]
    return list(csv.DictReader(io.StringIO(strong_csv(logged(*sessions), unit))))


# --- Strong's CSV, as Strong writes it -----------------------------------------------------------


def test_the_header_dates_durations_and_set_order_are_strongs() -> None:
    text = strong_csv(logged(calves()), "kg")
    assert text.splitlines()[0] == ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,"
                                    "Seconds,Notes,Workout Notes,RPE")
    rows = exported(calves())
    start = logged(calves())[0].started_at.astimezone()
    hour = start.hour % 12 or 12
    assert rows[0]["Date"] == f"{start:%Y-%m-%d} {hour}:{start:%M:%S}{NNBSP}{'pm' if start.hour >= 12 else 'am'}"
    assert {r["Duration"] for r in rows} == {"49m"}
    assert [r["Set Order"] for r in rows][:3] == ["W", "1", "F"]
    assert [r["Distance"] for r in rows] == ["0"] * len(rows)


@pytest.mark.parametrize("hour, words", [(0, "12:05:09\u202fam"), (9, "9:05:09\u202fam"), (12, "12:05:09\u202fpm"),
                                         (23, "11:05:09\u202fpm")])
def test_twelve_hour_times(hour: int, words: str) -> None:
    assert strong_date(datetime(2025, 1, 30, hour, 5, 9)) == f"2025-01-30 {words}"


@pytest.mark.parametrize("seconds, words", [(0, "0m"), (29, "0m"), (2940, "49m"), (3900, "1h 5m"), (7200, "2h 0m")])
def test_durations_as_strong_writes_them(seconds: float, words: str) -> None:
    assert strong_duration(seconds) == words


def test_loads_in_one_unit_holds_in_seconds_only_skipped_sets_left_out() -> None:
    rows = exported(calves(), unit="lb")
    by = [(r["Exercise Name"], r["Weight"], r["Reps"], r["Seconds"], r["Notes"]) for r in rows]
    assert ("Standing calf raise", "49.6", "15", "0", "") in by  # 22.5 kg, in pounds
    assert ("Single-leg raise", "50", "12", "0", "left; count typed") in by  # pounds stay pounds
    assert ("Single-leg raise", "50", "10", "0", "right") in by
    assert ("Stretch", "0", "0", "45", "left") in by  # a hold: Seconds only
    assert ("Tibialis raise", "0", "20", "0", "superset A, round 1") in by
    assert len(rows) == 8  # the skipped stretch is not there
    failed = next(r for r in rows if r["Set Order"] == "F")
    assert failed["RPE"] == "9.5" and failed["Notes"] == "heels up"


def test_a_partial_session_says_so_in_its_workout_notes() -> None:
    rows = exported(calves(status="partial"))
    assert {r["Workout Notes"] for r in rows} == {"partial session; felt strong"}


def test_a_cell_that_would_be_a_formula_is_not_one() -> None:
    s = calves()
    s["workout"] = "=HYPERLINK(\"x\")"
    rows = exported(s)
    assert rows[0]["Workout Name"] == "'=HYPERLINK(\"x\")"


# --- read by other people's importers ------------------------------------------------------------


def parse_duration_package(text: str) -> float:
    """The parse-duration package (npm), as workout-converter uses it: milliseconds."""
    units = {"h": 3_600_000, "m": 60_000, "s": 1000}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)\s*([hms])", text))


def workout_converter(text: str) -> list[dict]:  # type: ignore[type-arg]
    """jake-walker/workout-converter's StrongAdapter.importWorkoutData, row by row."""
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        started = datetime.strptime(row["Date"].upper(), "%Y-%m-%d %I:%M:%S\u202f%p")  # Luxon "h:mm:ss\u202fa"
        out.append({"started": started, "ms": parse_duration_package(row["Duration"]), "name": row["Workout Name"],
                    "exercise": row["Exercise Name"], "weight": float(row["Weight"]) or None,
                    "reps": int(row["Reps"]) or None, "duration": int(row["Seconds"]) or None, "notes": row["Notes"]})
    return out


def self_tracking(text: str) -> list[dict]:  # type: ignore[type-arg]
    """davidxmoody/self-tracking's importers/strong.py, row by row."""
    def minutes(value: str) -> int:
        total = 0
        for part in value.split(" "):
            if part[-1] == "h":
                total += 60 * int(part[:-1])
            elif part[-1] == "m":
                total += int(part[:-1])
        return total

    out = []
    for row in csv.DictReader(io.StringIO(text)):
        when = datetime.strptime(" ".join(row["Date"].split()).upper(), "%Y-%m-%d %I:%M:%S %p")  # dateutil
        out.append({"when": when, "minutes": minutes(row["Duration"]), "exercise": row["Exercise Name"],
                    "set_order": row["Set Order"], "weight": float(row["Weight"]) or None,
                    "reps": float(row["Reps"]) or None, "seconds": float(row["Seconds"]) or None})
    return out


def test_workout_converter_reads_every_row_as_it_was_done() -> None:
    long = calves(minutes=65)
    text = strong_csv(logged(long), "kg")
    rows = workout_converter(text)
    start = logged(long)[0].started_at.astimezone().replace(tzinfo=None)
    assert {r["started"] for r in rows} == {start} and {r["ms"] for r in rows} == {65 * 60_000}
    hold_row = next(r for r in rows if r["exercise"] == "Stretch")
    assert hold_row["reps"] is None and hold_row["duration"] == 45  # a hold, not a 1-rep set
    assert any(r["notes"] == "left; count typed" for r in rows)  # the side is kept with the set


def test_self_tracking_reads_durations_and_units_right() -> None:
    rows = self_tracking(strong_csv(logged(calves(minutes=99)), "lb"))
    assert {r["minutes"] for r in rows} == {99}  # "1h 39m", not "1m39s"
    raise_ = next(r for r in rows if r["exercise"] == "Standing calf raise")
    assert raise_["weight"] == pytest.approx(49.6) and raise_["reps"] == 15  # in the unit asked for
    hold_row = next(r for r in rows if r["exercise"] == "Stretch")
    assert hold_row["reps"] is None and hold_row["seconds"] == 45 and hold_row["weight"] is None


# --- reading Strong, Hevy and calftui back ---------------------------------------------------------


def test_export_then_import_into_an_empty_journal_gives_the_same_sets(tmp_path: Path) -> None:
    original = logged(calves(), calves(3, status="partial"))
    found = read_strong(strong_csv(original, "kg"), "kg")
    assert found.problems == [] and found.assumed_unit == "kg"
    journal = tmp_path / "journal.toml"
    append_sessions(journal, found.sessions)
    back = read_journal(journal).sessions
    assert [(s.workout, s.status, s.notes) for s in back] == [("Calf day", "completed", "felt strong"),
                                                              ("Calf day", "partial", "felt strong")]
    for before, after in zip(original, back, strict=True):
        assert after.started_at == before.started_at.replace(microsecond=0)
        done = [s for s in before.sets if not s.skipped]
        assert [(s.exercise, s.side, s.warmup, s.failure, s.rpe, s.group, s.round) for s in after.sets] == [
            (s.exercise, s.side, s.warmup, s.failure, s.rpe, s.group, s.round) for s in done]
        assert [s.reps if s.kind != "timed" else None for s in after.sets] == [
            s.reps if s.kind != "timed" else None for s in done]
        assert [(s.kind == "timed", round(s.duration_s) if s.kind == "timed" else 0) for s in after.sets] == [
            (s.kind == "timed", round(s.duration_s) if s.kind == "timed" else 0) for s in done]
        for a, b in zip(after.sets, done, strict=True):  # loads in kg now, the same loads
            if b.weight is None:
                assert a.weight is None
            else:
                assert a.unit == "kg" and a.weight == pytest.approx(b.weight / (2.20462 if b.unit == "lb" else 1),
                                                                    abs=0.01)


STRONG_2019 = """Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;\
Notes;Workout Notes;Workout Duration
2019-01-11 12:31:54;"Leg";"Calf Raise (Machine)";1;100;lbs;15;8,5;;;0;"";"";1h 5m
2019-01-11 12:31:54;"Leg";"Calf Raise (Machine)";W;50;lbs;10;;;;0;;;1h 5m
2019-01-11 12:31:54;"Leg";"Calf Raise (Machine)";Rest Timer;;;;;;;90;;;1h 5m
2019-01-11 12:31:54;"Leg";"Running";1;0;lbs;0;;2,5;km;900;;;1h 5m
2019-01-11 12:31:54;"Leg";"Calf Raise (Machine)";X;100;lbs;15;;;;0;;;1h 5m
2019-01-11 12:31:54;"Leg";"Plank";1;0;lbs;0;;;;60;;;1h 5m
"""
STRONG_SEC = """Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (kg);Reps;RPE;\
Distance (meters);Seconds;Notes;Workout Notes
1;2026-08-10 18:00:00;Push day;3600;Seated calf raise;1;80;8;8,5;;;Wide stance;
1;2026-08-10 18:00:00;Push day;3600;Seated calf raise;F;80;abc;;;;;
"""


def test_both_header_generations_of_strong() -> None:
    found = read_strong(STRONG_2019, "kg")
    [leg] = found.sessions
    assert leg["started_at"] == datetime(2019, 1, 11, 12, 31, 54).astimezone()
    assert leg["ended_at"] - leg["started_at"] == timedelta(hours=1, minutes=5)
    sets = [(s["exercise"], s.get("reps"), s.get("weight"), s.get("unit"), s["warmup"], s.get("rpe"), s["kind"])
            for s in leg["sets"]]
    assert sets == [("Calf Raise (Machine)", 15, 100.0, "lb", False, 8.5, "reps"),
                    ("Calf Raise (Machine)", 10, 50.0, "lb", True, None, "reps"),
                    ("Plank", None, None, None, False, None, "timed")]
    assert found.passed == {"rest-timer rows": 1, "cardio rows": 1} and found.assumed_unit is None
    assert found.problems == [(6, "Set Order 'X' is not a set number, W (warm-up), F (failure) or D (drop set); "
                                  "row left out")]
    newer = read_strong(STRONG_SEC, "lb")
    [push] = newer.sessions
    assert push["ended_at"] - push["started_at"] == timedelta(hours=1) and push["sets"][0]["unit"] == "kg"
    assert push["sets"][0]["note"] == "Wide stance" and newer.problems[0][0] == 3


HEVY = '''"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index",\
"set_type","weight_lbs","reps","distance_miles","duration_seconds","rpe"
"Calves","30 Jan 2025, 12:34","30 Jan 2025, 13:23","good","Standing Calf Raise",0,"slow",0,"warmup",45,12,,,
"Calves","30 Jan 2025, 12:34","30 Jan 2025, 13:23","good","Standing Calf Raise",0,"slow",1,"normal",90,15,,,8
"Calves","30 Jan 2025, 12:34","30 Jan 2025, 13:23","good","Tibialis Raise",0,"",0,"failure",,20,,,
"Calves","30 Jan 2025, 12:34","30 Jan 2025, 13:23","good","Wall Sit",,"",0,"normal",,,,60,
"Calves","30 Jan 2025, 12:34","30 Jan 2025, 13:23","good","Treadmill",,"",0,"normal",,,1.5,600,
"Calves","30 Jan 2025, 12:34","30 Jan 2025, 13:23","good","Odd",,"",0,"superset",,3,,,
'''


def test_hevy() -> None:
    found = read_hevy(HEVY)
    [calves_] = found.sessions
    assert calves_["ended_at"] - calves_["started_at"] == timedelta(minutes=49) and calves_["notes"] == "good"
    got = [(s["exercise"], s.get("reps"), s.get("weight"), s.get("unit"), s["warmup"], s["failure"], s.get("group"),
            s.get("note"), s["kind"]) for s in calves_["sets"]]
    assert got == [("Standing Calf Raise", 12, 45.0, "lb", True, False, "A", "slow", "reps"),
                   ("Standing Calf Raise", 15, 90.0, "lb", False, False, "A", None, "reps"),
                   ("Tibialis Raise", 20, None, None, False, True, "A", None, "reps"),
                   ("Wall Sit", None, None, None, False, False, None, None, "timed")]
    assert found.passed == {"cardio rows": 1} and found.problems[0][0] == 7


def test_durations_people_and_apps_write() -> None:
    assert [duration_seconds(t) for t in ("49m", "1h 5m", "1h 5min", "58min", "1h 5m 3s", "42")] == [
        2940, 3900, 3900, 3480, 3903, 2520]
    with pytest.raises(ValueError, match="not a duration"):
        duration_seconds("soon")


def test_a_file_that_is_none_of_them_is_refused_in_one_line(tmp_path: Path) -> None:
    other = tmp_path / "notes.csv"
    other.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(ImportRefused, match="not a Strong or Hevy CSV export nor a calftui journal"):
        prepare(tmp_path / "j.toml", other, None, "kg")
    with pytest.raises(ImportRefused, match="header has no Date, Exercise Name"):
        prepare(tmp_path / "j.toml", other, "strong", "kg")


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
    home["sets"][0]["mood"] = "keen"  # a key a later calftui wrote: kept as it is
    append_session(desktop, home)
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
    from calftui.journal_index import listing

    assert [s.started_at.day for s in listing(laptop).summaries] == [5, 7, 9, 10]  # in time, not file order


def test_a_damaged_session_in_the_other_journal_is_named_and_the_rest_come(tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    append_session(other, calves(0))
    with open(other, "ab") as out:
        out.write(b"\n[[session]]\nworkout = \"torn")
    found = read_calftui(other.read_bytes())
    assert len(found.sessions) == 1 and found.problems and found.problems[0][0] > 1


def test_progress_is_told_on_a_big_import() -> None:
    rows = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"]
    start = datetime(2020, 1, 1, 18, 0, tzinfo=TZ)
    for n in range(12_000):
        moment = strong_date((start + timedelta(days=n // 6)).astimezone())
        rows.append(f"{moment},Calves,45m,Calf raise,{n % 6 + 1},20,12,0,0,,,")
    told: list[int] = []
    found = read_strong("\n".join(rows) + "\n", "kg", told.append)
    assert told == [5000, 10_000] and len(found.sessions) == 2000 and found.problems == []

"""Strong's CSV written as Strong writes it, read by other people's importers; Strong, Hevy and
another calftui journal read back; every session once, whatever is imported twice.

The importers' rules below are those of importers written by others, re-stated in Python from
their source (not ours, and not our reader):

- IgnisDa/ryot, ``crates/services/importer/strong-app/src/lib.rs``: the date through chrono's
  ``NaiveDateTime::parse_from_str(date, "%Y-%m-%d %H:%M:%S")`` (anything else stops the import);
  ``Duration`` as whole seconds, or the number before ``h``, before ``m`` and before ``s``;
  Set Order ``W``, ``F``, ``D`` as warm-up, failure and drop sets; ``Rest Timer`` and ``Note`` rows
  passed over.
- DaKheera47/strong-statistics, ``app/processors/strong_processor.py``: the date through
  ``datetime.strptime(s, "%Y-%m-%d %H:%M:%S")``; ``Duration`` split at ``h`` and ``m`` into minutes;
  Set Order through ``pd.to_numeric(errors="coerce")``, so ``W`` and ``F`` become nothing.
- davidxmoody/self-tracking, ``importers/strong.py``: ``Duration`` split on spaces, parts ending in
  ``h`` or ``m`` summed as minutes (so ``1m39s`` reads as nothing); ``Weight``, ``Reps`` and
  ``Seconds`` with 0 read as missing; the date through pandas (dateutil).

The files in ``REAL_*`` below are written the way real Strong exports in public repositories are
(24-hour dates, ``1h`` and ``409h 31m`` durations, ``10.0`` counts, rest-timer rows, and the
export that leaves out the Notes columns).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from calftui.common.durations import length
from calftui.exchange.importing import ImportRefused, prepare, read_calftui
from calftui.exchange.trackers import (
    NNBSP,
    duration_seconds,
    read_hevy,
    read_strong,
    strong_csv,
    strong_date,
    strong_duration,
)
from calftui.journal import Journal, append_sessions, as_written, read_journal

from journal_helpers import TZ, append_session, hold, logged, mini, reps_set, session


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
    start = logged(calves())[0].started_at  # the clock where it was done, whatever the zone here
    assert rows[0]["Date"] == f"{start:%Y-%m-%d %H:%M:%S}"  # 24-hour, as real exports write it
    assert datetime.strptime(rows[0]["Date"], "%Y-%m-%d %H:%M:%S") == start.replace(tzinfo=None)
    assert {r["Duration"] for r in rows} == {"49m"}
    assert [r["Set Order"] for r in rows][:3] == ["W", "1", "F"]
    assert [r["Distance"] for r in rows] == ["0"] * len(rows)


@pytest.mark.parametrize("hour, words", [(0, "00:05:09"), (9, "09:05:09"), (12, "12:05:09"), (23, "23:05:09")])
def test_24_hour_times(hour: int, words: str) -> None:
    assert strong_date(datetime(2025, 1, 30, hour, 5, 9)) == f"2025-01-30 {words}"


@pytest.mark.parametrize("seconds, words", [
    (0, "1m"), (28, "1m"), (89, "1m"), (90, "2m"), (95, "2m"), (2940, "49m"), (3900, "1h 5m"), (3600, "1h"),
    (7200, "2h"), (409 * 3600 + 31 * 60, "409h 31m")])
def test_durations_as_strong_writes_them_never_zero(seconds: float, words: str) -> None:
    assert strong_duration(seconds) == words  # whole minutes, the nearest, at least one


def test_a_28_second_session_exports_a_length_an_importer_keeps() -> None:
    short = calves()
    short["ended_at"] = short["started_at"] + timedelta(seconds=28)
    [row, *_] = exported(short)
    assert row["Duration"] == "1m" and ryot_seconds(row["Duration"]) == 60


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


def ryot_seconds(text: str) -> int:
    """ryot's parse_workout_duration: whole seconds, or hours, minutes and seconds by their letters."""
    if text.isdigit():
        return int(text)
    total, low = 0, text.lower()
    if "h" in low:
        total += int(low[: low.index("h")]) * 3600
    if "m" in low:
        start = low.index("h") + 1 if "h" in low else 0
        minutes = low[start: low.index("m")].strip()
        total += int(minutes) * 60 if minutes else 0
    return total


def ryot(text: str) -> list[dict]:  # type: ignore[type-arg]
    """ryot's Strong importer, row by row: a date it cannot parse stops the whole import."""
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        if row["Set Order"] in ("Rest Timer", "Note"):
            continue
        started = datetime.strptime(row["Date"], "%Y-%m-%d %H:%M:%S")  # chrono's parse_from_str, strictly
        lot = {"W": "warm-up", "F": "failure", "D": "drop"}.get(row["Set Order"], "normal")
        out.append({"started": started, "seconds": ryot_seconds(row["Duration"]), "exercise": row["Exercise Name"],
                    "lot": lot, "weight": float(row["Weight"] or 0), "reps": float(row["Reps"] or 0),
                    "duration": float(row["Seconds"] or 0) / 60, "notes": row["Notes"]})
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
        when = datetime.fromisoformat(row["Date"])  # dateutil reads this form the same way
        out.append({"when": when, "minutes": minutes(row["Duration"]), "exercise": row["Exercise Name"],
                    "set_order": row["Set Order"], "weight": float(row["Weight"]) or None,
                    "reps": float(row["Reps"]) or None, "seconds": float(row["Seconds"]) or None})
    return out


def test_ryot_reads_every_row_as_it_was_done() -> None:
    long = calves(minutes=65)
    text = strong_csv(logged(long), "kg")
    rows = ryot(text)  # the 12-hour dates calftui used to write stopped it at the first row
    start = logged(long)[0].started_at.replace(tzinfo=None)  # the clock where it was done
    assert {r["started"] for r in rows} == {start} and {r["seconds"] for r in rows} == {65 * 60}
    assert [r["lot"] for r in rows][:3] == ["warm-up", "normal", "failure"]
    hold_row = next(r for r in rows if r["exercise"] == "Stretch")
    assert hold_row["reps"] == 0 and hold_row["duration"] == 0.75  # a hold, in minutes, not a 1-rep set
    assert any(r["notes"].startswith("left") for r in rows)  # the side is kept with the set


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
        assert after.started_at == before.started_at.replace(microsecond=0, tzinfo=None)  # its own clock, kept
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
    assert leg.started_at == datetime(2019, 1, 11, 12, 31, 54)  # as written: a local time, in no zone
    assert leg.ended_at is not None and leg.ended_at - leg.started_at == timedelta(hours=1, minutes=5)
    sets = [(s.exercise, s.reps, s.weight, s.unit, s.warmup, s.rpe, s.kind) for s in leg.sets]
    assert sets == [("Calf Raise (Machine)", 15, 100.0, "lb", False, 8.5, "reps"),
                    ("Calf Raise (Machine)", 10, 50.0, "lb", True, None, "reps"),
                    ("Plank", None, None, None, False, None, "timed")]
    assert found.passed == {"rest-timer rows": 1, "cardio rows": 1} and found.assumed_unit is None
    assert found.problems == [(6, "Set Order 'X' is not a set number, W (warm-up), F (failure) or D (drop set); "
                                  "row left out")]
    newer = read_strong(STRONG_SEC, "lb")
    [push] = newer.sessions
    assert push.ended_at is not None and push.ended_at - push.started_at == timedelta(hours=1)
    assert push.sets[0].unit == "kg" and push.sets[0].note == "Wide stance" and newer.problems[0][0] == 3


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
    assert calves_.ended_at is not None and calves_.ended_at - calves_.started_at == timedelta(minutes=49)
    assert calves_.notes == "good"
    got = [(s.exercise, s.reps, s.weight, s.unit, s.warmup, s.failure, s.group, s.note, s.kind) for s in calves_.sets]
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
        prepare(Journal(tmp_path / "j.toml"), other, None, "kg")
    with pytest.raises(ImportRefused, match="header has no Date, Exercise Name"):
        prepare(Journal(tmp_path / "j.toml"), other, "strong", "kg")


def test_a_damaged_session_in_the_other_journal_is_named_and_the_rest_come(tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    append_session(other, calves(0))
    with open(other, "ab") as out:
        out.write(b"\n[[session]]\nworkout = \"torn")
    found, _ = read_calftui(other.read_bytes())
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


# --- files written the way real Strong exports are ------------------------------------------------

REAL_STRONG = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2025-06-03 20:23:00,"Evening Workout",409h 31m,"Standing Calf Raise (Machine)",1,35.0,10.0,0,0.0,"","",
2025-06-03 20:23:00,"Evening Workout",409h 31m,"Standing Calf Raise (Machine)",Rest Timer,0,0.0,0,120.0,,,
2025-06-03 20:23:00,"Evening Workout",409h 31m,"Standing Calf Raise (Machine)",2,35.0,7.0,0,0.0,,,
2025-06-06 20:16:00,"Legs",1h,"Seated Calf Raise (Machine)",W,20.0,15.0,0,0.0,"slow down","",
2025-06-06 20:16:00,"Legs",1h,"Seated Calf Raise (Machine)",1,40.0,12.0,0,0.0,,,8.5
2025-06-06 20:16:00,"Legs",1h,"Seated Calf Raise (Machine)",F,40.0,9.0,0,0.0,,,
2025-06-06 20:16:00,"Legs",1h,"Plank",1,0,0.0,0,60.0,,,
2025-06-08 07:05:12,"Morning 🦵",8m,"Tibialis Raise",1,0.0,20.0,0,0.0,"","",
"""
REAL_STRONG_NO_NOTES = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE
2024-11-28 17:36:08,"B",35m,"Standing Calf Raise (Smith Machine)",1,10.0,13.0,0,0.0,
2024-11-28 17:36:08,"B",35m,"Standing Calf Raise (Smith Machine)",2,10.0,16.0,0,0.0,
2025-09-05 12:37:47,"Fridays",144h 19m,"Standing Calf Raise (Smith Machine)",1,17.5,12.0,0,0.0,9
"""


def test_real_strong_exports_read_every_set() -> None:
    found = read_strong(REAL_STRONG, "kg")
    assert found.problems == [] and found.passed == {"rest-timer rows": 1}
    assert [(s.workout, s.duration_s, len(s.sets)) for s in found.sessions] == [
        ("Evening Workout", 409 * 3600 + 31 * 60, 2), ("Legs", 3600, 4), ("Morning 🦵", 480, 1)]
    legs = found.sessions[1].sets
    assert [(s.reps, s.warmup, s.failure, s.rpe, s.kind) for s in legs] == [
        (15, True, False, None, "reps"), (12, False, False, 8.5, "reps"), (9, False, True, None, "reps"),
        (None, False, False, None, "timed")]
    assert legs[0].note == "slow down"
    older = read_strong(REAL_STRONG_NO_NOTES, "kg")
    assert older.problems == [] and [len(s.sets) for s in older.sessions] == [2, 1]
    assert [as_written(s).workout for s in found.sessions] == [
        "Evening Workout", "Legs", "Morning 🦵"]  # what import writes, the journal reads


def test_the_12_hour_dates_earlier_calftui_exports_wrote_are_still_read() -> None:
    earlier = REAL_STRONG.replace("2025-06-06 20:16:00", f"2025-06-06 8:16:00{NNBSP}pm")
    assert [s.started_at for s in read_strong(earlier, "kg").sessions][1] == datetime(2025, 6, 6, 20, 16)


@pytest.mark.parametrize("seconds, shown", [(0, "0m00s"), (725, "12m05s"), (3900, "1h05m"), (12 * 3600, "12h00m"),
                                            (12 * 3600 + 60, "12h?"), (144 * 3600 + 19 * 60, "144h?"),
                                            (409 * 3600 + 31 * 60, "409h?"), (366 * 86400, "8784h?"), (-5, "0m00s")])
def test_one_rule_shows_a_session_length_everywhere(seconds: float, shown: str) -> None:
    assert length(seconds) == shown  # log, history, a session's detail and the summary all call it
    assert len(shown) <= 6  # history's Time column: never cut


def test_a_count_that_is_no_whole_number_is_refused_with_its_line() -> None:
    text = REAL_STRONG.replace("1,40.0,12.0,0", "1,40.0,12.9,0")
    found = read_strong(text, "kg")
    assert found.problems == [(6, "Reps 12.9 is not a whole number of reps; row left out")]
    assert [s.reps for s in found.sessions[1].sets] == [15, 9, None]  # never silently 12
    hevy = read_hevy(HEVY.replace(",90,15,", ",90,15.5,"))
    assert hevy.problems[0] == (3, "reps 15.5 is not a whole number of reps; row left out")

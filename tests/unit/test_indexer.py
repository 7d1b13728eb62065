"""History's marks, worked out ahead of time: the same as working them out on the spot, kept
beside the cache, and never trusted for a journal that changed since."""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calftui import history, indexer
from calftui.history import HistoryMarks, packed
from calftui.indexer import marks_match, marks_path, read_marks, work_out_marks
from calftui.journal import append_session
from calftui.journal_index import cache_path, header_matches, listing

from journal_helpers import START, death, hold, mini, reps_set, session, summaries

WORKOUTS = ["Calves", "Calf raise [bw] [/]", "Death set"]

a_set = st.one_of(
    st.builds(lambda reps, n, w, unit: mini(reps, n, weight=w, unit=unit), st.integers(0, 60), st.integers(1, 5),
              st.sampled_from([None, 20.0, 22.5, 45.0]), st.sampled_from(["kg", "lb"])),
    st.builds(lambda name, reps, w, unit, warmup, side: reps_set(name, reps, weight=w, unit=unit, warmup=warmup,
                                                                 side=side),
              st.sampled_from(["Raise", "Seated [bw]"]), st.integers(0, 30), st.sampled_from([None, 10.0, 102.25]),
              st.sampled_from(["kg", "lb"]), st.booleans(), st.sampled_from(["both", "left", "right"])),
    st.builds(hold, st.sampled_from([0.0, 30.0, 45.5]), st.sampled_from(["left", "right"])),
)
a_session = st.builds(lambda day, sets, workout, status, n: session(day, sets, workout, status, n),
                      st.integers(0, 120), st.lists(a_set, min_size=1, max_size=6), st.sampled_from(WORKOUTS),
                      st.sampled_from(["completed", "partial"]), st.integers(0, 3))


@settings(max_examples=150, deadline=None)
@given(st.lists(a_session, max_size=14, unique_by=lambda s: s["id"]), st.sampled_from(["kg", "lb"]),
       st.integers(-10, 200))
def test_marks_worked_out_ahead_are_what_history_works_out_on_the_spot(sessions: list[dict], unit: str,
                                                                       today: int) -> None:
    found = summaries(*sessions)
    marks = history.history_marks(found, unit)
    kept = HistoryMarks.from_json(json.loads(json.dumps(marks.to_json())))  # through the file's text
    on = (START + timedelta(days=today)).date()
    assert kept == marks
    assert kept.records == history.record_sessions(found)
    for workout in [*WORKOUTS, "never done"]:
        assert kept.trends(workout, on) == history.workout_trends(workout, found, on, unit)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.toml"
    for day, minis, weight in [(0, [30, 25], 20.0), (2, [33, 27], 20.0), (7, [28, 26, 24], 22.5)]:
        append_session(path, death(day, minis, weight))
    append_session(path, session(8, [reps_set("Raise", 12, weight=20), hold(30)], workout="Calf raise [bw] [/]"))
    return path


def fresh(journal: Path, unit: str = "kg") -> HistoryMarks:
    return history.history_marks(listing(journal).summaries, unit)


def test_marks_are_kept_for_the_journal_as_it_is_and_in_one_unit(journal: Path) -> None:
    assert read_marks(journal, "kg") is None  # none yet
    found, marks = work_out_marks(journal, "kg")
    assert marks == fresh(journal) and [s.id for s in found.summaries] == [s.id for s in listing(journal).summaries]
    assert marks_path(journal).parent == cache_path(journal).parent and marks.records == {"s2-0", "s7-0"}
    assert read_marks(journal, "kg") == marks and marks_match(journal, journal.stat(), "kg")
    assert read_marks(journal, "lb") is None  # the loads of its trends are in kilograms
    append_session(journal, death(9, [50, 40], 25.0))  # another window saved a session: a new record
    assert read_marks(journal, "kg") is None and not marks_match(journal, journal.stat(), "kg")
    assert work_out_marks(journal, "kg")[1].records == {"s2-0", "s7-0", "s9-0"}
    before = journal.read_bytes()
    os.utime(journal)  # touched (an editor that saved nothing new): its change time moved on, so not trusted
    assert read_marks(journal, "kg") is None and journal.read_bytes() == before


def test_marks_are_not_kept_when_the_journal_changes_while_it_is_read(journal: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = indexer.listing

    def and_another_window_saves(path: Path):  # type: ignore[no-untyped-def]
        found = real(path)
        append_session(path, death(9, [50, 40], 25.0))
        return found

    monkeypatch.setattr(indexer, "listing", and_another_window_saves)
    work_out_marks(journal, "kg")
    assert not marks_path(journal).exists() and read_marks(journal, "kg") is None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_spoilt_marks_are_worked_out_again_never_a_traceback(journal: Path, data: st.DataObject) -> None:
    work_out_marks(journal, "kg")
    path, mine = marks_path(journal), journal.read_bytes()
    good = path.read_bytes()
    at = data.draw(st.integers(0, len(good)))
    cut = data.draw(st.integers(0, 40))
    put = data.draw(st.binary(max_size=12) | st.sampled_from([b"null", b"[]", b"{}", b"1e999", b'"x"', b"\n",
                                                              b"true", b"-1", b"[[[[", b"NaN"]))
    path.write_bytes(good[:at] + put + good[at + cut:])
    found = read_marks(journal, "kg")
    assert found is None or isinstance(found, HistoryMarks)
    assert journal.read_bytes() == mine
    assert work_out_marks(journal, "kg")[1] == fresh(journal)  # and worked out again whole
    assert read_marks(journal, "kg") == fresh(journal)


def test_spoilt_marks_of_the_right_shape_but_wrong_types_are_refused() -> None:
    def one(days: object = "", values: object = "", trend: list[object] | None = None) -> dict[str, object]:
        found = trend if trend is not None else ["load", "x", values, "", "", False]
        return {"unit": "kg", "records": [], "workouts": {"W": {"days": days, "trends": [found]}}}

    assert HistoryMarks.from_json(one(packed("i", [739000]), packed("d", [1.5, 2.0]))).workouts["W"].days
    for spoilt in [{"unit": "kg", "records": [1], "workouts": {}},
                   one(days=[739000]),  # numbers as JSON: an older file
                   one(values=[1.0, 2.0]),
                   one(days=packed("i", [0])), one(days=packed("i", [-3, 5])), one(days=packed("i", [5, 10**9])),
                   *[one(values=packed("d", [1.0, v])) for v in (math.inf, -math.inf, math.nan)],
                   one(values="AAAA!"),  # not base64
                   one(values="AAAA"),  # three bytes: not a whole 8-byte number
                   one(days=packed("d", [1.0])[:-4]),
                   one(trend=["load", "x", packed("d", [1.0]), "", ""]),
                   one(trend=["load", "x", packed("d", [1.0]), "", "", "no"]),
                   {"unit": "kg", "records": [], "workouts": []}, [], None]:
        with pytest.raises(ValueError):
            HistoryMarks.from_json(spoilt)


def python_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def test_the_indexer_process_works_the_marks_out(journal: Path) -> None:
    env = python_env(journal.parent)
    subprocess.run([sys.executable, "-m", "calftui.indexer", "--unit", "lb", "--", str(journal)], check=True, env=env)
    assert read_marks(journal, "lb") == fresh(journal, "lb")
    assert read_marks(journal, "kg") is None


def test_marks_worked_out_elsewhere_without_waiting(journal: Path) -> None:
    indexer.mark_elsewhere(journal, "kg")  # not waited for: the picker goes on meanwhile
    deadline = time.monotonic() + 60
    while not marks_match(journal, journal.stat(), "kg") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert read_marks(journal, "kg") == fresh(journal)


def test_a_stale_cache_is_indexed_with_its_marks(journal: Path) -> None:
    append_session(journal, death(9, [50, 40], 25.0))  # the cache and the marks are both behind now
    indexer.index_elsewhere(journal, unit="kg")
    assert read_marks(journal, "kg") == fresh(journal)
    assert "s9-0" in fresh(journal).records


def test_days_strip_counts_each_training_day_once() -> None:
    today = date(2026, 11, 21)  # a Saturday
    days = [today - timedelta(days=d) for d in (0, 1, 5, 6, 7, 13, 49, 55, 56, 400)]  # 49 days back: 3 Oct
    assert history.days_strip(days, today) == [1, 0, 0, 0, 0, 1, 2, 3]  # from Monday 28 Sep, a week a mark


def test_work_nobody_waits_for_yields_the_processor(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []

    class Child:
        def __init__(self, args: list[str], **_: object) -> None:
            started.append(args)

        def wait(self) -> int:
            return 0

    monkeypatch.setattr(indexer.subprocess, "Popen", Child)
    indexer.mark_elsewhere(journal, "kg")  # not waited for
    os.utime(journal)  # the cache is behind now
    indexer.index_elsewhere(journal, unit="lb")  # waited for: history is waiting on it
    assert "--background" in started[0] and "--background" not in started[1]
    assert started[1][-4:] == ["--unit", "lb", "--", str(journal)]
    niced: list[int] = []
    monkeypatch.setattr(indexer.os, "nice", niced.append)
    assert indexer.main(started[0][3:]) == 0 and niced == [indexer.BACKGROUND_NICE]
    assert read_marks(journal, "kg") == fresh(journal)
    assert indexer.main(started[1][3:]) == 0 and niced == [indexer.BACKGROUND_NICE]


def test_after_a_change_one_process_brings_the_cache_then_the_marks(journal: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The picker waits for the cache only; the same process goes on to the marks (one interpreter
    started, not two); with the cache fresh, the marks alone; with both fresh, nothing."""
    real = subprocess.Popen
    started: list[list[str]] = []
    monkeypatch.setattr(indexer.subprocess, "Popen", lambda args, **how: started.append(args) or real(args, **how))

    def marks_in(unit: str) -> None:
        deadline = time.monotonic() + 60
        while not marks_match(journal, journal.stat(), unit) and time.monotonic() < deadline:
            time.sleep(0.05)

    indexer.prepare_elsewhere(journal, "kg")  # no cache and no marks yet
    assert header_matches(cache_path(journal), journal.stat())  # the cache is written when it returns
    marks_in("kg")
    assert len(started) == 1 and "--marks-after" in started[0]
    assert read_marks(journal, "kg") == fresh(journal)
    indexer.prepare_elsewhere(journal, "lb")  # a unit switch: the marks alone, in the background
    marks_in("lb")
    assert len(started) == 2 and "--background" in started[1]
    assert read_marks(journal, "lb") == fresh(journal, "lb")
    indexer.prepare_elsewhere(journal, "lb")
    assert len(started) == 2


def test_the_cache_is_told_before_the_marks_are_worked_out_at_low_priority(journal: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[tuple[str, object]] = []

    class Out(io.StringIO):
        def close(self) -> None:
            events.append(("told", self.getvalue()))
            super().close()

    monkeypatch.setattr(sys, "stdout", Out())
    monkeypatch.setattr(indexer.os, "nice", lambda n: events.append(("nice", n)))
    real = indexer.work_out_marks
    monkeypatch.setattr(indexer, "work_out_marks", lambda path, unit: (
        events.append(("marks", header_matches(cache_path(path), path.stat()))) or real(path, unit)))
    assert indexer.main(["--unit", "kg", "--marks-after", "--", str(journal)]) == 0
    assert events == [("told", "indexed\n"), ("nice", indexer.BACKGROUND_NICE), ("marks", True)]
    assert read_marks(journal, "kg") == fresh(journal)

"""Checkpoints: atomic, restorable exactly, and recoverable after kill -9."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from calftui import checkpoint as cp
from calftui.engine import Engine
from calftui.journal import read_journal
from conftest import REPO, run_cli
from helpers import workout

BODY = '[[exercise]]\nname = "Death"\ntarget = 100\nrest_pause = 10\n'


def test_save_load_restore(isolated_home: Path) -> None:
    w = workout(BODY)
    e = Engine(w, 100.0)
    e.start(100.0)
    for i in range(7):
        e.rep(101.0 + i)
    c = cp.make(e, session_id="s1", started_at=datetime.now().astimezone(), journal=isolated_home / "j.toml")
    cp.save(c)
    path = isolated_home / "data" / "checkpoint.json"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["checkpoint.json"]  # no temporary files left
    loaded = cp.load()
    assert loaded is not None and loaded.counted_reps == 7 and "7 rep(s)" in loaded.describe()
    engine = loaded.restore(now=5.0)
    assert engine.paused and engine.view(5.0).total == 7


def test_partial_save_writes_then_removes(isolated_home: Path) -> None:
    w = workout(BODY)
    e = Engine(w, 0.0)
    for i in range(12):
        e.rep(1.0 + i)
    journal = isolated_home / "journal.toml"
    c = cp.make(e, session_id="s2", started_at=datetime.now().astimezone(), journal=journal)
    cp.save(c)
    cp.save_partial(cp.load())
    [session] = read_journal(journal).sessions
    assert session.status == "partial" and session.total_reps == 12 and session.id == "s2"
    assert cp.load() is None


def test_damaged_checkpoint_is_reported_and_left(isolated_home: Path) -> None:
    path = isolated_home / "data" / "checkpoint.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "engine": ')
    with pytest.raises(cp.CheckpointError, match="left there untouched"):
        cp.load()
    assert path.exists()


SESSION = """
import sys, time, uuid
sys.path.insert(0, {repo!r})
from datetime import datetime
from pathlib import Path
from calftui import checkpoint as cp
from calftui.engine import Engine
from calftui.workout_file import load_workout
w = load_workout(Path({repo!r}) / "workouts" / "death-set.toml")
e = Engine(w, time.monotonic())
started = datetime.now().astimezone()
reps = 0
while True:
    now = time.monotonic()
    v = e.view(now)
    if v.state in ("ready", "resting"):
        e.finish(now) if v.state == "ready" else e.skip(now)
    else:
        e.rep(now)
        reps += 1
        if reps % 13 == 0:
            e.finish(now)
    cp.save(cp.make(e, session_id="k9", started_at=started, journal=Path({journal!r})))
    print(reps, flush=True)
"""


def test_kill_9_mid_session_loses_no_counted_rep(isolated_home: Path) -> None:
    script = isolated_home / "session.py"
    script.write_text(SESSION.format(repo=str(REPO), journal=str(isolated_home / "journal.toml")))
    for stop_after in (1, 17, 40, 90):
        proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
        acknowledged = 0
        assert proc.stdout is not None
        while acknowledged < stop_after:
            acknowledged = int(proc.stdout.readline())
        proc.kill()
        proc.wait()
        loaded = cp.load()
        assert loaded is not None and loaded.counted_reps >= acknowledged
        if stop_after == 40:  # the log lists it as unfinished, with its reps
            result = run_cli("log")
            assert result.returncode == 0 and "unfinished" in result.stdout and str(loaded.counted_reps) in result.stdout
    cp.save_partial(loaded)
    [session] = read_journal(isolated_home / "journal.toml").sessions
    assert session.total_reps == loaded.counted_reps and session.status == "partial"
    assert json.loads(json.dumps(session.id)) == "k9"

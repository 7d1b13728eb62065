"""Checkpoints against a real kill -9: no counted rep is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from calftui.journal import read_journal
from calftui.live import checkpoint as cp

from conftest import REPO, run_cli

SESSION = """
import sys, time
sys.path.insert(0, {repo!r})
from pathlib import Path
from calftui.common.config import Settings
from calftui.live.session import Session
from calftui.workouts.loader import load_workout
w = load_workout(Path({repo!r}) / "workouts" / "death-set.toml")
s = Session.begin(w, journal=Path({journal!r}), settings=Settings(), now=time.monotonic())
reps = 0
while True:
    now = time.monotonic()
    v = s.view(now)
    if v.state in ("ready", "resting"):
        s.send("finish" if v.state == "ready" else "skip", now)
    else:
        s.send("rep", now)
        reps += 1
        if reps % 13 == 0:
            s.send("finish", now)
    print(reps, flush=True)
"""


def test_kill_9_mid_session_loses_no_counted_rep(isolated_home: Path) -> None:
    script = isolated_home / "session.py"
    journal = isolated_home / "journal.toml"
    script.write_text(SESSION.format(repo=str(REPO), journal=str(journal)))
    for stop_after in (1, 17, 40, 90):
        proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                                env={**os.environ})
        acknowledged = 0
        assert proc.stdout is not None
        while acknowledged < stop_after:
            acknowledged = int(proc.stdout.readline())
        proc.kill()
        proc.wait()
        if stop_after == 40:  # the log lists it as unfinished, with its reps
            items, _ = cp.Store().unfinished()
            assert len(items) == 3 and not any(item.live for item in items)
            result = run_cli("log")
            assert result.returncode == 0 and result.stdout.count("unfinished") == 3
            assert all(str(item.checkpoint.counted_reps) in result.stdout for item in items)
    found = cp.Store().offers().offers
    assert len(found) == 4  # one per killed process, none lost to another
    assert all(p.checkpoint.counted_reps >= n for p, n in zip(found, (90, 40, 17, 1), strict=True))
    for pending in found:
        pending.save()
    sessions = read_journal(journal).sessions
    assert sorted(s.total_reps for s in sessions) == sorted(p.checkpoint.counted_reps for p in found)
    assert {s.status for s in sessions} == {"partial"}

"""Sessions another calftui runs now: found by their held lock, whatever they have done so far."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from calftui.live import checkpoint as cp
from calftui.live.engine import Engine

from helpers import workout

HOLD = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


def test_a_session_whose_lock_another_process_holds_is_running(tmp_path: Path) -> None:
    store = cp.Store(tmp_path / "sessions")
    w = workout('[[exercise]]\nname = "Raise"\nreps = 10\n', name="Long calves")
    for session_id in ("live", "gone"):  # neither has counted anything yet
        store.save(cp.make(Engine(w, 0.0), session_id=session_id, started_at=datetime(2026, 11, 20, 18, 2),
                           journal=tmp_path / "journal.toml"))
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store.lock_path("live"))], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert [c.session_id for c in store.running()] == ["live"]
        assert store.running()[0].workout_name == "Long calves"
    finally:
        holder.communicate("")
    assert store.running() == []  # its process is gone: it is no longer running anywhere
    assert store.path("live").exists()  # and looking changed nothing

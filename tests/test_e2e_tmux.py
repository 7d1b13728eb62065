"""calftui in a real terminal (tmux): keys as a lifter presses them, the journal read back.

Skipped where tmux is missing, except in CI (CALFTUI_REQUIRE_TMUX=1), where it must run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from calftui.journal import read_journal
from conftest import REPO

if shutil.which("tmux") is None:
    if os.environ.get("CALFTUI_REQUIRE_TMUX"):
        raise RuntimeError("tmux is required for these tests here (CALFTUI_REQUIRE_TMUX is set)")
    pytest.skip("tmux is not installed (apt-get install tmux)", allow_module_level=True)

SOCKET = f"calftui-test-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


class Terminal:
    def __init__(self, name: str, env: dict[str, str]):
        self.name = name
        self.env = env

    def start(self, *args: str) -> None:
        exports = " ".join(f"{k}={v}" for k, v in self.env.items())
        command = f"env {exports} {sys.executable} -m calftui --no-sound {' '.join(args)}; sleep 600"
        tmux("new-session", "-d", "-s", self.name, "-x", "100", "-y", "32", command)

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def app_pid(self) -> int:
        shell = tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        for _ in range(100):
            for pid in subprocess.run(["pgrep", "-f", "-P", shell, "calftui"], capture_output=True, text=True).stdout.split():
                return int(pid)
            time.sleep(0.05)
        raise AssertionError("no calftui process in the terminal")

    def close(self) -> None:
        tmux("kill-session", "-t", self.name)


@pytest.fixture
def terminal(isolated_home: Path) -> Iterator[Terminal]:
    tmux("new-session", "-d", "-s", "keeper", "sleep 600")  # keeps the test server up between sessions
    env = {"CALFTUI_DATA_DIR": str(isolated_home / "data"), "CALFTUI_CONFIG_DIR": str(isolated_home / "config"),
           "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "HOME": str(isolated_home / "home")}
    term = Terminal("lifter", env)
    yield term
    tmux("kill-server")


WORKOUT = """name = "Quick calves"
[[exercise]]
name = "Standing calf raise"
sets = 2
reps = "5-6"
rest = "2s"
weight = 20

[[exercise]]
name = "Mini death set"
target = 12
rest_pause = "2s"
"""


def test_a_whole_session_in_a_real_terminal(terminal: Terminal, isolated_home: Path) -> None:
    workout = isolated_home / "quick.toml"
    workout.write_text(WORKOUT)
    terminal.start("run", str(workout))
    terminal.wait_for("READY")
    terminal.keys("Enter")
    terminal.wait_for("WORK")
    terminal.keys(*["Space"] * 6)  # a burst
    terminal.wait_for("set 1 of 2")
    time.sleep(0.3)
    terminal.keys("]", "Enter")
    terminal.wait_for("REST")
    terminal.wait_for("READY", timeout=10)  # the 2 s rest runs out by itself
    terminal.keys("Enter")
    for _ in range(5):
        terminal.keys("Space")
        time.sleep(0.1)
    terminal.keys("f")
    terminal.wait_for("REST")
    terminal.keys("Enter")  # skip
    terminal.wait_for("READY")
    terminal.keys("Enter", *["Space"] * 7, "f")
    terminal.wait_for("REST-PAUSE")
    terminal.wait_for("WORK", timeout=10)  # the next mini-set starts by itself
    terminal.keys(*["Space"] * 5)
    screen = terminal.wait_for("completed")
    assert "Saved to" in screen
    [session] = read_journal(isolated_home / "data" / "journal.toml").sessions
    reps = [(s.exercise, s.reps, s.failure, s.weight) for s in session.sets]
    assert reps == [("Standing calf raise", 6, False, 22.5), ("Standing calf raise", 5, True, 22.5),
                    ("Mini death set", 7, True, None), ("Mini death set", 5, False, None)]
    assert session.sets[3].rest_before_s == pytest.approx(2.0, abs=0.01)
    assert len(session.sets[0].rep_at_s) == 6
    assert not (isolated_home / "data" / "checkpoint.json").exists()


def test_kill_9_mid_set_then_recover_every_rep(terminal: Terminal, isolated_home: Path) -> None:
    workout = isolated_home / "quick.toml"
    workout.write_text(WORKOUT)
    terminal.start("run", str(workout))
    terminal.wait_for("READY")
    terminal.keys("Enter", *["Space"] * 4)
    terminal.wait_for("WORK")
    time.sleep(0.5)
    os.kill(terminal.app_pid(), signal.SIGKILL)
    terminal.close()
    terminal.start()
    screen = terminal.wait_for("unfinished session")
    assert "0 set(s) done, 4 rep(s) counted" in screen
    terminal.keys("s")
    terminal.wait_for("Saved as a partial session")
    [session] = read_journal(isolated_home / "data" / "journal.toml").sessions
    assert session.status == "partial" and session.total_reps == 4


def test_picker_keys_in_a_burst_keep_their_order(terminal: Terminal, isolated_home: Path) -> None:
    editor = isolated_home / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf \'\\n[[exercise]]\\nname = "Extra"\\nreps = "20-10"\\n\' >> "$1"\n')
    editor.chmod(0o755)
    terminal.env["EDITOR"] = str(editor)
    terminal.start()
    terminal.wait_for("Soleus focus")
    terminal.keys("/", "h", "e", "e", "l")  # / first: h and e are letters of the filter
    screen = terminal.wait_for("Filter: heel")
    assert "Soleus focus" not in screen and "Single-leg heel-raise test" in screen
    terminal.keys("Escape")
    terminal.wait_for("Soleus focus")
    terminal.keys("Down", "Down", "e")  # arrows and a command letter sent as one burst
    terminal.wait_for("has problems")
    copied = isolated_home / "config" / "workouts"
    assert [p.name for p in copied.iterdir()] == ["stretch-mobility.toml"]  # the third: no key lost or reordered
    assert "stretch-mobility.toml has problems" in terminal.screen()

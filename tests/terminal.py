"""calftui in a real terminal: the one tmux harness of the end-to-end tests, the fault suite and
the benchmarks (``bench/`` puts ``tests/`` on its path to use it).

Each :class:`Server` is a tmux server of its own (a socket named for this process), kept up by
an idle session, so windows can come and go without the server stopping under them. Every
program a :class:`Terminal` runs is followed by ``echo EXIT=$?``, so its exit status is on screen.
"""

from __future__ import annotations

import itertools
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_COUNT = itertools.count()


def environment(home: Path, **extra: str) -> dict[str, str]:
    """calftui's folders in ``home``, this checkout importable, a colour terminal."""
    return {"CALFTUI_DATA_DIR": str(home / "data"), "CALFTUI_CONFIG_DIR": str(home / "config"),
            "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "HOME": str(home / "home"), **extra}


class Server:
    """A private tmux server."""

    def __init__(self, name: str | None = None):
        self.socket = name or f"calftui-{os.getpid()}-{next(_COUNT)}"

    def __call__(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False).stdout

    def __enter__(self) -> Server:
        self("new-session", "-d", "-s", "keeper", "sleep 3600")
        return self

    def __exit__(self, *_: object) -> None:
        self("kill-server")

    def terminal(self, env: dict[str, str], size: tuple[int, int] = (100, 30), name: str | None = None) -> Terminal:
        return Terminal(self, name or f"t{next(_COUNT)}", env, size)


class Terminal:
    """One tmux window running one program. 100x30 by default: the state words (READY, WORK) are
    plain text there; from 100x32 they are drawn large, which ``wait_for`` cannot read."""

    def __init__(self, server: Server, name: str, env: dict[str, str], size: tuple[int, int] = (100, 30)):
        self.server = server
        self.name = name
        self.env = dict(env)
        self.size = size
        self.seen = 0.0
        """When :meth:`wait_for` last saw its text (``time.perf_counter``)."""

    def run(self, command: str) -> None:
        """A shell command in a new window of this name (an old one of the name is closed first)."""
        self.server("kill-session", "-t", self.name)
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        self.server("new-session", "-d", "-s", self.name, "-x", str(self.size[0]), "-y", str(self.size[1]),
                    f"env {exports} {command}; echo EXIT=$?; sleep 3600")

    def start(self, *args: str, sound: bool = False) -> None:
        """``calftui ARGS`` from this checkout (silent unless ``sound``)."""
        quiet = [] if sound else ["--no-sound"]
        self.run(" ".join(shlex.quote(a) for a in [sys.executable, "-m", "calftui", *quiet, *args]))

    def screen(self) -> str:
        return self.server("capture-pane", "-p", "-t", self.name)

    def wait(self, text: str, timeout: float = 20.0, poll: float = 0.03) -> bool:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if text in self.screen():
                self.seen = time.perf_counter()
                return True
            time.sleep(poll)
        return False

    def wait_for(self, text: str, timeout: float = 20.0, poll: float = 0.03) -> str:
        """The screen once ``text`` is on it; fails with the screen when it never comes."""
        if not self.wait(text, timeout, poll):
            raise AssertionError(f"{text!r} never appeared in {self.name}; the screen:\n{self.screen()}")
        return self.screen()

    def keys(self, *keys: str) -> None:
        """Every key in one write, as a burst of taps arrives."""
        self.server("send-keys", "-t", self.name, *keys)

    def type(self, *keys: str, gap: float = 0.12) -> None:
        """One key at a time, as a person types into a form: Textual routes a key to the widget
        focused when it arrives, so a burst carrying Tab would land its later keys in the old field."""
        for key in keys:
            self.keys(key)
            time.sleep(gap)

    def flag(self, name: str) -> str:
        """A pane flag such as ``alternate_on``, ``mouse_any_flag``, ``cursor_flag``: "1" or "0"."""
        return self.server("display-message", "-p", "-t", self.name, f"#{{{name}}}").strip()

    def resize(self, width: int, height: int) -> None:
        self.server("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def pid(self, name: str = "calftui", timeout: float = 5.0) -> int | None:
        """The program's process under the window's shell (looking through ``env`` and wrappers)."""
        shell = self.server("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        end = time.monotonic() + timeout
        while shell and time.monotonic() < end:
            parent = shell
            for _ in range(4):
                children = subprocess.run(["pgrep", "-P", parent], capture_output=True, text=True).stdout.split()
                if not children:
                    break
                for child in children:
                    try:
                        command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                    except OSError:
                        continue
                    if name in command and "sleep" not in command:
                        return int(child)
                parent = children[0]
            time.sleep(0.02)
        return None

    def app_pid(self) -> int:
        pid = self.pid()
        if pid is None:
            raise AssertionError(f"no calftui process in {self.name}")
        return pid

    def close(self) -> None:
        """Close the window: its program gets SIGHUP, as when a terminal is closed."""
        self.server("kill-session", "-t", self.name)

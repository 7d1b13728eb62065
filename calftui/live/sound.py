"""Sound: the terminal bell for countdowns, and spoken cues where the machine can speak.

Never blocks the caller: speech runs in a separate process started from a background
thread, and a new phrase replaces one still being spoken. No speech program, no audio
device or ``--no-sound`` simply means silence.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from calftui.live.engine import Cue

SPEAKERS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("espeak-ng", ("-s", "175", "--stdin"), True),
    ("spd-say", ("-w", "--"), False),
    ("espeak", ("--stdin",), True),
    ("say", (), True),
)
"""(program, its arguments, whether the words go on its standard input). The words are never an
argument it could read as an option ("-f/etc/passwd" would be read aloud): they go on standard
input, or after "--", which ends the options."""


@dataclass(frozen=True)
class Speaker:
    command: tuple[str, ...]
    stdin: bool
    """The words go on standard input; otherwise they are the last argument, after the options end."""

    def argv(self, words: str) -> list[str]:
        return list(self.command) if self.stdin else [*self.command, words]


def find_speaker() -> Speaker | None:
    """The speech program on this machine, or None."""
    for name, args, stdin in SPEAKERS:
        if name == "say" and sys.platform != "darwin":
            continue
        path = shutil.which(name)
        if path:
            return Speaker((path, *args), stdin)
    return None


@dataclass
class Sound:
    """Turns engine cues into a bell and words. ``bell`` is given by the UI (it owns the terminal)."""

    bell: Callable[[], None]
    enabled: bool = True
    speech: bool = True
    bell_on_phase: bool = False
    speaker: Speaker | None = field(default_factory=find_speaker)
    _current: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _closed: bool = field(default=False, repr=False)

    def toggle(self) -> bool:
        self.enabled = not self.enabled
        return self.enabled

    @property
    def speaks(self) -> bool:
        return self.speech and self.speaker is not None

    def play(self, cues: list[Cue]) -> None:
        """Sound for a batch of cues: one bell at most, and only the last thing worth saying. A rep
        counted by the tempo is said ("7"), or rung where the machine cannot speak."""
        if not self.enabled or not cues:
            return
        ring = any(c.kind in ("count", "zero") or (c.kind == "phase" and self.bell_on_phase)
                   or (c.kind == "rep" and not self.speaks) for c in cues)
        words = [w for w in (self.words(c) for c in cues) if w]
        if ring:
            self.bell()
        if words and self.speech:
            self.say(words[-1])

    @staticmethod
    def words(cue: Cue) -> str:
        if cue.kind == "phase":
            return cue.words
        if cue.kind == "go":
            return "Go" if cue.value in (None, "both") else f"Go, {cue.value} side"
        if cue.kind == "rest":
            return "Rest"
        if cue.kind == "switch":
            return f"Switch to the {cue.value} side"
        if cue.kind == "done":
            return "Workout done"
        if cue.kind == "rep":
            return str(cue.value)  # every speech program says a number in its own language
        return ""

    def say(self, text: str) -> None:
        if self.speaker is None:
            return
        threading.Thread(target=self._speak, args=(text,), daemon=True).start()

    def _speak(self, text: str) -> None:
        with self._lock:
            speaker = self.speaker
            if speaker is None or self._closed:
                return
            self._stop_current()
            try:
                self._current = subprocess.Popen(
                    speaker.argv(text),
                    stdin=subprocess.PIPE if speaker.stdin else subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    start_new_session=True,  # its own process group: stopped whole, never holds the terminal
                )
                if speaker.stdin and self._current.stdin is not None:
                    with contextlib.suppress(OSError):
                        self._current.stdin.write(text.encode("utf-8", "replace") + b"\n")
                        self._current.stdin.close()
            except OSError:
                self.speaker = None  # gone or broken: silence from now on

    def _stop_current(self) -> None:
        """Stop what is being said (and anything it started): a new phrase replaces it."""
        current = self._current
        if current is None or current.poll() is not None:
            return
        with contextlib.suppress(OSError):
            os.killpg(current.pid, signal.SIGTERM)
        try:
            current.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(current.pid, signal.SIGKILL)

    def close(self) -> None:
        """calftui is going: nothing it started to say outlives it."""
        with self._lock:
            self._closed = True
            self._stop_current()

"""Sound: the terminal bell for countdowns, and spoken cues where the machine can speak.

Never blocks the caller: speech runs in a separate process started from a background
thread, and a new phrase replaces one still being spoken. No speech program, no audio
device or ``--no-sound`` simply means silence.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from calftui.engine import Cue

SPEAKERS: tuple[tuple[str, list[str]], ...] = (("espeak-ng", ["-s", "175"]), ("spd-say", ["-w"]), ("espeak", []),
                                              ("say", []))


def find_speaker() -> list[str] | None:
    """The speech command on this machine, or None."""
    for name, args in SPEAKERS:
        if name == "say" and sys.platform != "darwin":
            continue
        path = shutil.which(name)
        if path:
            return [path, *args]
    return None


@dataclass
class Sound:
    """Turns engine cues into a bell and words. ``bell`` is given by the UI (it owns the terminal)."""

    bell: Callable[[], None]
    enabled: bool = True
    speech: bool = True
    bell_on_phase: bool = False
    speaker: list[str] | None = field(default_factory=find_speaker)
    _current: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def toggle(self) -> bool:
        self.enabled = not self.enabled
        return self.enabled

    def play(self, cues: list[Cue]) -> None:
        """Sound for a batch of cues: one bell at most, and only the last thing worth saying."""
        if not self.enabled or not cues:
            return
        ring = any(c.kind in ("count", "zero") or (c.kind == "phase" and self.bell_on_phase) for c in cues)
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
        return ""

    def say(self, text: str) -> None:
        if self.speaker is None:
            return
        threading.Thread(target=self._speak, args=(text,), daemon=True).start()

    def _speak(self, text: str) -> None:
        with self._lock:
            if self._current is not None and self._current.poll() is None:
                self._current.terminate()
            try:
                self._current = subprocess.Popen(
                    [*(self.speaker or []), text],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            except OSError:
                self.speaker = None  # gone or broken: silence from now on

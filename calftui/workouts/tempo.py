"""Tempo: four phases down-bottom-up-top, and where in the cycle a moment falls.

``3-1-1-0`` is 3 s lowering, 1 s paused in the stretch, 1 s rising, no hold at the top; the
same tempo as a table with named phases is ``{ down = 3, bottom = 1, up = 1 }`` (a phase left
out is 0 s), which no coach's speaking order can scramble.
``X`` means as fast as possible; it is timed as :data:`EXPLOSIVE_S` so the cue still shows.
A calf raise starts from the top of the rep by default (``starts = "up"``): rise first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PHASES = ("down", "bottom", "up", "top")
DEFAULT_WORDS = {
    "down": "Lower slowly",
    "bottom": "Pause at the bottom",
    "up": "Up onto your toes",
    "top": "Squeeze at the top",
}
EXPLOSIVE_WORDS = {"down": "Drop", "bottom": "Bounce", "up": "Explode up", "top": "Snap"}
SAID = {"down": ("lower", ""), "bottom": ("pause", " at the bottom"), "up": ("rise", ""),
        "top": ("squeeze", " at the top")}
"""How each phase is said: ``lower 3 s``, ``pause 1 s at the bottom``."""
EXPLOSIVE_SAID = {"down": "drop fast", "bottom": "bounce at the bottom", "up": "rise explosively",
                  "top": "snap at the top"}
MAX_PHASE_S = 60.0
"""The longest phase a tempo may have."""
EXPLOSIVE_S = 0.5
"""How long an ``X`` phase lasts on screen: short, but long enough to read."""


@dataclass(frozen=True)
class Tempo:
    """Seconds per phase in down-bottom-up-top order; ``None`` is explosive (``X``)."""

    parts: tuple[float | None, float | None, float | None, float | None]

    @classmethod
    def parse(cls, text: str) -> Tempo:
        pieces = text.strip().split("-")
        if len(pieces) != 4:
            raise ValueError("needs four parts")
        parts: list[float | None] = []
        for piece in pieces:
            piece = piece.strip()
            if piece.upper() == "X":
                parts.append(None)
                continue
            try:
                seconds = float(piece)
            except ValueError:
                raise ValueError(f"part {piece!r} is not a number of seconds or X") from None
            if not math.isfinite(seconds) or seconds < 0 or seconds > MAX_PHASE_S:
                raise ValueError(f"part {piece!r} is out of range")
            parts.append(seconds)
        return cls._whole((parts[0], parts[1], parts[2], parts[3]))

    @classmethod
    def of_phases(cls, phases: dict[str, float | None]) -> Tempo:
        """From named phases (``{"down": 3, "up": 2, "top": 1}``); a phase left out is 0 s, None is
        explosive. The caller has checked every name and number (the loader, with their lines)."""
        parts = [phases.get(p, 0.0) for p in PHASES]
        return cls._whole((parts[0], parts[1], parts[2], parts[3]))

    @classmethod
    def _whole(cls, parts: tuple[float | None, float | None, float | None, float | None]) -> Tempo:
        result = cls(parts)
        if result.cycle == 0:
            raise ValueError("every phase is 0 s")
        return result

    def words(self) -> str:
        """The tempo as a lifter says it, in the notation's order and leaving out 0 s phases:
        ``lower 3 s · rise 2 s · squeeze 1 s at the top``."""
        said = []
        for phase in PHASES:
            value = self.parts[PHASES.index(phase)]
            if value is None:
                said.append(EXPLOSIVE_SAID[phase])
            elif value > 0:
                before, after = SAID[phase]
                said.append(f"{before} {value:g} s{after}")
        return " · ".join(said)

    def seconds(self, phase: str) -> float:
        value = self.parts[PHASES.index(phase)]
        return EXPLOSIVE_S if value is None else value

    def is_explosive(self, phase: str) -> bool:
        return self.parts[PHASES.index(phase)] is None

    @property
    def cycle(self) -> float:
        return sum(self.seconds(p) for p in PHASES)

    def __str__(self) -> str:
        return "-".join("X" if p is None else f"{p:g}" for p in self.parts)


@dataclass(frozen=True)
class PhaseAt:
    """Where a moment falls in the tempo cycle."""

    phase: str
    words: str
    remaining: float
    length: float
    rep: int
    """How many full cycles have passed (the metronome's rep, from 0)."""


class TempoClock:
    """The phase at any elapsed time, and the phase changes between two times.

    The cycle runs from the moment the set starts, like a metronome; the lifter follows it.
    Phases of 0 s are skipped.
    """

    def __init__(self, tempo: Tempo, starts: str = "up", say: dict[str, str] | None = None):
        order = PHASES[2:] + PHASES[:2] if starts == "up" else PHASES
        self.tempo = tempo
        self.steps: list[tuple[str, float]] = [(p, tempo.seconds(p)) for p in order if tempo.seconds(p) > 0]
        self.cycle = sum(length for _, length in self.steps)
        say = say or {}
        self.words = {
            p: say.get(p) or (EXPLOSIVE_WORDS[p] if tempo.is_explosive(p) else DEFAULT_WORDS[p]) for p in PHASES
        }

    def at(self, elapsed: float) -> PhaseAt:
        elapsed = max(0.0, elapsed)
        rep, into = divmod(elapsed, self.cycle)
        start = 0.0
        for phase, length in self.steps:
            if into < start + length:
                return PhaseAt(phase, self.words[phase], start + length - into, length, int(rep))
            start += length
        phase, length = self.steps[-1]  # float rounding at the very end of a cycle
        return PhaseAt(phase, self.words[phase], 0.0, length, int(rep))

    def cycle_ends(self, after: float, upto: float) -> list[float]:
        """The ends of whole cycles in the interval (after, upto], as elapsed times."""
        first = max(1, math.floor(max(0.0, after) / self.cycle) + 1)
        ends = []
        k = first
        while k * self.cycle <= upto:
            if k * self.cycle > after:
                ends.append(k * self.cycle)
            k += 1
        return ends

    def changes(self, after: float, upto: float) -> list[tuple[float, str]]:
        """Phase starts in the interval (after, upto], as (elapsed time, phase)."""
        if upto <= after:
            return []
        out: list[tuple[float, str]] = []
        rep = max(0, math.floor(after / self.cycle))
        while True:
            start = rep * self.cycle
            if start > upto:
                return out
            for phase, length in self.steps:
                if after < start <= upto:
                    out.append((start, phase))
                start += length
            rep += 1

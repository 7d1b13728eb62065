"""The workout as calftui understands it: typed, frozen, already validated.

Built by :mod:`calftui.workout_file` from TOML; nothing here reads files or knows about screens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from calftui.tempo import Tempo

Kind = Literal["reps", "target", "timed"]
KINDS: tuple[Kind, ...] = ("reps", "target", "timed")
Side = Literal["both", "left", "right"]


@dataclass(frozen=True)
class RepGoal:
    """A per-set goal: ``12``, ``12-15`` or as many as possible (``low is None``)."""

    low: int | None
    high: int | None

    @property
    def amrap(self) -> bool:
        return self.low is None

    @property
    def top(self) -> int | None:
        """The number a set is measured against (the journal's ``target_reps``)."""
        return self.high

    def __str__(self) -> str:
        if self.low is None:
            return "AMRAP"
        if self.low == self.high:
            return str(self.low)
        return f"{self.low}-{self.high}"


@dataclass(frozen=True)
class Exercise:
    name: str
    kind: Kind
    sets: int = 1
    reps: RepGoal | None = None
    target: int | None = None
    rest_pause: float = 10.0
    duration: float | None = None
    per_side: bool = False
    rest: float = 60.0
    rest_after: float = 60.0
    tempo: Tempo | None = None
    starts: Literal["up", "down"] = "up"
    say: dict[str, str] = field(default_factory=dict)
    load: str | None = None
    weight: float | None = None
    warmup: bool = False
    cues: tuple[str, ...] = ()
    notes: str | None = None

    @property
    def sides(self) -> tuple[Side, ...]:
        return ("left", "right") if self.per_side else ("both",)

    def goal_text(self) -> str:
        from calftui.durations import human

        if self.kind == "reps" and self.reps is not None:
            return f"{self.reps} reps" if not self.reps.amrap else "AMRAP"
        if self.kind == "target":
            return f"{self.target} total"
        return human(self.duration or 0)

    def summary(self) -> str:
        """``3 x 12-15``, ``100 total, rest-pause 10s``, ``2 x 30s per side``."""
        from calftui.durations import human

        side = " per side" if self.per_side else ""
        if self.kind == "target":
            return f"{self.target} total, rest-pause {human(self.rest_pause)}{side}"
        return f"{self.sets} x {self.goal_text()}{side}"


@dataclass(frozen=True)
class Workout:
    name: str
    exercises: tuple[Exercise, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    schedule: str | None = None
    source: str | None = None
    path: Path | None = None
    text: str = ""
    """The file as it was read, so a checkpoint can rebuild exactly this workout."""

    @property
    def stem(self) -> str:
        return self.path.stem if self.path else self.name

    @property
    def file_name(self) -> str:
        return self.path.name if self.path else ""

    @property
    def kinds(self) -> list[str]:
        """The kinds of work, in order of first appearance: reps, target, timed, per-side, warm-up."""
        seen: list[str] = []
        for ex in self.exercises:
            labels = [ex.kind] + (["per-side"] if ex.per_side else []) + (["warm-up"] if ex.warmup else [])
            seen.extend(label for label in labels if label not in seen)
        return seen

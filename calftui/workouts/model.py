"""The workout as calftui understands it: typed, frozen, already validated.

Built by :mod:`calftui.workouts.loader` from TOML; nothing here reads files or knows about screens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from calftui.workouts.tempo import Tempo

Kind = Literal["reps", "target", "timed"]
KINDS: tuple[Kind, ...] = ("reps", "target", "timed")
Side = Literal["both", "left", "right"]
Count = Literal["taps", "tempo"]
"""How a set's reps are counted: a tap per rep, or every completed tempo cycle by itself."""
COUNTS: tuple[Count, ...] = ("taps", "tempo")


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
    """A timed hold's length; None for ``duration = "max"`` (held as long as the lifter can)."""
    per_side: bool = False
    rest: float = 60.0
    rest_after: float = 60.0
    tempo: Tempo | None = None
    starts: Literal["up", "down"] = "up"
    count: Count = "taps"
    """``tempo``: every completed tempo cycle counts a rep by itself (hands stay off the keyboard)."""
    say: dict[str, str] = field(default_factory=dict)
    load: str | None = None
    weight: float | None = None
    warmup: bool = False
    cues: tuple[str, ...] = ()
    notes: str | None = None
    group: str | None = None
    """A superset / circuit label shared by consecutive exercises (done in rounds)."""
    transition: float = 0.0
    """In a group: the pause before the group's next member."""

    @property
    def sides(self) -> tuple[Side, ...]:
        return ("left", "right") if self.per_side else ("both",)

    @property
    def open_ended(self) -> bool:
        """A hold for as long as the lifter can (``duration = "max"``): it counts up, and ends with a key."""
        return self.kind == "timed" and self.duration is None

    @property
    def counts_down(self) -> bool:
        """A timed hold of a set length: it counts down and ends by itself."""
        return self.kind == "timed" and self.duration is not None

    def goal_text(self) -> str:
        from calftui.common import human

        if self.kind == "reps" and self.reps is not None:
            return f"{self.reps} reps" if not self.reps.amrap else "AMRAP"
        if self.kind == "target":
            return f"{self.target} total"
        return "max hold" if self.duration is None else human(self.duration)

    def summary(self) -> str:
        """``3 x 12-15``, ``100 total, rest-pause 10s``, ``2 x 30s per side``."""
        from calftui.common import human

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

    def members(self, index: int) -> tuple[int, ...]:
        """The exercises of exercise ``index``'s group, in file order (itself alone when in none)."""
        label = self.exercises[index].group
        if label is None:
            return (index,)
        return tuple(i for i, ex in enumerate(self.exercises) if ex.group == label)

    def group_place(self, index: int) -> tuple[str, int, int] | None:
        """For an exercise in a group: the label, its place among the members (1 for the first) and
        the group's number of rounds; None for an exercise on its own."""
        label = self.exercises[index].group
        if label is None:
            return None
        members = self.members(index)
        return label, members.index(index) + 1, max(self.exercises[i].sets for i in members)

    @property
    def kinds(self) -> list[str]:
        """The kinds of work, in order of first appearance: reps, target, timed, per-side, warm-up."""
        seen: list[str] = []
        for ex in self.exercises:
            labels = [ex.kind] + (["per-side"] if ex.per_side else []) + (["warm-up"] if ex.warmup else [])
            labels += (["superset"] if ex.group else []) + (["max hold"] if ex.open_ended else [])
            seen.extend(label for label in labels if label not in seen)
        return seen

"""A workout laid out as the session does it: a :class:`Slot` for every set on every side, in order
(:func:`build_slots`), and what the :class:`Plan` knows about them (what follows what, the
countdown between two, each exercise's tempo clock)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from calftui.live.engine.events import RestKind
from calftui.workouts import Exercise, TempoClock, Workout

SWITCH_S = 5.0
"""Seconds to change sides in a per-side set."""


@dataclass(frozen=True)
class Slot:
    """One set of one exercise on one side; a target exercise has one slot per side."""

    exercise: int
    number: int
    side: str


def build_slots(workout: Workout) -> list[Slot]:
    """Every set in the order it is done: an exercise's sets one after another (each side in
    turn), and a group's in rounds: one set of each member, in file order, per round."""
    slots: list[Slot] = []
    exercises = workout.exercises
    index = 0
    while index < len(exercises):
        members = workout.members(index)  # a target exercise is never in a group, and has one set per side
        for number in range(1, max(exercises[i].sets for i in members) + 1):
            for member in members:
                if number <= exercises[member].sets:
                    slots.extend(Slot(member, number, side) for side in exercises[member].sides)
        index = members[-1] + 1
    return slots


class Plan:
    """A workout's slots and the fixed facts about them; the session's progress is not here."""

    def __init__(self, workout: Workout) -> None:
        self.workout = workout
        self.slots = build_slots(workout)
        self._clocks: dict[int, TempoClock | None] = {}

    def exercise_at(self, index: int) -> Exercise:
        """The exercise of slot ``index`` (past the end: the last slot's)."""
        return self.workout.exercises[self.slots[min(index, len(self.slots) - 1)].exercise]

    def following(self, index: int, passed: Collection[int]) -> int | None:
        """The next slot after ``index`` that is not in ``passed``."""
        return next((i for i in range(index + 1, len(self.slots)) if i not in passed), None)

    def rest_between(self, before: int, after: int) -> tuple[RestKind, float]:
        """The countdown between two slots: a side switch; in a group, the member's transition
        within a round and its rest after the round (it is the round's last); else the rest
        between sets, or the rest before the next exercise."""
        a, b = self.slots[before], self.slots[after]
        ex = self.workout.exercises[a.exercise]
        if a.exercise == b.exercise and a.number == b.number:
            return "switch", SWITCH_S
        if ex.group is not None and self.workout.exercises[b.exercise].group == ex.group:
            return ("transition", ex.transition) if b.number == a.number else ("rest", ex.rest)
        return "rest", ex.rest if a.exercise == b.exercise else ex.rest_after

    def clock(self, exercise: int) -> TempoClock | None:
        """Exercise ``exercise``'s tempo clock (made once), or None when it has no tempo."""
        if exercise not in self._clocks:
            ex = self.workout.exercises[exercise]
            self._clocks[exercise] = TempoClock(ex.tempo, ex.starts, ex.say) if ex.tempo else None
        return self._clocks[exercise]

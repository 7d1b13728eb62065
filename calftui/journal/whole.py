"""What the whole journal says: which sessions set a record, the records standing, and each
workout's exercises over all its sessions. Worked out in one walk through every session's facts in
the order they happened, after each refresh that changed a session (:mod:`calftui.journal.store`
keeps the result), so history, ``stats`` and the summary read them at once.

A record is a like-for-like comparison: the most reps in a set, the heaviest load and the longest
hold of an exercise, and its fastest finished score at one load. A session sets a record when it
beats every session before it; a first value beats nothing, a tie is no record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

WALKED = ("session, workout, name, kind, grp, working_sets, best_reps, top_weight, top_unit, top_kg, hold_s, "
          "left, right, started_ts, pos")
"""The columns of the store's ``exercises`` the walk takes: one session's facts of one exercise (its
session's start and place last: what rows are put in order by, see :func:`in_time`)."""
WALKED_SCORES = ("session, workout, exercise, side, seconds, mini_sets, reps, target, weight, unit, kg, short_rests, "
                 "started_ts, pos")


def in_time(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows whose last two columns are their session's start and place, in the order they happened
    (sorted here: the store's rows are nearly in that order already, and reading them through an
    index would cost twice as much)."""
    return sorted(rows, key=lambda row: (row[-2], row[-1]))


class ScoreRow(NamedTuple):
    """One session's score of one target exercise (see the store's ``scores``)."""

    session: int
    workout: str
    exercise: str
    side: str
    seconds: float
    mini_sets: int
    reps: int
    target: int | None
    weight: float | None
    unit: str | None
    kg: float | None
    short_rests: bool

    @property
    def finished(self) -> bool:
        return self.target is not None and self.reps >= self.target and not self.short_rests

    @property
    def load_class(self) -> float | None:
        return None if self.kg is None else round(self.kg, 1)


class Standing(NamedTuple):
    """A record standing: its value, the load as written (for ``load`` and ``score``), and the session."""

    value: float
    weight: float | None
    unit: str | None
    session: int


@dataclass
class WorkoutExercise:
    """One exercise over every session of one workout."""

    workout: str
    name: str
    kind: str
    group: str | None
    first_ts: float
    working_sets: int = 0
    best_reps: int | None = None
    top: tuple[float, float, str | None] | None = None
    """(kg, weight, unit) of the heaviest working set."""
    hold_s: float | None = None
    balance: tuple[float, float] | None = None
    """The newest session's (left, right), of those where both sides were done."""
    last_score: ScoreRow | None = None
    best_scores: dict[float | None, ScoreRow] = field(default_factory=dict)
    """The fastest finished score at each load (by load class)."""


@dataclass
class Whole:
    marks: set[int] = field(default_factory=set)
    """The sessions (rowids) that set a record when they were done."""
    standing: dict[tuple[str, str, float | None], Standing] = field(default_factory=dict)
    """Per (exercise, measure, load class for a score): the record standing."""
    workouts: dict[tuple[str, str], WorkoutExercise] = field(default_factory=dict)


def walk(exercises: Iterable[tuple[Any, ...]], scores: Iterable[tuple[Any, ...]]) -> Whole:
    """Every exercise's facts (rows of :data:`WALKED`) and every score (of :data:`WALKED_SCORES`),
    each in the order they happened. (Plain tuples: a lifetime of rows is walked in a tenth of a second.)"""
    whole = Whole()
    standing, marks, workouts = whole.standing, whole.marks, whole.workouts

    def claim(key: tuple[str, str, float | None], value: float, higher: bool, session: int,
              weight: float | None = None, unit: str | None = None) -> None:
        old = standing.get(key)
        if old is None or (value > old.value + 1e-9 if higher else value < old.value - 1e-9):
            if old is not None:
                marks.add(session)
            standing[key] = Standing(value, weight, unit, session)

    for session, workout, name, kind, group, working, reps, weight, unit, kg, hold, left, right, started, _ \
            in exercises:
        mine = workouts.get((workout, name))
        if mine is None:
            mine = workouts[(workout, name)] = WorkoutExercise(workout, name, kind, group, started)
        if left is not None and right is not None:
            mine.balance = (left, right)
        if not working:
            continue
        mine.working_sets += working
        if reps is not None:
            mine.best_reps = max(mine.best_reps or 0, reps)
            claim((name, "reps", None), reps, True, session)
        if kg is not None:
            if mine.top is None or kg > mine.top[0] + 1e-9:
                mine.top = (kg, weight, unit)
            claim((name, "load", None), kg, True, session, weight, unit)
        if hold is not None:
            mine.hold_s = max(mine.hold_s or 0.0, hold)
            claim((name, "hold", None), hold, True, session)
    for row in scores:
        sc = ScoreRow._make(row[:12])
        mine = workouts.get((sc.workout, sc.exercise))
        if mine is not None:
            mine.last_score = sc
            best = mine.best_scores.get(sc.load_class)
            if sc.finished and (best is None or sc.seconds < best.seconds - 1e-9):
                mine.best_scores[sc.load_class] = sc
        if sc.finished:
            claim((sc.exercise, "score", sc.load_class), sc.seconds, False, sc.session, sc.weight, sc.unit)
    return whole

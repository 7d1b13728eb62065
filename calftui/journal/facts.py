"""What one session says about each exercise: the one definition of every number read back.

The store keeps these for every session, and every screen and command reads them from there, so
"last time", a side's balance, a best or a score is the same wherever the lifter looks. Skipped
sets and warm-up sets never make a best; only sets done on both sides count for balance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from calftui.common import Load, to_kg
from calftui.journal.entries import LoggedSession, LoggedSet

# A target exercise's score: the time from the start of its first mini-set to the end of its last,
# with the number of mini-sets. One formula for the live engine and the journal.


class Worked(Protocol):
    """A set as far as its score is concerned: what the engine records and what the journal holds."""

    @property
    def duration_s(self) -> float: ...

    @property
    def rest_before_s(self) -> float: ...


def target_seconds(minis: Sequence[Worked]) -> float:
    """The sum of the mini-sets' time working plus the rest taken before every mini-set after the first."""
    return sum(m.duration_s for m in minis) + sum(m.rest_before_s for m in minis[1:])


WEAKER_FROM = 5
"""A side this many percent behind the other is called weaker; less is even."""


class Balance(NamedTuple):
    """Work done on each side of a per-side exercise, over the sets done on both sides: reps, or
    seconds held."""

    left: float
    right: float
    seconds: bool

    @property
    def gap(self) -> int:
        """How far the weaker side is behind the stronger, in percent of the stronger."""
        stronger = max(self.left, self.right)
        return round(100 * (1 - min(self.left, self.right) / stronger)) if stronger else 0

    def verdict(self) -> str:
        """``right 18 % weaker``, or ``even``."""
        if self.gap < WEAKER_FROM:
            return "even"
        return f"{'left' if self.left < self.right else 'right'} {self.gap} % weaker"

    def text(self) -> str:
        """``L 22 · R 18, right 18 % weaker`` (or ``even``)."""
        def amount(value: float) -> str:
            return f"{value:.0f} s" if self.seconds else f"{value:g}"

        return f"L {amount(self.left)} · R {amount(self.right)}, {self.verdict()}"


class Score(NamedTuple):
    """One target exercise's score in one session (per side for a per-side one)."""

    exercise: str
    side: str
    seconds: float
    mini_sets: int
    reps: int
    target: int | None
    load: Load | None
    """The load it was done at (the heaviest mini-set's); None at body weight."""
    short_rests: bool = False
    """A rest-pause was cut short of its countdown: a time, but not one to compare or a record."""

    @property
    def reached(self) -> bool:
        """The total was reached: only such a score is a finished time."""
        return self.target is not None and self.reps >= self.target

    @property
    def finished(self) -> bool:
        """A time that counts: the total reached with every rest-pause taken in full."""
        return self.reached and not self.short_rests

    @property
    def shortfall(self) -> str:
        """Why the time does not count: ``short rests``, ``unfinished``, or empty when it does."""
        return "" if self.finished else "short rests" if self.reached else "unfinished"

    @property
    def kg(self) -> float | None:
        return None if self.load is None else self.load.kg

    @property
    def load_class(self) -> float | None:
        """Scores are compared at the same load: this one's, to a tenth of a kilogram."""
        return load_class(self.kg)


def load_class(kg: float | None) -> float | None:
    """What scores are compared at: a load to a tenth of a kilogram (None: body weight)."""
    return None if kg is None else round(kg, 1)


class ExerciseFacts(NamedTuple):
    """What one session did of one exercise."""

    name: str
    kind: str
    group: str | None
    done: bool
    """At least one of its sets was done (not skipped): a session to call "last time"."""
    working_sets: int
    """Sets done that were not warm-ups: what bests are made of."""
    best_reps: int | None
    top: Load | None
    """The heaviest load of a working set, as written."""
    best_e1rm_kg: float | None
    """The best estimated one-rep max of a loaded working set (Epley: load x (1 + reps / 30))."""
    hold_s: float | None
    """The longest working timed set."""
    reps: int
    """Reps of its working sets, all together."""
    balance: Balance | None
    per_rep_s: float | None
    """Mean seconds per rep of its tapped working sets (never a count the tempo made or a typed one)."""


def e1rm(kg: float, reps: int) -> float:
    """Epley's estimate of a one-rep max from a set of ``reps`` at ``kg``."""
    return kg * (1 + reps / 30) if reps > 1 else kg


def balance(sets: Iterable[LoggedSet]) -> Balance | None:
    """Each side against the other over the working sets done on both sides (set by set number)."""
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    timed = False
    for s in sets:
        if not s.counts or s.side == "both":
            continue
        timed = s.kind == "timed"
        work = s.duration_s if timed else float(s.reps or 0)
        side = left if s.side == "left" else right
        side[s.set] = side.get(s.set, 0.0) + work
    paired = left.keys() & right.keys()
    if not paired:
        return None
    return Balance(sum(left[n] for n in paired), sum(right[n] for n in paired), timed)


def per_rep(sets: Iterable[LoggedSet]) -> float | None:
    """Mean seconds per rep over the taps of these sets (first tap to last, over the reps between)."""
    spans = [(s.rep_at_s[-1] - s.rep_at_s[0], len(s.rep_at_s) - 1) for s in sets if s.tapped and len(s.rep_at_s) >= 2]
    reps = sum(n for _, n in spans)
    return sum(t for t, _ in spans) / reps if reps else None


def heaviest(sets: Iterable[LoggedSet]) -> Load | None:
    """The heaviest load of these sets, as written (the first of equals)."""
    found: Load | None = None
    for s in sets:
        if s.weight is not None and (found is None or to_kg(s.weight, s.unit) > found.kg):
            found = Load(s.weight, s.unit)
    return found


def exercise_facts(name: str, sets: Sequence[LoggedSet]) -> ExerciseFacts:
    """One pass over an exercise's sets (a lifetime of journal is read at first start)."""
    kind = sets[0].kind
    working: list[LoggedSet] = []
    best_reps: int | None = None
    hold: float | None = None
    e1: float | None = None
    reps = 0
    for s in sets:
        if s.warmup or s.skipped:
            continue
        working.append(s)
        reps += s.reps or 0
        if s.kind == "timed":
            hold = s.duration_s if hold is None else max(hold, s.duration_s)
        elif s.reps is not None:
            best_reps = s.reps if best_reps is None else max(best_reps, s.reps)
            if kind == "reps" and s.reps and s.weight is not None:
                estimate = e1rm(to_kg(s.weight, s.unit), s.reps)
                e1 = estimate if e1 is None else max(e1, estimate)
    sided = kind != "target" and any(s.side != "both" for s in sets)
    return ExerciseFacts(
        name=name,
        kind=kind,
        group=sets[0].group,
        done=any(not s.skipped for s in sets),
        working_sets=len(working),
        best_reps=best_reps,
        top=heaviest(working),
        best_e1rm_kg=e1,
        hold_s=hold,
        reps=reps,
        balance=balance(sets) if sided else None,
        per_rep_s=per_rep(working) if kind != "timed" else None,
    )


def scores(sets: Sequence[LoggedSet]) -> list[Score]:
    """Per target exercise (and side) of a session, its score."""
    groups: dict[tuple[str, str], list[LoggedSet]] = {}
    for s in sets:
        if s.kind == "target" and not s.skipped:
            groups.setdefault((s.exercise, s.side), []).append(s)
    out = []
    for (name, side), minis in groups.items():
        out.append(Score(
            exercise=name,
            side=side,
            seconds=target_seconds(minis),
            mini_sets=len(minis),
            reps=sum(m.reps or 0 for m in minis),
            target=max((m.target_reps or 0 for m in minis), default=0) or None,
            load=heaviest(minis),
            short_rests=any(m.short_rest for m in minis[1:]),
        ))
    return out


class SessionFacts(NamedTuple):
    exercises: list[ExerciseFacts]
    """In the order first done."""
    scores: list[Score]
    sets_done: int
    sets_skipped: int


def session_facts(session: LoggedSession) -> SessionFacts:
    by_name: dict[str, list[LoggedSet]] = {}
    skipped, target = 0, False
    for s in session.sets:
        by_name.setdefault(s.exercise, []).append(s)
        skipped += s.skipped
        target = target or s.kind == "target"
    return SessionFacts([exercise_facts(name, sets) for name, sets in by_name.items()],
                        scores(session.sets) if target else [], len(session.sets) - skipped, skipped)


def superset_labels(exercises: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """``A1``, ``A2``… for exercises done in a group, from (name, group) in the order done: each
    member numbered by when it first came in its group."""
    labels: dict[str, str] = {}
    members: dict[str, int] = {}
    for name, group in exercises:
        if group is not None and name not in labels:
            members[group] = members.get(group, 0) + 1
            labels[name] = f"{group}{members[group]}"
    return labels

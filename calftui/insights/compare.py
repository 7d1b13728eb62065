"""A session set against the lifter's past: every exercise against last time and the best, and
each side of a per-side exercise against the other. Plain text, for the summary and ``stats``.

"Last time" is the newest earlier session in which the exercise was done (not skipped), in any
workout; the best is the standing record, a score at the same load. Both come from the journal
through :class:`calftui.journal.Journal`, as every other screen has them.
"""

from __future__ import annotations

from dataclasses import dataclass

from calftui.common import in_unit, mmss
from calftui.insights import history
from calftui.journal import (
    Balance,
    Best,
    Journal,
    JournalError,
    LoggedSession,
    LoggedSet,
    Score,
    load_class,
    point,
    scores,
    session_facts,
    superset_labels,
)


@dataclass(frozen=True)
class Comparison:
    """One exercise of a session against its past."""

    exercise: str
    today: str
    """Every set: ``14 · 13 right, failure @ 22.5 kg``."""
    last: str
    """The last time it was done (empty when never)."""
    best: str
    """The best ever, in any workout (empty when never)."""
    news: tuple[str, ...]
    """``new best``, ``most reps yet``, ``first finished time``, ``short rests``…"""
    balance: Balance | None
    group: str | None = None
    """``A1`` for the first member of superset A."""

    @property
    def label(self) -> str:
        return f"{self.group} {self.exercise}" if self.group else self.exercise


def sets_text(sets: list[LoggedSet], unit: str, *, spelled: bool = False) -> str:
    """One exercise's sets as a line, every load in ``unit`` and with it: ``13 · 13 · 14 @ 22.5 kg``
    when every set done had that load, else each set with its own (``15 · 14 @ 5 kg · 12 @ 5 kg``);
    ``L 30 s · R 28 s``. ``spelled`` writes sides and what happened out: ``7 right, failure``."""
    def load(s: LoggedSet) -> float | None:
        return None if s.weight is None or s.skipped else in_unit(s.weight, s.unit, unit)

    if sets and all(s.skipped and not s.reps for s in sets):
        return f"skipped ({len(sets)} set{'s' if len(sets) != 1 else ''})" if spelled else "skipped"
    loads = {load(s) for s in sets if not s.skipped}
    shared = next(iter(loads)) if len(loads) == 1 else None
    parts = []
    for s in sets:
        amount = f"{s.duration_s:.0f} s" if s.kind == "timed" else "-" if s.reps is None else str(s.reps)
        if s.side != "both":
            amount = f"{amount} {s.side}" if spelled else f"{s.side[0].upper()} {amount}"
        notes = [word for word, on in (("failure", s.failure), ("skipped", s.skipped), ("typed", s.reps_typed),
                                       ("corrected", s.reps_edited), ("by the tempo", s.count == "tempo"))
                 if on and spelled]
        if s.rpe is not None and spelled:
            notes.append(f"RPE {s.rpe:g}")
        text = ", ".join([amount, *notes])
        weight = load(s)
        parts.append(text if shared is not None or weight is None else f"{text} @ {weight:g} {unit}")
    joined = " · ".join(parts)
    return f"{joined} @ {shared:g} {unit}" if shared is not None else joined


def score_text(score: Score, unit: str, *, load: bool = True) -> str:
    """``2:35, 4 mini-sets @ 20 kg (short rests)`` (without the load, when the sets show it)."""
    state = f" ({score.shortfall})" if score.shortfall else ""
    side = "" if score.side == "both" else f"{score.side} "
    at = "" if score.load is None or not load else f" @ {score.load.text(unit)}"
    return f"{side}{mmss(score.seconds)}, {score.mini_sets} mini-set{'s' if score.mini_sets != 1 else ''}{at}{state}"


def _records_text(standing: list[Best], exercise: str, unit: str) -> str:
    mine = history.heaviest_first(b for b in standing if b.exercise == exercise)
    return " · ".join(history.best_amount(b, unit) + (" reps" if b.what == "reps" else "") for b in mine)


NEWS = {"score": "new best time", "reps": "most reps yet", "load": "heaviest yet", "hold": "longest hold yet"}


def compare(session: LoggedSession, last: dict[str, LoggedSession], standing: list[Best],
            unit: str) -> list[Comparison]:
    """Every exercise of ``session`` against the last time each was done (``last``) and the records
    standing before it."""
    won = {(b.exercise, b.what) for b in history.beaten(session, standing)}
    groups = superset_labels((s.exercise, s.group) for s in session.sets)
    facts = session_facts(session)
    out = []
    for exercise in facts.exercises:
        name = exercise.name
        sets = [s for s in session.sets if s.exercise == name]
        mine = [sc for sc in facts.scores if sc.exercise == name]
        before = last.get(name)
        before_sets = [s for s in before.sets if s.exercise == name] if before else []
        if mine:
            today = "; ".join(score_text(sc, unit, load=False) for sc in mine) + \
                f" ({sets_text(sets, unit, spelled=True)})"
            last_text = "; ".join(score_text(sc, unit) for sc in scores(before_sets))
        else:
            today = sets_text(sets, unit, spelled=True)
            last_text = sets_text(before_sets, unit) if before_sets else ""
        news = [text for what, text in NEWS.items() if (name, what) in won]
        for sc in mine:
            at_load = [b for b in standing if b.exercise == name and b.what == "score"
                       and load_class(b.kg) == sc.load_class]
            if sc.finished and not at_load:
                news.append(f"first finished time {history.at_load(sc.load, unit)}")
            if sc.reached and sc.short_rests:
                news.append("short rests: not a record")
        if sets and all(s.warmup for s in sets):
            news.append("warm-up")
        out.append(Comparison(name, today, last_text, _records_text(standing, name, unit), tuple(news),
                              exercise.balance, groups.get(name)))
    return out


def compare_with_journal(journal: Journal, session: LoggedSession, unit: str) -> tuple[list[Comparison],
                                                                                       tuple[Best, ...]]:
    """``session`` (not yet written) against the journal's sessions that started before it; the records
    it sets. Nothing to compare when the journal cannot be read."""
    names = [s.exercise for s in session.sets]
    try:
        last = journal.last_time(names, before=point(session.started_at))
        standing = journal.bests(names, before=point(session.started_at))
    except (JournalError, OSError):
        last, standing = {}, []
    return compare(session, last, standing, unit), tuple(history.beaten(session, standing))

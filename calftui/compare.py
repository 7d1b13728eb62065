"""A session set against the lifter's past: every exercise against last time and the best, and
each side of a per-side exercise against the other. Plain text, for the summary and ``stats``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calftui import history
from calftui.durations import mmss
from calftui.journal import JournalError, LoggedSession, LoggedSet, superset_labels
from calftui.journal_index import Balance, ExerciseBest, Summary, listing
from calftui.scoring import Score
from calftui.units import convert


@dataclass(frozen=True)
class Comparison:
    """One exercise of a session against its past."""

    exercise: str
    today: str
    """Every set: ``14 · 13 right, failure @ 22.5 kg``."""
    last: str
    """The last time this workout did it (empty when never)."""
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
    """One exercise's sets as a line, loads in ``unit``: ``13 · 13 · 14 @ 22.5 kg``, ``L 30 s · R 28 s``;
    loads that differ each keep their unit: ``12 @ 12.5 kg · 11 @ 15 kg``.
    ``spelled`` writes sides and what happened out: ``7 right, failure``."""
    def load(s: LoggedSet) -> float | None:
        return None if s.weight is None else round(convert(s.weight, s.unit, unit), 1)

    def one(s: LoggedSet, shared: bool) -> str:
        amount = f"{s.duration_s:.0f} s" if s.kind == "timed" else "-" if s.reps is None else str(s.reps)
        if s.side != "both":
            amount = f"{amount} {s.side}" if spelled else f"{s.side[0].upper()} {amount}"
        notes = [word for word, on in (("failure", s.failure), ("skipped", s.skipped), ("typed", s.reps_typed))
                 if on and spelled]
        if s.rpe is not None and spelled:
            notes.append(f"RPE {s.rpe:g}")
        text = ", ".join([amount, *notes])
        weight = load(s)
        return text if shared or weight is None else f"{text} @ {weight:g} {unit}"

    if sets and all(s.skipped and not s.reps for s in sets):
        return f"skipped ({len(sets)} set{'s' if len(sets) != 1 else ''})" if spelled else "skipped"
    loads = {load(s) for s in sets if not s.skipped}
    shared = len(loads) == 1
    joined = " · ".join(one(s, shared) for s in sets)
    only = next(iter(loads)) if shared else None
    return f"{joined} @ {only:g} {unit}" if only is not None else joined


def _score_text(score: Score) -> str:
    state = f" ({score.shortfall})" if score.shortfall else ""
    side = "" if score.side == "both" else f"{score.side} "
    return f"{side}{mmss(score.seconds)}, {score.mini_sets} mini-set{'s' if score.mini_sets != 1 else ''}{state}"


def _best_text(best: ExerciseBest, unit: str) -> str:
    if best.kind == "timed":
        return "" if best.hold is None else f"{best.hold:.0f} s"
    parts = [] if best.reps is None else [f"{best.reps} reps"]
    if best.weight is not None:
        parts.append(f"{round(convert(best.weight, best.unit, unit), 1):g} {unit}")
    return " @ ".join(parts)


def _records_text(standing: dict[tuple[str, str], history.Record], exercise: str, unit: str) -> str:
    found = (standing.get((exercise, what)) for what in ("score", "reps", "load", "hold"))
    return " · ".join(record.amount(unit) + (" reps" if record.what == "reps" else "")
                      for record in found if record is not None)


def compare(session: LoggedSession, earlier: list[Summary], unit: str) -> list[Comparison]:
    """Every exercise of ``session`` against ``earlier`` sessions (oldest first, this one not among them)."""
    mine = Summary.of(session, 0)
    standing = history.records(earlier)
    won = {(r.exercise, r.what) for r in history.new_records(mine, earlier)}
    same = [s for s in earlier if s.workout == session.workout]
    groups = superset_labels((s.exercise, s.group) for s in session.sets)
    out = []
    for best in mine.bests:
        sets = [s for s in session.sets if s.exercise == best.name]
        scores = [sc for sc in mine.scores if sc.exercise == best.name]
        before = next((s for s in reversed(same) if any(b.name == best.name for b in s.bests)), None)
        if scores:
            today = "; ".join(_score_text(sc) for sc in scores) + f" ({sets_text(sets, unit, spelled=True)})"
            last = "; ".join(_score_text(sc) for sc in before.scores if sc.exercise == best.name) if before else ""
        else:
            today = sets_text(sets, unit, spelled=True)
            last_best = next((b for b in before.bests if b.name == best.name), None) if before else None
            last = _best_text(last_best, unit) if last_best else ""
        news = [text for (what, text) in (("score", "new best time"), ("reps", "most reps yet"),
                                          ("load", "heaviest yet"), ("hold", "longest hold yet"))
                if (best.name, what) in won]
        if any(sc.finished for sc in scores) and (best.name, "score") not in standing:
            news.append("first finished time")
        if any(sc.reached and sc.short_rests for sc in scores):
            news.append("short rests: not a record")
        if sets and all(s.warmup for s in sets):
            news.append("warm-up")
        out.append(Comparison(best.name, today, last, _records_text(standing, best.name, unit), tuple(news),
                              best.balance, groups.get(best.name)))
    return out


def compare_with_journal(journal: Path, session: LoggedSession, unit: str) -> tuple[list[Comparison],
                                                                                    tuple[history.Record, ...]]:
    """``session`` (not yet written) against the journal's sessions that started before it; the records
    it sets. Nothing to compare when the journal cannot be read."""
    try:
        found = listing(journal)
    except (JournalError, OSError):
        found = None
    earlier = [] if found is None else [s for s in found.summaries if s.id != session.id
                                        and s.started_at.timestamp() <= session.started_at.timestamp()]
    return compare(session, earlier, unit), tuple(history.new_records(Summary.of(session, 0), earlier))

"""What the journal tells the lifter: records, trends, the weekly rhythm and a next step.

Plain Python on what :class:`calftui.journal.Journal` answers: records and trends from each
session's facts, the suggestion and the tempo kept from whole sessions. Warm-up and skipped sets
never count for records or suggestions; loads are shown in the lifter's unit by one rule
(:func:`calftui.common.units.load_text`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from calftui.common import Load, convert, default_step, in_unit, mmss
from calftui.journal import Best, Done, Journal, LoggedSession, LoggedSet, Score, load_class, point, scores
from calftui.workouts import Exercise, Workout

TARGET_FIRST_MINI = 25
"""A death-set load is right when the first mini-set reaches about this many reps."""
WEEKLY_STEP = 0.10
"""About 10 % more a week, at most."""
TREND_SESSIONS = 120
"""History's trends follow a workout's last this many sessions (a sparkline is narrower than that)."""


def day(moment: datetime) -> date:
    return moment.date()


# --- records -----------------------------------------------------------------------------


def best_amount(best: Best, unit: str) -> str:
    """The value alone: ``4:12 @ 20 kg``, ``22``, ``50 lb``, ``45 s``."""
    if best.what == "score":
        return f"{mmss(best.value)} {at_load(best.load, unit)}"
    if best.what == "reps":
        return f"{best.value:g}"
    if best.what == "load" and best.load is not None:
        return best.load.text(unit)
    return f"{best.value:.0f} s"


def at_load(load: Load | None, unit: str) -> str:
    """``@ 20 kg``, or ``at body weight``."""
    return "at body weight" if load is None else f"@ {load.text(unit)}"


def best_text(best: Best, unit: str) -> str:
    """``best score 4:12 @ 20 kg``, ``most reps 22``, ``heaviest 50 lb``, ``longest hold 45 s``."""
    label = {"score": "best score", "reps": "most reps", "load": "heaviest"}.get(best.what, "longest hold")
    return f"{label} {best_amount(best, unit)}"


def heaviest_first(bests: Iterable[Best]) -> list[Best]:
    """Records in the order they are told: per exercise, scores from the heaviest load down, then the rest."""
    order = {"score": 0, "reps": 1, "load": 2, "hold": 3}
    return sorted(bests, key=lambda b: (order[b.what], -(b.kg if b.kg is not None else -1.0)))


def beaten(session: LoggedSession, standing: list[Best]) -> list[Best]:
    """What this session (not yet in the journal) beats of the records ``standing`` before it: a first
    ever value beats nothing, a tie is no record, and a score is compared at its own load."""
    from calftui.journal import session_facts

    by = {(b.exercise, b.what, load_class(b.kg) if b.what == "score" else None): b for b in standing}
    out = []
    facts = session_facts(session)
    for e in facts.exercises:
        if not e.working_sets:
            continue
        for what, value in (("reps", e.best_reps), ("load", None if e.top is None else e.top.kg), ("hold", e.hold_s)):
            old = by.get((e.name, what, None))
            if value is not None and old is not None and value > old.value + 1e-9:
                out.append(Best(e.name, what, value, e.top if what == "load" else None, session.id, session.started_at))
    for sc in facts.scores:
        old = by.get((sc.exercise, "score", sc.load_class))
        if sc.finished and old is not None and sc.seconds < old.value - 1e-9:
            out.append(Best(sc.exercise, "score", sc.seconds, sc.load, session.id, session.started_at))
    return out


# --- trends ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    measure: str
    """``score``, ``mini-sets``, ``best reps``, ``load``, ``hold``, ``side gap %``, ``reps per week``."""
    exercise: str
    values: list[float]
    first: str
    last: str
    lower_is_better: bool = False

    @property
    def label(self) -> str:
        return f"{self.measure} · {self.exercise}" if self.exercise else self.measure


def trends(done: list[Done], scored: list[tuple[datetime, Score]], unit: str = "kg",
           sessions: Iterable[tuple[datetime, int]] = ()) -> list[Trend]:
    """One workout's trends, from its sessions' facts (oldest first): per target exercise its finished
    scores (at the load of the latest) and the load, per reps exercise best reps and load (in
    ``unit``, body weight as 0), per hold the longest, per per-side exercise the gap between the
    sides, and reps per week (of ``sessions``: when each started and its reps, as ``log`` counts them)."""
    out: list[Trend] = []
    kinds: dict[str, str] = {}
    for d in done:
        kinds.setdefault(d.facts.name, d.facts.kind)
    for name, kind in kinds.items():
        facts = [d.facts for d in done if d.facts.name == name and d.facts.working_sets]
        if kind == "target":
            out.extend(_score_trends(name, [sc for _, sc in scored if sc.exercise == name], unit))
        if kind == "timed":
            holds = [f.hold_s for f in facts if f.hold_s is not None]
            if holds:
                out.append(Trend("hold", name, holds, f"{holds[0]:.0f}s", f"{holds[-1]:.0f}s"))
        else:
            if kind == "reps":
                reps = [float(f.best_reps) for f in facts if f.best_reps is not None]
                if reps:
                    out.append(Trend("best reps", name, reps, f"{reps[0]:g}", f"{reps[-1]:g}"))
            loads = [0.0 if f.top is None else in_unit(f.top.weight, f.top.unit, unit) for f in facts]
            if any(loads):
                out.append(Trend("load", name, loads, _load_word(loads[0], unit), _load_word(loads[-1], unit)))
        sides = [f.balance for f in facts if f.balance is not None]
        if sides:
            out.append(Trend("side gap %", name, [float(b.gap) for b in sides], sides[0].verdict(),
                             sides[-1].verdict(), True))
    weeks = weekly_reps(sessions)
    if weeks:
        out.append(Trend("reps per week", "", weeks, f"{weeks[0]:g}", f"{weeks[-1]:g}"))
    return out


def _load_word(value: float, unit: str) -> str:
    return f"{value:g} {unit}" if value else "body weight"


def _score_trends(name: str, found: list[Score], unit: str) -> list[Trend]:
    """The finished scores at the load of the latest: a score is compared at one load."""
    finished = [sc for sc in found if sc.finished]
    if not finished:
        return []
    latest = finished[-1].load_class
    points = [sc for sc in finished if sc.load_class == latest]
    where = at_load(finished[-1].load, unit)
    return [Trend("score", f"{name} {where}", [p.seconds for p in points], mmss(points[0].seconds),
                  mmss(points[-1].seconds), True),
            Trend("mini-sets", f"{name} {where}", [float(p.mini_sets) for p in points], str(points[0].mini_sets),
                  str(points[-1].mini_sets), True)]


@dataclass(frozen=True)
class WorkoutTrends:
    """What history draws under its table for one workout."""

    workout: str
    strip: list[int]
    """Training days in each of the last 8 weeks."""
    trends: list[Trend]


def workout_trends(journal: Journal, workout: str, today: date, unit: str = "kg") -> WorkoutTrends:
    """One workout's 8-week strip and its trends over its last :data:`TREND_SESSIONS` sessions."""
    rows = journal.latest(workout, TREND_SESSIONS)
    since = point(rows[0].started_at) if rows else None
    done = journal.done(workout=workout, since=since)
    scored = [pair for name in dict.fromkeys(d.facts.name for d in done if d.facts.kind == "target")
              for pair in journal.scores(name, workout, since)]
    weeks = [r for r in rows if (today - day(r.started_at)).days <= 8 * 7]  # (the strip: 8 weeks at most)
    return WorkoutTrends(workout, days_strip({day(r.started_at) for r in weeks}, today),
                         trends(done, scored, unit, [(r.started_at, r.total_reps) for r in rows]))


def weekly_reps(days: Iterable[tuple[datetime, int]]) -> list[float]:
    """Total reps per calendar week (Monday first), from the first week to the last, gaps as 0."""
    totals: dict[date, float] = {}
    for started, reps in days:
        monday = day(started) - timedelta(days=started.weekday())
        totals[monday] = totals.get(monday, 0) + reps
    if not totals:
        return []
    first, last = min(totals), max(totals)
    return [totals.get(first + timedelta(weeks=i), 0.0) for i in range((last - first).days // 7 + 1)]


def days_strip(days: Collection[date], today: date, weeks: int = 8) -> list[int]:
    """Training days in each of the last ``weeks`` weeks (oldest first, this week last); a day after
    ``today`` (a session dated in the future) is in none of them."""
    monday = today - timedelta(days=today.weekday())
    out = []
    for i in range(weeks - 1, -1, -1):
        start = monday - timedelta(weeks=i)
        out.append(sum(1 for d in days if start <= d < start + timedelta(days=7) and d <= today))
    return out


def strip_text(counts: list[int]) -> str:
    """``2 3 1 0 2 3 2 1`` as blocks: a week of 2-3 days is the rhythm to keep."""
    return "".join("·" if n == 0 else "▂" if n == 1 else "▅" if n <= 3 else "█" for n in counts)


def rest_notice(days: Collection[date], today: date) -> str | None:
    """A gentle word when calves were trained on consecutive days or more than four times in a week
    (``days``: the days trained, of at least the last week)."""
    done = sorted(d for d in set(days) if d <= today)
    if not done:
        return None
    week = [d for d in done if today - timedelta(days=6) <= d]
    if len(week) > 4:
        return (f"Calves trained on {len(week)} days this week; 2-3 (at most 4) with rest days between is what "
                "makes them grow.")
    if done[-1] == today and today - timedelta(days=1) in done:
        return "Calves trained yesterday and today: a rest day between sessions lets them recover."
    if done[-1] == today - timedelta(days=1) and len(done) > 1 and done[-2] == today - timedelta(days=2):
        return "Calves trained on the last two days in a row: consider a rest day today."
    return None


# --- the tempo kept ----------------------------------------------------------------------


@dataclass(frozen=True)
class TempoKept:
    seconds_per_rep: float | None
    under_tension: float
    prescribed: float | None


def tempo_kept(entry: LoggedSet, exercise: Exercise | None = None) -> TempoKept:
    """Mean seconds per rep from the taps (first tap to last, over the reps between), time
    under tension (the time working), against the cycle the tempo prescribes. A count the tempo
    made, a typed or a corrected one has no taps to measure: no seconds per rep."""
    taps = entry.rep_at_s if entry.tapped else ()
    per_rep = None
    if len(taps) >= 2:
        per_rep = (taps[-1] - taps[0]) / (len(taps) - 1)
    elif len(taps) == 1 and taps[0] > 0:
        per_rep = taps[0]
    prescribed = exercise.tempo.cycle if exercise is not None and exercise.tempo is not None else None
    return TempoKept(per_rep, entry.duration_s, prescribed)


# --- next time ---------------------------------------------------------------------------


def round_step(value: float, step: float) -> float:
    return round(round(value / step) * step, 3)


def floor_step(value: float, step: float) -> float:
    """Down to a whole step: an increase rounded this way stays at about 10 %, never above."""
    return round(math.floor(value / step + 1e-9) * step, 3)


def heavier(load: float, step: float) -> float:
    """About 10 % more, rounded down to the load step, and at least one step."""
    return max(load + step, floor_step(load * (1 + WEEKLY_STEP), step))


@dataclass(frozen=True)
class Suggestion:
    exercise: str
    load: float | None
    unit: str | None
    advice: str
    """What to do besides the load: ``hold 35 s``, ``beat 14 reps``, ``body weight, aim for 15 reps every set``."""
    why: str
    """The reason, naming the exercise: ``Standing calf raise: every working set reached the top of the range (15)``."""

    @property
    def short(self) -> str:
        """What to do, as the ready screen shows it: ``25 kg``, ``20 kg, beat 14 reps``, ``hold 35 s``."""
        load = f"{self.load:g} {self.unit}" if self.load is not None else ""
        return ", ".join(part for part in (load, self.advice) if part)

    @property
    def text(self) -> str:
        """The whole line ``stats`` prints."""
        return f"Next time: {self.short} ({self.why})"



def _working(session: LoggedSession, name: str) -> list[LoggedSet]:
    return [s for s in session.sets if s.exercise == name and s.counts]


def _load_of(sets: list[LoggedSet], unit: str | None = None) -> tuple[float | None, str | None]:
    """The last load of ``sets`` with its unit; in ``unit`` when given (converted, never relabelled)."""
    loaded = [s for s in sets if s.weight is not None]
    if not loaded:
        return None, None
    weight, written = loaded[-1].weight, loaded[-1].unit
    if unit is None or weight is None or (written or "kg") == unit:
        return weight, written
    return convert(weight, written, unit), unit


def _step_for(unit: str | None, step: float | None) -> float:
    return step if step is not None else default_step(unit)


def _capped(new: float, history: list[LoggedSession], name: str, last: LoggedSession, step: float,
            unit: str | None) -> float:
    """Never more than about 10 % above the load of a week before the last session."""
    week_before = [s for s in history if s.started_at <= last.started_at - timedelta(days=6)]
    if not week_before:
        return new
    old, _ = _load_of(_working(week_before[-1], name), unit)
    current, _ = _load_of(_working(last, name), unit)
    if old is None or old <= 0:
        return new
    return max(min(new, heavier(old, step)), current or 0.0)  # never below what was just lifted


def suggest(history: list[LoggedSession], workout: Workout | None = None,
            step: float | None = None, unit: str | None = None) -> list[Suggestion]:
    """A next step per exercise of the last session of this workout (``history`` oldest first). With
    ``unit`` (the lifter's), loads are worked out in it and ``step`` is a step of it; without,
    each in the unit it was written in."""
    if not history:
        return []
    last = history[-1]
    prescribed = {e.name: e for e in workout.exercises} if workout else {}
    out: list[Suggestion] = []
    for name in dict.fromkeys(s.exercise for s in last.sets):
        sets = _working(last, name)
        if not sets:
            continue
        kind = sets[0].kind
        load, load_unit = _load_of(sets, unit)
        unit_step = _step_for(load_unit, step)
        ex = prescribed.get(name)
        if kind == "target":
            out.append(_suggest_target(name, sets, load, load_unit, unit_step, history, last))
        elif kind == "timed":
            longest = max(s.duration_s for s in sets)
            if ex is not None and ex.open_ended:  # a hold for max: the longest wins
                out.append(Suggestion(name, None, None, f"beat {longest:.0f} s", f"{name}: longest hold last time"))
                continue
            goal = max(longest + 5, math.ceil(longest * (1 + WEEKLY_STEP) / 5) * 5)
            out.append(Suggestion(name, None, None, f"hold {goal:.0f} s", f"{name}: last best {longest:.0f} s"))
        else:
            out.append(_suggest_reps(name, sets, load, load_unit, unit_step, ex, history, last))
        converted = load is not None and load != _load_of(sets)[0]
        if converted and out[-1].load is not None:  # 22.046 lb lifted as 10 kg: on the lifter's own steps
            out[-1] = replace(out[-1], load=round_step(out[-1].load or 0.0, unit_step))
    return out


def _suggest_target(name: str, sets: list[LoggedSet], load: float | None, unit: str | None, step: float,
                    history: list[LoggedSession], last: LoggedSession) -> Suggestion:
    first = sets[0].reps or 0
    if load is None or load <= 0:
        score = next((t for t in scores(sets) if t.finished), None)
        beat = f", beat {mmss(score.seconds)}" if score else ""
        if first >= TARGET_FIRST_MINI * 1.4:
            return Suggestion(name, None, None, "add a little load", f"{name}: the first mini-set reached {first} "
                                                                     f"reps{beat}")
        return Suggestion(name, None, None, "body weight", f"{name}: first mini-set {first} reps{beat}")
    if first >= TARGET_FIRST_MINI * 1.3:
        new = _capped(heavier(load, step), history, name, last, step, unit)
        why = f"the first mini-set reached {first} reps, far above about {TARGET_FIRST_MINI}"
    elif first <= TARGET_FIRST_MINI * 0.7:
        new = max(0.0, min(load - step, round_step(load * (1 - WEEKLY_STEP), step)))
        why = f"the first mini-set reached only {first} reps, far below about {TARGET_FIRST_MINI}"
    else:
        new = load
        why = f"the first mini-set reached {first} reps, close to {TARGET_FIRST_MINI}: the load is right"
    return Suggestion(name, new, unit, "", f"{name}: {why}")


def _suggest_reps(name: str, sets: list[LoggedSet], load: float | None, unit: str | None, step: float,
                  ex: Exercise | None, history: list[LoggedSession], last: LoggedSession) -> Suggestion:
    top = max((s.target_reps or 0 for s in sets), default=0) or None
    bottom = ex.reps.low if ex is not None and ex.reps is not None and not ex.reps.amrap else None
    reps = [s.reps or 0 for s in sets]
    if top is None:  # as many as possible: beat the best set
        return Suggestion(name, load, unit, f"{'' if load is not None else 'body weight, '}beat {max(reps)} reps", name)
    all_top = all(r >= top for r in reps)
    below = bottom is not None and any(r < bottom for r in reps)
    if load is None or load <= 0:
        if all_top:
            return Suggestion(name, None, None, f"body weight, {top + 1}-{top + 2} reps a set, or add a little load",
                              f"{name}: every set reached {top}")
        return Suggestion(name, None, None, f"body weight, aim for {top} reps every set",
                          f"{name}: {', '.join(map(str, reps))}")
    if all_top:
        new = _capped(heavier(load, step), history, name, last, step, unit)
        why = f"every working set reached the top of the range ({top})"
    elif below:
        new = max(0.0, min(load - step, round_step(load * (1 - WEEKLY_STEP), step)))
        why = f"a set fell below {bottom} reps"
    else:
        new = load
        why = f"sets of {', '.join(map(str, reps))}: hold the load until every set reaches {top}"
    return Suggestion(name, new, unit, "", f"{name}: {why}")

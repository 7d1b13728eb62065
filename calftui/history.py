"""What the journal tells the lifter: records, trends, the weekly rhythm and a next step.

Plain Python on the journal's own records. Records and trends work on the cached session
summaries (fast on ten years); the suggestion and the tempo kept read whole sessions.
Warm-up sets never count for records or suggestions.
"""

from __future__ import annotations

import base64
import math
import sys
from array import array
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from calftui.durations import mmss
from calftui.journal import LoggedSession, LoggedSet, target_scores
from calftui.journal_index import ExerciseBest, Summary
from calftui.model import Exercise, Workout
from calftui.units import convert, default_step, to_kg

TARGET_FIRST_MINI = 25
"""A death-set load is right when the first mini-set reaches about this many reps."""
WEEKLY_STEP = 0.10
"""About 10 % more a week, at most."""


def day(moment: datetime) -> date:
    return moment.date()


# --- records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    exercise: str
    what: str
    """``score``, ``reps``, ``load`` or ``hold``."""
    value: float
    unit: str
    session_id: str
    when: datetime

    def amount(self, unit: str | None = None) -> str:
        """The value alone: ``4:12``, ``22``, ``22.5 kg`` (a load in ``unit`` when given), ``45 s``."""
        if self.what == "score":
            return mmss(self.value)
        if self.what == "reps":
            return f"{self.value:g}"
        if self.what == "load":
            if unit is None or unit == self.unit:
                return f"{self.value:g} {self.unit}".rstrip()
            return f"{round(convert(self.value, self.unit or None, unit), 1):g} {unit}"
        return f"{self.value:.0f} s"

    def text(self, unit: str | None = None) -> str:
        """``best score 4:12``, ``most reps 22``, ``heaviest 50 lb``, ``longest hold 45 s``."""
        label = {"score": "best score", "reps": "most reps", "load": "heaviest"}.get(self.what, "longest hold")
        return f"{label} {self.amount(unit)}"


def _better(what: str, new: float, old: float) -> bool:
    return new < old - 1e-9 if what == "score" else new > old + 1e-9


def _claims(summary: Summary) -> Iterator[tuple[str, str, float, str]]:
    """(exercise, kind of record, value, unit) for what this one session could claim."""
    for score in summary.scores:
        if score.finished:  # a short rest-pause makes a time, never a record
            yield score.exercise, "score", score.seconds, ""
    for best in summary.bests:
        if best.reps is not None and best.kind != "timed" and best.working_sets:
            yield best.name, "reps", best.reps, ""
        if best.weight is not None:
            yield best.name, "load", best.weight, best.unit or ""
        if best.hold is not None:
            yield best.name, "hold", best.hold, ""


def record_candidates(summary: Summary) -> list[Record]:
    """What this one session could claim, per exercise (warm-up sets are already left out)."""
    return [Record(exercise, what, value, unit, summary.id, summary.started_at)
            for exercise, what, value, unit in _claims(summary)]


def _key(record: Record) -> float:
    return to_kg(record.value, record.unit) if record.what == "load" else record.value


def _walk(summaries: list[Summary]) -> tuple[dict[tuple[str, str], Record], set[str]]:
    """Sessions in time order, keeping the standing record per (exercise, kind of record):
    returns the records at the end and the ids of the sessions that beat one (a first ever
    value stands, but beats nothing). Plain tuples on the way: ten years walk in milliseconds."""
    standing: dict[tuple[str, str], tuple[float, float, str, Summary]] = {}
    beaten: set[str] = set()
    for summary in sorted(summaries, key=lambda s: _ts(s.started_at)):
        for exercise, what, value, unit in _claims(summary):
            compared = to_kg(value, unit) if what == "load" else value
            old = standing.get((exercise, what))
            if old is None or _better(what, compared, old[0]):
                standing[(exercise, what)] = (compared, value, unit, summary)
                if old is not None:
                    beaten.add(summary.id)
    return {(exercise, what): Record(exercise, what, value, unit, s.id, s.started_at)
            for (exercise, what), (_, value, unit, s) in standing.items()}, beaten


def records(summaries: list[Summary]) -> dict[tuple[str, str], Record]:
    """The standing record per (exercise, kind of record); the first to reach a value keeps it."""
    return _walk(summaries)[0]


def new_records(summary: Summary, earlier: list[Summary]) -> list[Record]:
    """Records this session set against everything before it (a first ever value counts only
    when there was something before it to beat, so a first session is not all records)."""
    standing = records(earlier)
    out = []
    for candidate in record_candidates(summary):
        old = standing.get((candidate.exercise, candidate.what))
        if old is not None and _better(candidate.what, _key(candidate), _key(old)):
            out.append(candidate)
    return out


def record_sessions(summaries: list[Summary]) -> set[str]:
    """The ids of the sessions that set a record when they were done (for a mark in history),
    in one pass however long the journal."""
    return _walk(summaries)[1]


def _ts(moment: datetime) -> float:
    return moment.timestamp()


# --- trends ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    measure: str
    """``score``, ``mini-sets``, ``best reps``, ``load``, ``hold``, ``reps per week``."""
    exercise: str
    values: list[float]
    first: str
    last: str
    lower_is_better: bool = False

    @property
    def label(self) -> str:
        return f"{self.measure} · {self.exercise}" if self.exercise else self.measure


def exercise_kinds(summaries: list[Summary]) -> dict[str, str]:
    """Every exercise in these sessions, in the order first done, with its kind."""
    kinds: dict[str, str] = {}
    for summary in summaries:
        for best in summary.bests:
            kinds.setdefault(best.name, best.kind)
    return kinds


def trends(summaries: list[Summary], workout: str, unit: str = "kg") -> list[Trend]:
    """Per workout: the score of each target exercise over time, best reps and heaviest load (in
    ``unit``) of each reps exercise, the gap between the sides of a per-side one, and reps per week."""
    mine = sorted((s for s in summaries if s.workout == workout), key=lambda s: _ts(s.started_at))
    out: list[Trend] = []
    for name, kind in exercise_kinds(mine).items():
        if kind == "target":
            points = [(sc.seconds, sc.mini_sets) for s in mine for sc in s.scores
                      if sc.exercise == name and sc.finished]
            if points:
                out.append(Trend("score", name, [p[0] for p in points], mmss(points[0][0]), mmss(points[-1][0]), True))
                out.append(Trend("mini-sets", name, [float(p[1]) for p in points], str(points[0][1]),
                                 str(points[-1][1]), True))
        bests = [b for s in mine for b in s.bests if b.name == name and b.working_sets]
        if kind == "target":
            out.extend(_load_trend(name, bests, unit))
        elif kind == "timed":
            holds = [b.hold for b in bests if b.hold is not None]
            if holds:
                out.append(Trend("hold", name, holds, f"{holds[0]:.0f}s", f"{holds[-1]:.0f}s"))
        else:
            reps = [float(b.reps) for b in bests if b.reps is not None]
            if reps:
                out.append(Trend("best reps", name, reps, f"{reps[0]:g}", f"{reps[-1]:g}"))
            out.extend(_load_trend(name, bests, unit))
        sides = [balance for b in bests if (balance := b.balance) is not None]
        if sides:
            out.append(Trend("side gap %", name, [float(b.gap) for b in sides], sides[0].verdict(),
                             sides[-1].verdict(), True))
    weeks = weekly_reps(mine)
    if weeks:
        out.append(Trend("reps per week", "", weeks, f"{weeks[0]:g}", f"{weeks[-1]:g}"))
    return out


@dataclass(frozen=True)
class WorkoutTrends:
    """What history draws under its table for one workout."""

    workout: str
    strip: list[int]
    """Training days in each of the last 8 weeks."""
    trends: list[Trend]


def workout_trends(workout: str, summaries: list[Summary], today: date, unit: str = "kg") -> WorkoutTrends:
    mine = [s for s in summaries if s.workout == workout]
    return WorkoutTrends(workout, week_strip(mine, today), trends(mine, workout, unit))


@dataclass(frozen=True)
class WorkoutSeries:
    """One workout's days of training and its trends: its panel under history, for any today."""

    days: tuple[date, ...]
    """Each day it was done, once, oldest first."""
    trends: tuple[Trend, ...]


@dataclass(frozen=True)
class HistoryMarks:
    """What history draws from the whole journal: the sessions that set a record and each
    workout's trends (loads in ``unit``). Worked out once for each version of the journal and kept
    beside its cache (:mod:`calftui.indexer`), so opening history reads this, not every session."""

    unit: str
    records: frozenset[str]
    """The ids of the sessions that set a record when they were done."""
    workouts: dict[str, WorkoutSeries]

    def trends(self, workout: str, today: date) -> WorkoutTrends:
        """What :func:`workout_trends` gives for ``workout`` on ``today``."""
        series = self.workouts.get(workout, WorkoutSeries((), ()))
        return WorkoutTrends(workout, days_strip(series.days, today), list(series.trends))

    def to_json(self) -> dict[str, object]:
        """As JSON, each list of numbers packed (see :func:`packed`): read back in a third of the time."""
        return {"unit": self.unit, "records": sorted(self.records),
                "workouts": {name: {"days": packed("i", [d.toordinal() for d in series.days]),
                                    "trends": [[t.measure, t.exercise, packed("d", t.values), t.first, t.last,
                                                t.lower_is_better] for t in series.trends]}
                             for name, series in self.workouts.items()}}

    @classmethod
    def from_json(cls, data: object) -> HistoryMarks:
        """Back from :meth:`to_json`; ValueError for anything else (a spoilt file is worked out again)."""
        if not isinstance(data, dict) or not isinstance(unit := data.get("unit"), str):
            raise ValueError("not history's marks")
        records, workouts = data.get("records"), data.get("workouts")
        if not isinstance(records, list) or not all(isinstance(r, str) for r in records) \
                or not isinstance(workouts, dict):
            raise ValueError("not history's marks")
        return cls(unit, frozenset(records), {name: _series_of(found) for name, found in workouts.items()})


def _series_of(data: object) -> WorkoutSeries:
    if not isinstance(data, dict) or not isinstance(days := data.get("days"), str) \
            or not isinstance(found := data.get("trends"), list):
        raise ValueError("not a workout's trends")
    out = []
    for trend in found:
        match trend:
            case [str(measure), str(exercise), str(values), str(first), str(last), bool(lower)]:
                numbers = unpacked("d", values)
                if not math.isfinite(sum(numbers)):  # an inf or a NaN makes the sum one (as would a sum past 1e308)
                    raise ValueError("not a finite number")
                out.append(Trend(measure, exercise, numbers.tolist(), first, last, lower))
            case _:
                raise ValueError("not a trend")
    ordinals = unpacked("i", days)
    if ordinals and not 0 < min(ordinals) <= max(ordinals) <= date.max.toordinal():
        raise ValueError("not a day")
    return WorkoutSeries(tuple(map(date.fromordinal, ordinals)), tuple(out))


def packed(code: str, numbers: list[int] | list[float]) -> str:
    """Numbers as the base64 of their machine values, little-endian (``code`` as :mod:`array` has it:
    ``d`` 8-byte floats, ``i`` 4-byte ints): read back without parsing each number's digits."""
    values = array(code, numbers)
    if sys.byteorder == "big":
        values.byteswap()
    return base64.b64encode(values.tobytes()).decode("ascii")


def unpacked(code: str, text: str) -> array[Any]:
    """Back from :func:`packed`; ValueError for anything else."""
    values = array(code)
    values.frombytes(base64.b64decode(text, validate=True))  # (binascii.Error is a ValueError)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def history_marks(summaries: list[Summary], unit: str = "kg") -> HistoryMarks:
    """Every record mark, and every workout's trends in ``unit``, in one pass per workout."""
    by_workout: dict[str, list[Summary]] = {}
    for summary in summaries:
        by_workout.setdefault(summary.workout, []).append(summary)
    return HistoryMarks(unit, frozenset(record_sessions(summaries)),
                        {name: WorkoutSeries(tuple(sorted({day(s.started_at) for s in mine})),
                                             tuple(trends(mine, name, unit)))
                         for name, mine in by_workout.items()})


def _load_trend(name: str, bests: list[ExerciseBest], unit: str) -> list[Trend]:
    loads = [round(convert(b.weight, b.unit, unit), 1) for b in bests if b.weight is not None]
    if not loads:
        return []
    return [Trend("load", name, loads, f"{loads[0]:g} {unit}", f"{loads[-1]:g} {unit}")]


def weekly_reps(summaries: list[Summary]) -> list[float]:
    """Total reps per calendar week (Monday first), from the first week to the last, gaps as 0."""
    if not summaries:
        return []
    totals: dict[date, float] = {}
    for s in summaries:
        monday = day(s.started_at) - timedelta(days=s.started_at.weekday())
        totals[monday] = totals.get(monday, 0) + s.total_reps
    first, last = min(totals), max(totals)
    return [totals.get(first + timedelta(weeks=i), 0.0) for i in range((last - first).days // 7 + 1)]


def week_strip(summaries: list[Summary], today: date, weeks: int = 8) -> list[int]:
    """Training days in each of the last ``weeks`` weeks (oldest first, this week last)."""
    return days_strip({day(s.started_at) for s in summaries}, today, weeks)


def days_strip(days: Collection[date], today: date, weeks: int = 8) -> list[int]:
    """:func:`week_strip` of these training days (each day once)."""
    monday = today - timedelta(days=today.weekday())
    earliest, week = monday - timedelta(weeks=weeks - 1), timedelta(days=7)
    recent = [d for d in days if d >= earliest]  # ten years cost what these weeks do
    out = []
    for i in range(weeks - 1, -1, -1):
        start = monday - timedelta(weeks=i)
        end = start + week
        out.append(sum(1 for d in recent if start <= d < end))
    return out


def strip_text(counts: list[int]) -> str:
    """``2 3 1 0 2 3 2 1`` as blocks: a week of 2-3 days is the rhythm to keep."""
    marks = []
    for n in counts:
        marks.append("·" if n == 0 else "▂" if n == 1 else "▅" if n <= 3 else "█")
    return "".join(marks)


def rest_notice(summaries: list[Summary], today: date) -> str | None:
    """A gentle word when calves were trained on consecutive days or more than four times in a week."""
    days = sorted({day(s.started_at) for s in summaries})
    if not days:
        return None
    week = [d for d in days if today - timedelta(days=6) <= d <= today]
    if len(week) > 4:
        return (f"Calves trained on {len(week)} days this week; 2-3 (at most 4) with rest days between is what "
                "makes them grow.")
    if days[-1] == today and today - timedelta(days=1) in days:
        return "Calves trained yesterday and today: a rest day between sessions lets them recover."
    if days[-1] == today - timedelta(days=1) and len(days) > 1 and days[-2] == today - timedelta(days=2):
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
    under tension (the time working), against the cycle the tempo prescribes. A set counted by
    the tempo has no taps to measure: its cycle ends are the prescribed tempo, not one kept."""
    taps = () if entry.count == "tempo" else entry.rep_at_s
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
        score = next((t for t in target_scores(sets) if t.score().finished), None)
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

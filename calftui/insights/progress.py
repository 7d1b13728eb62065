"""Progress over time: what each chart of an exercise plots, and a year of training at a glance.

Plain Python on what :class:`calftui.journal.Journal` answers (the screens draw it; nothing here
imports Textual). The measure fits the exercise:

- loaded reps: the heaviest load of each session with its estimated one-rep max (Epley, see
  :func:`calftui.journal.e1rm`), and the most reps in a set;
- a target exercise (the death set): the time to the target, one line per load, records starred;
- a timed hold: the longest of each session; a hold for max: every attempt;
- per-side work: left and right, with the gap between them said;
- the tempo kept: mean seconds per rep of the tapped sets, against what the tempo prescribes.

Loads are in the lifter's unit by one rule (:func:`calftui.common.units.in_unit`), records are those
:mod:`calftui.insights.history` tells, and a chart with fewer than two sessions is one plain line instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from calftui.common import in_unit, mmss
from calftui.journal import Done, Journal, LoggedSession, LoggedSet, Score, point, scores, session_facts
from calftui.workouts import Workout

RANGES: tuple[tuple[str, int | None], ...] = (("4 weeks", 28), ("6 months", 182), ("a year", 365), ("all", None))
"""What a chart can show, in days back from today (None: everything)."""

MEASURES = {
    "load": "heaviest load and estimated 1RM",
    "reps": "most reps in a set",
    "time": "time to the target",
    "hold": "longest hold",
    "attempts": "every attempt",
    "sides": "left and right",
    "tempo": "seconds per rep",
}
"""Each measure's name, as a chart's title says it."""

EPLEY = "estimated 1RM (Epley): load × (1 + reps ÷ 30)"


# --- what is gathered for one exercise ----------------------------------------------------


@dataclass
class Exercise:
    """One exercise of one workout, every session of it, as the charts need it."""

    name: str
    kind: str
    done: list[Done] = field(default_factory=list)
    """Each session's facts, oldest first (only sessions with a working set)."""
    scores: list[tuple[datetime, Score]] = field(default_factory=list)
    attempts: list[tuple[datetime, float]] = field(default_factory=list)
    """A hold for max: every working attempt's seconds, with when its session started."""
    open_ended: bool = False
    tempo: float | None = None
    """Seconds a rep the workout's tempo prescribes (one whole cycle), when it prescribes one."""
    tempo_text: str = ""

    @property
    def loaded(self) -> bool:
        return any(d.facts.top is not None for d in self.done)

    def measures(self) -> list[str]:
        """What can be charted of it, the first the one it opens on."""
        out: list[str] = []
        if self.kind == "target":
            out.append("time")
        elif self.kind == "timed":
            out.append("attempts" if self.open_ended else "hold")
        else:
            out += ["load", "reps"] if self.loaded else ["reps"]
        if any(d.facts.balance is not None for d in self.done):
            out.append("sides")
        if self.kind != "timed" and any(d.facts.per_rep_s is not None for d in self.done):
            out.append("tempo")
        return out


def exercises(done: Sequence[Done], scored: Iterable[tuple[datetime, Score]] = (),
              attempts: Iterable[tuple[datetime, LoggedSet]] = ()) -> list[Exercise]:
    """Every exercise in ``done`` (one workout's, oldest first) in the order first done, with its
    scores and, for holds, each attempt (``attempts``: sets with when their session started)."""
    found: dict[str, Exercise] = {}
    for d in done:
        mine = found.setdefault(d.facts.name, Exercise(d.facts.name, d.facts.kind))
        if d.facts.working_sets:
            mine.done.append(d)
    for started, sc in scored:
        if sc.exercise in found:
            found[sc.exercise].scores.append((started, sc))
    for started, s in attempts:
        if s.exercise in found and s.kind == "timed" and s.counts:
            found[s.exercise].attempts.append((started, s.duration_s))
    return list(found.values())


def gather(journal: Journal, workout: str, prescribed: Workout | None = None,
           session: LoggedSession | None = None) -> list[Exercise]:
    """Every exercise of ``workout`` and what its charts need, asked of the journal's store (not for
    the UI thread: a lifetime of sessions is read). ``prescribed``: the workout as its file has it now
    (for holds for max and tempos), when the file is there; ``session``: one not yet in the journal."""
    done = journal.done(workout=workout)
    if session is not None and any(d.session_id == session.id for d in done):
        session = None  # saved meanwhile: the journal has it
    if session is not None:
        done += [Done(-1, session.id, session.workout, session.started_at, facts)
                 for facts in session_facts(session).exercises]
    kinds = {d.facts.name: d.facts.kind for d in done}
    scored = [pair for name, kind in kinds.items() if kind == "target" for pair in journal.scores(name, workout)]
    by_name = {e.name: e for e in prescribed.exercises} if prescribed is not None else {}
    attempts: list[tuple[datetime, LoggedSet]] = []
    open_ended: set[str] = set()
    for name, kind in kinds.items():
        if kind != "timed" or (name in by_name and not by_name[name].open_ended):
            continue
        sets = journal.sets_of(name, workout)
        if session is not None:
            sets += [(session.started_at, s) for s in session.sets if s.exercise == name]
        if name in by_name or all(s.planned_s is None for _, s in sets if s.counts):  # (no file: as the sets say)
            open_ended.add(name)
            attempts += sets
    if session is not None:
        scored += [(session.started_at, sc) for sc in scores(session.sets)]
    attempts.sort(key=lambda pair: point(pair[0]))
    found = exercises(sorted(done, key=lambda d: point(d.started_at)), sorted(scored, key=lambda p: point(p[0])),
                      attempts)
    for ex in found:
        ex.open_ended = ex.name in open_ended
        tempo = by_name[ex.name].tempo if ex.name in by_name else None
        if tempo is not None:
            ex.tempo, ex.tempo_text = tempo.cycle, str(tempo)
    return found


# --- charts ------------------------------------------------------------------------------


Point = tuple[datetime, float]


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[Point, ...]
    dots: bool = False
    """Points only, no line between them (every attempt)."""
    flat: bool = False
    """A level to compare with (the prescribed tempo), drawn across the whole chart."""


@dataclass(frozen=True)
class Chart:
    exercise: str
    measure: str
    range: str
    axis: str
    """What the values are: ``kg`` or ``lb``, ``reps``, ``seconds`` (drawn as m:ss), ``s/rep``."""
    series: tuple[Series, ...]
    stars: tuple[Point, ...] = ()
    """Records: a point that beat every one before it (of the same load, for a time)."""
    notes: tuple[str, ...] = ()
    """Lines under the chart: how a value is worked out, the latest gap between the sides."""
    instead: str = ""
    """Said instead of drawing when there is too little to draw (then ``series`` is empty)."""

    @property
    def title(self) -> str:
        return f"{self.exercise} · {MEASURES[self.measure]} · {self.range}"

    def lines(self) -> int:
        return len(self.series)


def since(today: date, days: int | None) -> datetime | None:
    """The first moment a range shows (None: from the start)."""
    if days is None:
        return None
    return datetime.combine(today - timedelta(days=days - 1), datetime.min.time())


def _in(moment: datetime, start: datetime | None) -> bool:
    return start is None or moment.replace(tzinfo=None) >= start


def chart(ex: Exercise, measure: str, today: date, range_days: int | None = None, unit: str = "kg") -> Chart:
    """One measure of ``ex`` over the range that ends ``today`` (``range_days`` back; None: all).
    Records are told over every session, as history tells them: a star is a point that beat every
    one before it, in the range or not."""
    label = next(name for name, days in RANGES if days == range_days)
    start = since(today, range_days)
    build = {"load": _load, "reps": _reps, "time": _time, "hold": _hold, "attempts": _attempts, "sides": _sides,
             "tempo": _tempo}[measure]
    made = build(ex, start, unit)
    found = Chart(ex.name, measure, label, made.axis, made.series, made.stars, made.notes)
    sessions = len({moment for s in found.series for moment, _ in s.points if not s.flat})
    if sessions >= 2:
        return found
    return Chart(ex.name, measure, label, made.axis, (), notes=made.notes, instead=_too_little(found, sessions))


@dataclass(frozen=True)
class _Made:
    axis: str
    series: tuple[Series, ...]
    stars: tuple[Point, ...] = ()
    notes: tuple[str, ...] = ()


def _too_little(found: Chart, sessions: int) -> str:
    where = "in all the journal" if found.range == "all" else f"in the last {found.range}"
    if sessions == 0:
        return f"No {MEASURES[found.measure]} of {found.exercise} {where} yet."
    (moment, value), *_ = next(s.points for s in found.series if s.points and not s.flat)
    shown = value_text(value, found.axis)
    return (f"One session of {found.exercise} {where} ({shown} on {moment:%Y-%m-%d}): a chart needs two"
            + ("." if found.range == "all" else "; a longer range may have more."))


def value_text(value: float, axis: str) -> str:
    """A value as the chart's axis reads it: ``22.5 kg``, ``14 reps``, ``2:35``, ``2.4 s/rep``."""
    if axis == "seconds":
        return mmss(value)
    if axis == "s/rep":
        return f"{value:.1f} s/rep"
    if axis == "reps":
        return f"{value:g} reps"
    return f"{value:g} {axis}"


def _within(points: Iterable[Point], start: datetime | None) -> tuple[Point, ...]:
    return tuple(p for p in points if _in(p[0], start))


def _load(ex: Exercise, start: datetime | None, unit: str) -> _Made:
    top: list[Point] = []
    estimated: list[Point] = []
    for d in ex.done:
        if d.facts.top is not None:
            top.append((d.started_at, in_unit(d.facts.top.weight, d.facts.top.unit, unit)))
        if d.facts.best_e1rm_kg is not None:
            estimated.append((d.started_at, round(in_unit(d.facts.best_e1rm_kg, "kg", unit), 1)))
    return _Made(unit, (Series("heaviest", _within(top, start)), Series("estimated 1RM", _within(estimated, start))),
                 _records(top, start), (EPLEY, "★ heavier than ever before"))


def _reps(ex: Exercise, start: datetime | None, unit: str) -> _Made:
    best = [(d.started_at, float(d.facts.best_reps)) for d in ex.done if d.facts.best_reps is not None]
    return _Made("reps", (Series("most reps", _within(best, start)),), _records(best, start),
                 ("★ more reps in a set than ever before",))


def _hold(ex: Exercise, start: datetime | None, unit: str) -> _Made:
    held = [(d.started_at, d.facts.hold_s) for d in ex.done if d.facts.hold_s is not None]
    return _Made("seconds", (Series("longest", _within(held, start)),), _records(held, start),
                 ("★ longer than ever before",))


def _attempts(ex: Exercise, start: datetime | None, unit: str) -> _Made:
    longest: dict[datetime, float] = {}
    for moment, seconds in ex.attempts:
        longest[moment] = max(longest.get(moment, 0.0), seconds)
    best = sorted(longest.items())
    return _Made("seconds", (Series("each attempt", _within(ex.attempts, start), dots=True),
                             Series("longest", _within(best, start))),
                 _records(best, start), ("★ longer than ever before",))


def _time(ex: Exercise, start: datetime | None, unit: str) -> _Made:
    """Finished times only (the target reached, every rest-pause taken in full), one line per load
    (and side); a record is a time faster than every earlier one at its load."""
    lines: dict[tuple[float | None, str], list[Point]] = {}
    names: dict[tuple[float | None, str], str] = {}
    stars: list[Point] = []
    fastest: dict[tuple[float | None, str], float] = {}
    left_out = 0
    target = None
    for moment, sc in ex.scores:
        if not sc.finished:
            left_out += _in(moment, start)
            continue
        key = (sc.load_class, sc.side)
        old = fastest.get(key)
        beaten = old is not None and sc.seconds < old - 1e-9
        if old is None or beaten:
            fastest[key] = sc.seconds
        if not _in(moment, start):
            continue
        target = sc.target
        names.setdefault(key, ("body weight" if sc.load is None else sc.load.text(unit))
                         + ("" if sc.side == "both" else f", {sc.side}"))
        lines.setdefault(key, []).append((moment, sc.seconds))
        if beaten:
            stars.append((moment, sc.seconds))
    order = sorted(lines, key=lambda k: (-(k[0] if k[0] is not None else -1.0), k[1]))
    notes = [f"time from the first rep to rep {target}" if target else "time to the target",
             "★ faster than ever before at its load"]
    if left_out:
        notes.append(f"{left_out} unfinished or with a rest-pause cut short: left out")
    return _Made("seconds", tuple(Series(names[k], tuple(lines[k])) for k in order), tuple(stars), tuple(notes))


def _sides(ex: Exercise, start: datetime | None, unit: str) -> _Made:
    paired = [(d.started_at, d.facts.balance) for d in ex.done if d.facts.balance is not None and _in(d.started_at,
                                                                                                       start)]
    left = tuple((moment, b.left) for moment, b in paired)
    right = tuple((moment, b.right) for moment, b in paired)
    timed = any(b.seconds for _, b in paired)
    notes = []
    if paired:
        first, last = paired[0][1], paired[-1][1]
        notes.append(f"latest {last.text()}")
        if len(paired) > 1:
            notes.append(f"gap {first.gap} % → {last.gap} % (sets done on both sides only)")
    return _Made("seconds" if timed else "reps", (Series("left", left), Series("right", right)), (), tuple(notes))


def _tempo(ex: Exercise, start: datetime | None, unit: str) -> _Made:
    kept = _within(((d.started_at, d.facts.per_rep_s) for d in ex.done if d.facts.per_rep_s is not None), start)
    series = [Series("kept", kept)]
    notes = ["mean time between taps; sets counted by the tempo, typed or corrected are left out"]
    if ex.tempo is not None and kept:
        series.append(Series(f"prescribed {ex.tempo_text}", ((kept[0][0], ex.tempo), (kept[-1][0], ex.tempo)),
                             flat=True))
        notes.insert(0, f"the tempo {ex.tempo_text} prescribes {ex.tempo:g} s a rep")
    return _Made("s/rep", tuple(series), (), tuple(notes))


def _records(points: Sequence[Point], start: datetime | None) -> tuple[Point, ...]:
    """The points in the range that beat every one before them (a first value beats nothing, a tie is no record)."""
    out = []
    best: float | None = None
    for moment, value in points:
        if best is not None and value > best + 1e-9 and _in(moment, start):
            out.append((moment, value))
        best = value if best is None else max(best, value)
    return tuple(out)


# --- the axes ----------------------------------------------------------------------------


def day_number(moment: datetime) -> float:
    """Where a moment is on a chart's time axis: days (and their fraction) as written."""
    naive = moment.replace(tzinfo=None)
    return naive.toordinal() + (naive - datetime.combine(naive.date(), datetime.min.time())).total_seconds() / 86400


def nice_step(span: float, most: int, steps: Sequence[float] = (1, 2, 5)) -> float:
    """The smallest step of 1, 2 or 5 times a power of ten that cuts ``span`` into at most ``most`` parts."""
    if span <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(span / max(most, 1)))
    for scale in (1, 10, 100):
        for step in steps:
            if span / (step * power * scale) <= most:
                return step * power * scale
    return power * 1000


def value_limits(values: Iterable[float], zero: bool = False) -> tuple[float, float]:
    """The vertical range drawn: the values' with a little room above and below, on round numbers."""
    found = list(values)
    low, high = (min(found), max(found)) if found else (0.0, 1.0)
    if zero:
        low = min(low, 0.0)
    room = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
    step = nice_step(high - low + 2 * room, 5)
    return max(0.0, math.floor((low - room) / step) * step) if low >= 0 else low - room, \
        math.ceil((high + room) / step) * step


DATE_STEPS = (1, 2, 7, 14, 28, 61, 91, 182, 365, 730)


def date_ticks(first: float, last: float, most: int) -> list[float]:
    """Days to mark on the time axis: at most ``most``, on whole days, a week's or a month's start
    when they are that far apart."""
    span = max(last - first, 1.0)
    step = next((s for s in DATE_STEPS if span / s <= most), DATE_STEPS[-1])
    start = math.ceil(first)
    if step >= 28:
        marks = []
        day = date.fromordinal(start)
        month = date(day.year, day.month, 1) if day.day == 1 else _next_month(day)
        months = max(1, round(step / 30.4))
        while month.toordinal() <= last:
            marks.append(float(month.toordinal()))
            for _ in range(months):
                month = _next_month(month)
        return marks
    if step >= 7:
        start += (7 - date.fromordinal(start).weekday()) % 7  # Mondays
    return [float(d) for d in range(start, math.floor(last) + 1, int(step))]


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def date_label(day: float, months: bool) -> str:
    """``Oct 5``; with ``months`` (marks a month or more apart) ``Oct``, and ``Jan 27`` for a new year."""
    found = date.fromordinal(int(day))
    if not months:
        return f"{found:%b} {found.day}"
    return f"{found:%b %y}" if found.month == 1 else f"{found:%b}"


# --- a year at a glance ------------------------------------------------------------------


WEEKS = 52
LEVELS = 4
"""Shades of a day with work in it: a quarter of the busiest day's work, a half, three quarters, more."""

_SCHEDULE = re.compile(r"\b(?:(\d+)\s*(?:-|–|to)\s*)?(\d+|once|twice)\s+(?:times?\s+)?(?:a|per|each)\s+week\b",
                       re.IGNORECASE)


def weekly_target(schedule: str | None) -> tuple[int, int] | None:
    """Training days a week a workout's ``schedule`` asks for: ``"2-3 times a week"`` is (2, 3);
    None when it names no weekly number (``"every 4-6 weeks"``, ``"after every calf session"``)."""
    found = _SCHEDULE.search(schedule or "")
    if found is None:
        return None
    words = {"once": 1, "twice": 2}
    high = words.get(found.group(2).lower()) or int(found.group(2))
    low = int(found.group(1)) if found.group(1) else high
    return (min(low, high), max(low, high)) if high > 0 else None


@dataclass(frozen=True)
class Year:
    """One workout's last :data:`WEEKS` weeks, a cell a day."""

    workout: str
    monday: date
    """The Monday of the first week shown (this week is the last)."""
    today: date
    work: dict[date, float]
    """Per day trained: the reps done (or the minutes, for a workout of holds)."""
    measure: str
    """``reps`` or ``minutes``."""
    target: tuple[int, int] | None
    schedule: str | None

    @property
    def weeks(self) -> int:
        return (self.today - self.monday).days // 7 + 1

    def level(self, day: date) -> int:
        """0 for a day without work, 1 to :data:`LEVELS` by its share of the busiest day's; -1 after today."""
        if day > self.today:
            return -1
        value = self.work.get(day, 0.0)
        busiest = max(self.work.values(), default=0.0)
        if value <= 0 or busiest <= 0:
            return 0 if day not in self.work else 1
        return max(1, math.ceil(LEVELS * value / busiest))

    def days_in_week(self, week: int) -> int:
        start = self.monday + timedelta(weeks=week)
        return sum(1 for d in self.work if start <= d < start + timedelta(days=7) and d <= self.today)

    def on_target(self, week: int) -> bool:
        return self.target is not None and self.days_in_week(week) >= self.target[0]

    @property
    def streak(self) -> int:
        """Weeks on target in a row up to now (this week counts once it is on target; until then the
        streak runs to last week)."""
        if self.target is None:
            return 0
        count = 0
        week = self.weeks - 1
        if not self.on_target(week):
            week -= 1
        while week >= 0 and self.on_target(week):
            count += 1
            week -= 1
        return count

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "no weekly aim in its schedule"
        low, high = self.target
        days = f"{low}" if low == high else f"{low}-{high}"
        return f"aim {days} days a week"

    @property
    def streak_text(self) -> str:
        if self.target is None:
            return ""
        weeks = self.streak
        return f"on target {weeks} week{'s' if weeks != 1 else ''} running"


def year(workout: str, sessions: Iterable[tuple[datetime, int, float | None]], today: date,
         schedule: str | None) -> Year:
    """The year at a glance of ``workout`` from its sessions: (start, reps, seconds it took)."""
    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    reps: dict[date, float] = {}
    minutes: dict[date, float] = {}
    for started, total, seconds in sessions:
        day = started.date()
        if not monday <= day <= today:
            continue
        reps[day] = reps.get(day, 0.0) + total
        minutes[day] = minutes.get(day, 0.0) + (seconds or 0.0) / 60
    by_reps = any(reps.values()) or not any(minutes.values())
    work = reps if by_reps else minutes
    return Year(workout, monday, today, work, "reps" if by_reps else "minutes", weekly_target(schedule), schedule)

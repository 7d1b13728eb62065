"""A fixed journal with every kind of chart in it, and the workout file it was trained from.

Six sessions of "Calves for charts" over three weeks (the values the unit tests work out by hand):

day  raise (reps @ kg) death (mini-sets @ kg, seconds)        stretch L/R top hold attempts single-leg L/R
0    12, 10 @ 40    40 30 30 @ 20: 100 s + 2 x 10 s = 120 s 30 / 30  40, 35     15 / 12
3    12, 12 @ 40    45 30 25 @ 20: 120 s (a tie)           30 / 28  45         15 / 13
7    10, 9 @ 42.5   35 35 30 @ 22.5: 120 s                 30 / 30  50, 30     16 / 14
10   11 @ 42.5      50 50 @ 20, a rest-pause cut short     29 / 30  42         16 / 15
14   8, 8 @ 45      45 35 20 @ 22.5: 90 s + 20 s = 110 s   30 / 30  55         17 / 16
21   10 @ 45        60 40 @ 20: 100 s + 10 s = 110 s       31 / 30  52, 20     18 / 17

The raise's taps are 2 s apart (days 0-7) and 2.5 s apart (from day 10); the single-leg raise's are
typed on day 14 (no taps to measure). The workout prescribes the raise a tempo of 2-1-1-0 (4 s).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from journal_helpers import TZ, append_session

WORKOUT = "Calves for charts"
START = datetime(2026, 9, 7, 18, 0, tzinfo=TZ)  # a Monday
TODAY = date(2026, 10, 1)
WORKOUT_FILE = f'''name = "{WORKOUT}"
schedule = "2-3 times a week"

[[exercise]]
name = "Standing calf raise"
sets = 2
reps = "8-12"
tempo = "2-1-1-0"
weight = 40

[[exercise]]
name = "Death"
target = 100

[[exercise]]
name = "Wall stretch"
duration = "30s"
per_side = true

[[exercise]]
name = "Top hold"
duration = "max"
sets = 2

[[exercise]]
name = "Single-leg raise"
reps = "amrap"
per_side = true
'''

RAISES = {0: [12, 10], 3: [12, 12], 7: [10, 9], 10: [11], 14: [8, 8], 21: [10]}
RAISE_KG = {0: 40.0, 3: 40.0, 7: 42.5, 10: 42.5, 14: 45.0, 21: 45.0}
DEATH: dict[int, tuple[list[int], float, float, float]] = {  # mini-sets, kg, seconds a rep, rest taken
    0: ([40, 30, 30], 20.0, 1.0, 10.0), 3: ([45, 30, 25], 20.0, 1.0, 10.0), 7: ([35, 35, 30], 22.5, 1.0, 10.0),
    10: ([50, 50], 20.0, 1.0, 5.0), 14: ([45, 35, 20], 22.5, 0.9, 10.0), 21: ([60, 40], 20.0, 1.0, 10.0)}
STRETCH = {0: (30.0, 30.0), 3: (30.0, 28.0), 7: (30.0, 30.0), 10: (29.0, 30.0), 14: (30.0, 30.0), 21: (31.0, 30.0)}
HOLDS = {0: [40.0, 35.0], 3: [45.0], 7: [50.0, 30.0], 10: [42.0], 14: [55.0], 21: [52.0, 20.0]}
SINGLE = {0: (15, 12), 3: (15, 13), 7: (16, 14), 10: (16, 15), 14: (17, 16), 21: (18, 17)}


def _base(exercise: str, kind: str, n: int, **more: Any) -> dict[str, Any]:
    entry = {"exercise": exercise, "kind": kind, "set": n, "side": "both", "duration_s": 20.0, "rest_before_s": 60.0,
             "failure": False, "warmup": False}
    entry.update(more)
    return entry


def chart_session(day: int) -> dict[str, Any]:
    gap = 2.0 if day < 10 else 2.5
    sets = [_base("Standing calf raise", "reps", n, reps=r, target_reps=12, weight=RAISE_KG[day], unit="kg",
                  rep_at_s=[round(gap * (i + 1), 3) for i in range(r)])
            for n, r in enumerate(RAISES[day], 1)]
    minis, kg, per_rep, rest = DEATH[day]
    for n, r in enumerate(minis, 1):
        mini = _base("Death", "target", n, reps=r, target_reps=100, weight=kg, unit="kg", duration_s=r * per_rep,
                     rest_before_s=rest if n > 1 else 0.0, failure=n < len(minis),
                     rep_at_s=[round(per_rep * (i + 1), 3) for i in range(r)])
        if n > 1:
            mini["rest_planned_s"] = 10.0
        sets.append(mini)
    left, right = STRETCH[day]
    sets += [_base("Wall stretch", "timed", 1, side="left", duration_s=left, planned_s=30.0, rest_before_s=10.0),
             _base("Wall stretch", "timed", 1, side="right", duration_s=right, planned_s=30.0, rest_before_s=10.0)]
    sets += [_base("Top hold", "timed", n, duration_s=s) for n, s in enumerate(HOLDS[day], 1)]
    left_reps, right_reps = SINGLE[day]
    for side, r in (("left", left_reps), ("right", right_reps)):
        entry = _base("Single-leg raise", "reps", 1, side=side, reps=r, rep_at_s=[1.5 * (i + 1) for i in range(r)])
        if day == 14:
            entry.update(reps_typed=True, rep_at_s=[])
        sets.append(entry)
    started = START + timedelta(days=day)
    return {"id": f"chart-{day}", "workout": WORKOUT, "workout_file": "calves-for-charts.toml", "started_at": started,
            "ended_at": started + timedelta(minutes=40), "status": "completed", "notes": "", "sets": sets}


def chart_journal(path: Path, days: tuple[int, ...] = tuple(RAISES)) -> Path:
    for day in days:
        append_session(path, chart_session(day))
    return path


def chart_workout(config: Path) -> Path:
    """The workout file, in the user workouts folder of the config folder ``config``."""
    folder = config / "workouts"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "calves-for-charts.toml"
    target.write_text(WORKOUT_FILE, encoding="utf-8")
    return target

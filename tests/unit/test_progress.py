"""Every plotted series against values worked out by hand from the fixture journal
(tests/progress_helpers.py has its table), and the year at a glance."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from calftui.insights import progress
from calftui.journal import Journal
from calftui.workouts.catalog import workout_named

from journal_helpers import TZ, as_session
from progress_helpers import START, TODAY, WORKOUT, chart_journal, chart_session, chart_workout


@pytest.fixture
def found(isolated_home: Path) -> dict[str, progress.Exercise]:
    chart_workout(isolated_home / "config")
    journal = Journal(chart_journal(isolated_home / "journal.toml"))
    return {ex.name: ex for ex in progress.gather(journal, WORKOUT, workout_named(WORKOUT))}


def values(chart: progress.Chart) -> dict[str, list[float]]:
    return {s.label: [round(v, 3) for _, v in s.points] for s in chart.series}


def days(points: tuple[progress.Point, ...]) -> list[int]:
    return [(moment - START).days for moment, _ in points]


def test_each_exercise_gets_the_measures_that_fit_it(found: dict[str, progress.Exercise]) -> None:
    assert list(found) == ["Standing calf raise", "Death", "Wall stretch", "Top hold", "Single-leg raise"]
    assert found["Standing calf raise"].measures() == ["load", "reps", "tempo"]
    assert found["Death"].measures() == ["time", "tempo"]
    assert found["Wall stretch"].measures() == ["hold", "sides"]
    assert found["Top hold"].measures() == ["attempts"]  # duration = "max" in its file
    assert found["Single-leg raise"].measures() == ["reps", "sides", "tempo"]  # body weight: no load chart


def test_loaded_reps_heaviest_and_epley_in_the_lifters_unit(found: dict[str, progress.Exercise]) -> None:
    chart = progress.chart(found["Standing calf raise"], "load", TODAY)
    # e1RM = the best of load x (1 + reps / 30) over the working sets, to a tenth:
    # 40 x 1.4 = 56; 40 x 1.4 = 56; 42.5 x 4/3 = 56.67; 42.5 x 41/30 = 58.08; 45 x 38/30 = 57; 45 x 4/3 = 60
    assert values(chart) == {"heaviest": [40.0, 40.0, 42.5, 42.5, 45.0, 45.0],
                             "estimated 1RM": [56.0, 56.0, 56.7, 58.1, 57.0, 60.0]}
    assert days(chart.stars) == [7, 14] and [v for _, v in chart.stars] == [42.5, 45.0]  # heavier than ever
    assert progress.EPLEY in chart.notes and "Epley" in progress.EPLEY
    pounds = progress.chart(found["Standing calf raise"], "load", TODAY, unit="lb")
    # 40 kg = 88.2 lb, 42.5 kg = 93.7 lb, 45 kg = 99.2 lb; 56 kg = 123.5 lb, 60 kg = 132.3 lb
    assert values(pounds)["heaviest"] == [88.2, 88.2, 93.7, 93.7, 99.2, 99.2]
    assert values(pounds)["estimated 1RM"][0] == 123.5 and values(pounds)["estimated 1RM"][-1] == 132.3
    assert pounds.axis == "lb"


def test_most_reps_in_a_set(found: dict[str, progress.Exercise]) -> None:
    chart = progress.chart(found["Standing calf raise"], "reps", TODAY)
    assert values(chart) == {"most reps": [12, 12, 10, 11, 8, 10]}
    assert chart.stars == ()  # the first 12 was never beaten; a tie is no record
    single = progress.chart(found["Single-leg raise"], "reps", TODAY)
    assert values(single) == {"most reps": [15, 15, 16, 16, 17, 18]}
    assert days(single.stars) == [7, 14, 21]


def test_the_death_set_one_line_per_load_records_starred(found: dict[str, progress.Exercise]) -> None:
    chart = progress.chart(found["Death"], "time", TODAY)
    # seconds = every mini-set's time + the rests between: 100 + 20 = 120, and day 14: 90 + 20 = 110,
    # day 21: 100 + 10 = 110; day 10's rest-pause was cut short (5 s of 10): left out
    assert values(chart) == {"22.5 kg": [120.0, 110.0], "20 kg": [120.0, 120.0, 110.0]}
    assert days(chart.series[0].points) == [7, 14] and days(chart.series[1].points) == [0, 3, 21]
    assert days(chart.stars) == [14, 21]  # each faster than every earlier time at its own load
    assert chart.axis == "seconds" and any("1 unfinished" in note for note in chart.notes)


def test_holds_the_longest_and_every_attempt_of_a_hold_for_max(found: dict[str, progress.Exercise]) -> None:
    held = progress.chart(found["Wall stretch"], "hold", TODAY)
    assert values(held) == {"longest": [30, 30, 30, 30, 30, 31]} and days(held.stars) == [21]
    attempts = progress.chart(found["Top hold"], "attempts", TODAY)
    assert values(attempts) == {"each attempt": [40, 35, 45, 50, 30, 42, 55, 52, 20],
                                "longest": [40, 45, 50, 42, 55, 52]}
    assert attempts.series[0].dots and days(attempts.stars) == [3, 7, 14]


def test_each_side_and_the_gap_said(found: dict[str, progress.Exercise]) -> None:
    chart = progress.chart(found["Single-leg raise"], "sides", TODAY)
    assert values(chart) == {"left": [15, 15, 16, 16, 17, 18], "right": [12, 13, 14, 15, 16, 17]}
    # gap = 1 - weaker / stronger: 1 - 12/15 = 20 %, then 1 - 17/18 = 5.6 %, rounded to 6 %
    assert chart.notes == ("latest L 18 · R 17, right 6 % weaker", "gap 20 % → 6 % (sets done on both sides only)")
    stretch = progress.chart(found["Wall stretch"], "sides", TODAY)
    assert values(stretch) == {"left": [30, 30, 30, 29, 30, 31], "right": [30, 28, 30, 30, 30, 30]}
    assert stretch.axis == "seconds"


def test_tempo_kept_from_taps_only_against_the_prescribed(found: dict[str, progress.Exercise]) -> None:
    chart = progress.chart(found["Standing calf raise"], "tempo", TODAY)
    # taps 2 s apart until day 10, 2.5 s from then; 2-1-1-0 prescribes 4 s a rep
    assert values(chart) == {"kept": [2.0, 2.0, 2.0, 2.5, 2.5, 2.5], "prescribed 2-1-1-0": [4.0, 4.0]}
    assert chart.series[1].flat and "the tempo 2-1-1-0 prescribes 4 s a rep" in chart.notes
    single = progress.chart(found["Single-leg raise"], "tempo", TODAY)
    assert days(single.series[0].points) == [0, 3, 7, 10, 21]  # day 14 was typed: no taps to measure


def test_ranges_and_one_plain_line_when_there_is_too_little(found: dict[str, progress.Exercise]) -> None:
    raise_ = found["Standing calf raise"]
    four_weeks = progress.chart(raise_, "load", TODAY, 28)  # from Sep 4: every session
    assert len(four_weeks.series[0].points) == 6
    later = TODAY + timedelta(days=25)  # from Sep 29 on: nothing; from Oct 8 back 28 days: days 21 on
    assert progress.chart(raise_, "load", later, 28).instead == ("No heaviest load and estimated 1RM of Standing "
                                                                "calf raise in the last 4 weeks yet.")
    one = progress.chart(raise_, "load", TODAY + timedelta(days=20), 28)  # from Sep 24: day 21 alone
    assert one.series == () and one.instead.startswith("One session of Standing calf raise in the last 4 weeks "
                                                       "(45 kg on 2026-09-28): a chart needs two")
    assert len(progress.chart(raise_, "load", TODAY + timedelta(days=20), 182).series[0].points) == 6
    stars = progress.chart(raise_, "load", TODAY + timedelta(days=11), 28).stars  # from Sep 15: day 7 before it
    assert days(stars) == [14]


def test_a_session_not_yet_in_the_journal_is_charted_with_the_others(isolated_home: Path) -> None:
    chart_workout(isolated_home / "config")
    journal = Journal(chart_journal(isolated_home / "journal.toml", days=(0, 3)))
    today = as_session(dict(chart_session(7), id="today"))
    found = {ex.name: ex for ex in progress.gather(journal, WORKOUT, workout_named(WORKOUT), today)}
    assert values(progress.chart(found["Top hold"], "attempts", TODAY))["each attempt"] == [40, 35, 45, 50, 30]
    assert values(progress.chart(found["Death"], "time", TODAY)) == {"22.5 kg": [120.0], "20 kg": [120.0, 120.0]}
    assert values(progress.chart(found["Standing calf raise"], "load", TODAY))["heaviest"] == [40, 40, 42.5]


@pytest.mark.parametrize(("schedule", "target"), [
    ("2-3 times a week", (2, 3)), ("2-3 times a week (at most 4), rest days between", (2, 3)),
    ("Before running, or 2-3 times a week", (2, 3)), ("twice a week", (2, 2)), ("3 times per week", (3, 3)),
    ("Every 4-6 weeks, fresh", None), ("After every calf session, or on rest days", None), (None, None),
])
def test_the_weekly_aim_is_read_from_the_schedule(schedule: str | None, target: tuple[int, int] | None) -> None:
    assert progress.weekly_target(schedule) == target


def test_a_year_at_a_glance() -> None:
    today = date(2026, 10, 1)  # a Thursday
    at = [datetime(2026, 9, 28, 18, tzinfo=TZ), datetime(2026, 9, 30, 18, tzinfo=TZ),  # this week: 2 days
          datetime(2026, 9, 21, 18, tzinfo=TZ), datetime(2026, 9, 23, 18, tzinfo=TZ),
          datetime(2026, 9, 23, 20, tzinfo=TZ),  # last week: 2 days (3 sessions)
          datetime(2026, 9, 14, 18, tzinfo=TZ),  # the week before: 1 day, below the aim
          datetime(2026, 9, 7, 18, tzinfo=TZ), datetime(2026, 9, 9, 18, tzinfo=TZ),
          datetime(2025, 9, 1, 18, tzinfo=TZ)]  # more than 52 weeks ago: not shown
    reps = [100, 50, 100, 25, 25, 200, 100, 100, 999]
    year = progress.year("Calves", [(a, r, 600.0) for a, r in zip(at, reps, strict=True)], today, "2-3 times a week")
    assert year.monday == date(2025, 10, 6) and year.weeks == 52 and year.monday.weekday() == 0
    assert year.measure == "reps" and year.work[date(2026, 9, 23)] == 50 and date(2025, 9, 1) not in year.work
    # the busiest day had 200 reps: 100 is two quarters, 50 one, 25 one (at least one), 200 four
    assert [year.level(d) for d in (date(2026, 9, 28), date(2026, 9, 30), date(2026, 9, 23), date(2026, 9, 14),
                                    date(2026, 9, 29), date(2026, 10, 2))] == [2, 1, 1, 4, 0, -1]
    assert [year.days_in_week(w) for w in range(48, 52)] == [2, 1, 2, 2]
    assert year.streak == 2 and year.streak_text == "on target 2 weeks running"
    assert year.target_text == "aim 2-3 days a week"
    thursday = progress.year("Calves", [(a, r, 600.0) for a, r in zip(at[2:], reps[2:], strict=True)], today,
                             "2-3 times a week")
    assert thursday.streak == 1  # this week is not on target yet: the streak runs to last week
    holds = progress.year("Stretch", [(at[0], 0, 900.0)], today, "After every calf session")
    assert holds.measure == "minutes" and holds.work == {date(2026, 9, 28): 15.0}
    assert holds.target is None and holds.streak_text == "" and holds.target_text == "no weekly aim in its schedule"


def test_the_time_axis_marks_round_days() -> None:
    first, last = float(date(2026, 9, 4).toordinal()), float(date(2026, 10, 2).toordinal())
    marks = progress.date_ticks(first, last, 7)
    assert [date.fromordinal(int(m)).weekday() for m in marks] == [0, 0, 0, 0]  # every Monday
    assert progress.date_label(marks[0], False) == "Sep 7"
    year = progress.date_ticks(float(date(2025, 10, 2).toordinal()), last, 7)
    assert all(date.fromordinal(int(m)).day == 1 for m in year)
    assert [progress.date_label(m, True) for m in year][:4] == ["Nov", "Jan 26", "Mar", "May"]
    assert progress.date_label(float(date(2027, 1, 1).toordinal()), True) == "Jan 27"

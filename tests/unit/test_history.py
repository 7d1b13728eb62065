"""Records, trends, the weekly rhythm, suggestions and the tempo kept, on hand-built journals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from calftui.insights import history
from calftui.journal import Best, Journal, point
from calftui.workouts.loader import parse_workout

from journal_helpers import START, as_session, death, hold, logged, reps_set, session, write_journal


def journal_of(tmp_path: Path, *tables: dict) -> Journal:  # type: ignore[type-arg]
    return Journal(write_journal(tmp_path / "journal.toml", *tables))


def starred(journal: Journal, count: int) -> list:  # type: ignore[type-arg]
    """The newest ``count`` sessions that set a record when they were done."""
    rows = journal.newest(count)
    marked = journal.marks(r.key for r in rows)
    return [r for r in rows if r.key in marked]


def bests(journal: Journal) -> dict[tuple[str, str, float | None], Best]:
    return {(b.exercise, b.what, b.kg if b.what == "score" else None): b for b in journal.bests()}


# --- records ---------------------------------------------------------------------------------


def test_records_ignore_warmups_and_unfinished_targets(tmp_path: Path) -> None:
    got = bests(journal_of(
        tmp_path,
        session(0, [reps_set("Raise", 30, warmup=True, weight=80), reps_set("Raise", 14, weight=40), hold(25)]),
        session(2, [reps_set("Raise", 15, weight=35), hold(31, "right")]),
        death(4, [40, 35, 25]),                # reached 100: 3 mini-sets, 90 s + 20 s of rest
        death(6, [60, 30], status="partial"),  # 90 reps: never a best score
    ))
    assert got[("Raise", "reps", None)].value == 15 and got[("Raise", "load", None)].value == 40
    assert got[("Stretch", "hold", None)].value == 31
    assert got[("Death", "score", 20.0)].value == pytest.approx(3 * 30 + 2 * 10)
    assert got[("Death", "reps", None)].value == 60  # most reps in one set counts partial sessions


def test_heaviest_load_compares_across_units_and_is_shown_in_the_lifters(tmp_path: Path) -> None:
    got = bests(journal_of(tmp_path, session(0, [reps_set("Raise", 10, weight=40)]),
                           session(2, [reps_set("Raise", 10, weight=90, unit="lb")])))
    heaviest = got[("Raise", "load", None)]
    assert heaviest.value == pytest.approx(90 / 2.20462262) and heaviest.session_id == "s2-0"  # 40.8 kg beats 40 kg
    assert history.best_text(heaviest, "lb") == "heaviest 90 lb"
    assert history.best_text(heaviest, "kg") == "heaviest 40.8 kg"


def test_a_score_is_a_record_only_against_scores_at_its_own_load(tmp_path: Path) -> None:
    loaded, bare, again = death(0, [40, 35, 25], weight=20), death(2, [50, 50], weight=None), \
        death(4, [50, 50], weight=None)  # 1:50 at 20 kg; then 1:10 at body weight, twice
    journal = journal_of(tmp_path, loaded, bare, again)
    got = bests(journal)
    assert got[("Death", "score", 20.0)].value == pytest.approx(110)
    bare_best = got[("Death", "score", None)]
    assert bare_best.value == pytest.approx(70) and bare_best.session_id == "s2-0"
    # body weight's 1:10 is no record over 1:50 at 20 kg (a first time at a load beats nothing), only its 50 reps are
    before = journal.bests(before=point(as_session(bare).started_at))
    assert [b.what for b in history.beaten(as_session(bare), before)] == ["reps"]
    assert {r.id for r in starred(journal, 3)} == {"s2-0"}  # and 1:10 again is a tie: no record
    texts = [history.best_text(b, "kg") for b in history.heaviest_first(journal.bests())]
    assert texts[:2] == ["best score 1:50 @ 20 kg", "best score 1:10 at body weight"]


def test_records_this_session_sets_against_earlier_sessions_only(tmp_path: Path) -> None:
    first, second, third = death(0, [40, 35, 25]), death(2, [45, 35, 20]), death(4, [30, 30, 30, 10])
    journal = journal_of(tmp_path, first, second, third)
    assert history.beaten(as_session(first), journal.bests(before=point(as_session(first).started_at))) == []
    beaten = history.beaten(as_session(second), journal.bests(before=point(as_session(second).started_at)))
    assert {b.what for b in beaten} == {"reps"}  # 45 in a set; the same score (3 x 30 s + 20 s) is no new best
    assert history.beaten(as_session(third), journal.bests(before=point(as_session(third).started_at))) == []
    assert {r.id for r in starred(journal, 10)} == {"s2-0"}


def test_record_marks_agree_with_records_one_by_one(tmp_path: Path) -> None:
    tables = [death(0, [40, 35, 25]), death(2, [45, 35, 20]), death(4, [30, 30, 30, 10]),
              death(6, [50, 50], weight=25), session(8, [reps_set("Raise", 12, weight=20)]),
              session(9, [reps_set("Raise", 14, weight=20)]), death(11, [50, 50], weight=22.5),
              death(13, [50, 50], weight=25, status="partial")]
    journal = journal_of(tmp_path, *tables)
    one_by_one = {t["id"] for t in tables
                  if history.beaten(as_session(t), journal.bests(before=point(as_session(t).started_at)))}
    assert {r.id for r in starred(journal, 20)} == one_by_one == {"s2-0", "s6-0", "s9-0"}


# --- trends and rhythm -----------------------------------------------------------------------


def test_trends_per_workout(tmp_path: Path) -> None:
    journal = journal_of(tmp_path, death(0, [40, 35, 25]), session(1, [reps_set("Raise", 12, weight=20)]),
                         death(7, [50, 50], weight=22.5), death(9, [60, 40]), death(11, [20, 20], status="partial"),
                         death(12, [70, 30]))
    found = history.workout_trends(journal, "Calves", (START + timedelta(days=12)).date())
    got = {t.label: t for t in found.trends}
    score = got["score · Death @ 20 kg"]  # the load most of its scores were done at: one load, like for like
    assert score.values == [110.0, 70.0, 70.0] and score.lower_is_better
    assert (score.first, score.last) == ("1:50", "1:10")
    assert got["mini-sets · Death @ 20 kg"].values == [3.0, 2.0, 2.0]
    assert got["load · Death"].values == [20.0, 22.5, 20.0, 20.0, 20.0]
    assert got["best reps · Raise"].values == [12.0]
    assert got["reps per week"].values == [112.0, 340.0]
    assert found.strip == [0, 0, 0, 0, 0, 0, 2, 4]


def test_a_load_trend_shows_body_weight_as_it_was(tmp_path: Path) -> None:
    journal = journal_of(tmp_path, death(0, [50, 50], weight=20), death(2, [50, 50], weight=None),
                         death(4, [60, 40], weight=None))
    got = {t.label: t for t in history.workout_trends(journal, "Calves", START.date()).trends}
    load = got["load · Death"]
    assert load.values == [20.0, 0.0, 0.0] and (load.first, load.last) == ("20 kg", "body weight")


def test_weekly_reps_fill_gaps() -> None:
    days = [(START, 100), (START + timedelta(days=21), 100)]
    assert history.weekly_reps(days) == [100.0, 0.0, 0.0, 100.0]


def test_week_strip_counts_training_days_and_never_the_future() -> None:
    days = {(START + timedelta(days=d)).date() for d in (0, 0, 2, 8, 49, 51, 53, 400)}
    today = (START + timedelta(days=52)).date()
    counts = history.days_strip(days, today)
    assert counts == [2, 1, 0, 0, 0, 0, 0, 2] and history.strip_text(counts) == "▅▂·····▅"


@pytest.mark.parametrize("days, today, words", [
    ([0, 1], 1, "yesterday and today"),
    ([0, 2, 3], 4, "two days in a row"),
    ([0, 1, 2, 3, 4], 4, "5 days this week"),
    ([0, 2, 4], 5, None),
    ([0, 2, 5, 6, 7, 8], 4, None),  # sessions dated in the future are no days trained
])
def test_rest_notice(days: list[int], today: int, words: str | None) -> None:
    notice = history.rest_notice({(START + timedelta(days=d)).date() for d in days},
                                 (START + timedelta(days=today)).date())
    assert (notice is None) if words is None else (notice is not None and words in notice)


# --- suggestions -----------------------------------------------------------------------------


def test_death_set_load_follows_the_first_mini_set() -> None:
    heavy = history.suggest(logged(death(0, [40, 35, 25])))[0]
    assert (heavy.load, heavy.unit) == (22.5, "kg") and heavy.text.startswith("Next time: 22.5 kg")
    right = history.suggest(logged(death(0, [26, 30, 24, 20])))[0]
    assert right.load == 20.0 and "the load is right" in right.text
    light = history.suggest(logged(death(0, [12, 10, 10, 10, 10, 10, 10, 10, 8])))[0]
    assert light.load == 17.5


def test_death_set_never_more_than_about_ten_percent_a_week() -> None:
    # 40 kg a week before; 44 kg last time with a first mini-set of 45: still capped at 44
    got = history.suggest(logged(death(0, [30, 30, 40], weight=40.0), death(7, [45, 30, 25], weight=44.0)))[0]
    assert got.load == 44.0


def test_death_set_in_pounds_steps_by_five() -> None:
    got = history.suggest(logged(death(0, [40, 30, 30], weight=45.0, unit="lb")))[0]
    assert (got.load, got.unit) == (50.0, "lb") and got.text.startswith("Next time: 50 lb")


def test_body_weight_death_set_suggests_reps_not_load() -> None:
    got = history.suggest(logged(death(0, [30, 30, 40], weight=None)))[0]
    assert got.load is None and got.text.startswith("Next time: body weight") and "beat 1:50" in got.text


RANGE = parse_workout('name = "Calves"\n[[exercise]]\nname = "Raise"\nsets = 3\nreps = "12-15"\n', "c.toml")


def test_reps_range_all_at_the_top_adds_about_ten_percent() -> None:
    last = session(0, [reps_set("Raise", 15, weight=30, n=i) for i in (1, 2, 3)]
                   + [reps_set("Raise", 10, weight=10, warmup=True)])
    got = history.suggest(logged(last), RANGE)[0]
    assert got.load == 32.5 and "every working set reached the top" in got.text


def test_reps_range_below_the_bottom_lightens_and_between_holds() -> None:
    below = history.suggest(logged(session(0, [reps_set("Raise", r, weight=30) for r in (13, 11, 9)])), RANGE)[0]
    assert below.load == 27.5 and "below 12" in below.text
    between = history.suggest(logged(session(0, [reps_set("Raise", r, weight=30) for r in (15, 14, 13)])), RANGE)[0]
    assert between.load == 30 and "hold the load" in between.text


def test_body_weight_reps_and_holds_get_reps_and_seconds() -> None:
    got = history.suggest(logged(session(0, [reps_set("Raise", 15, n=i) for i in (1, 2)]
                                            + [hold(30), hold(28, "right")])))
    raise_, stretch = got
    assert raise_.load is None and raise_.text.startswith("Next time: body weight, 16-17 reps")
    assert stretch.text.startswith("Next time: hold 35 s")


def test_per_side_and_partial_sessions() -> None:
    sets = [reps_set("Single-leg raise", 15, weight=10, side=side, n=1) for side in ("left", "right")]
    got = history.suggest(logged(session(0, sets, status="partial")))[0]
    assert got.load == 12.5


def test_last_loads_are_the_defaults() -> None:
    w = parse_workout('name = "Calves"\n[[exercise]]\nname = "Raise"\nreps = 10\nweight = 20\n'
                      '[[exercise]]\nname = "Death"\ntarget = 100\n[[exercise]]\nname = "New"\nreps = 5\n', "c.toml")
    from calftui.insights.plan import plan_from

    got = plan_from(logged(session(0, [reps_set("Raise", 10, weight=25)]), death(2, [50, 50], weight=30)), w, "kg", 2.5)
    assert got.loads == {0: 25.0, 1: 30.0}


# --- the tempo kept --------------------------------------------------------------------------


def test_tempo_kept_against_prescribed() -> None:
    w = parse_workout('name = "T"\n[[exercise]]\nname = "Raise"\nreps = 10\ntempo = "3-1-1-0"\n', "t.toml")
    [entry] = logged(session(0, [reps_set("Raise", 6)]))[0].sets
    kept = history.tempo_kept(entry, w.exercises[0])
    assert kept.seconds_per_rep == pytest.approx(2.0) and kept.prescribed == 5 and kept.under_tension == 12


# --- stats on the command line ---------------------------------------------------------------

"""What the lifter sees of the past before and after a workout: last time, the loads to start from,
the ramp-up, each exercise against last time and the best, each side against the other; every
load in the lifter's unit, never relabelled; skipped sets and short rests never make a best."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.insights import history
from calftui.insights.compare import Comparison, compare_with_journal, sets_text
from calftui.insights.plan import plan, plan_from
from calftui.journal import Balance, Journal, session_facts
from calftui.workouts.loader import parse_workout

from journal_helpers import append_session, as_session, death, hold, logged, mini, reps_set, session, write_journal

CALVES = parse_workout('name = "Calves"\n[[exercise]]\nname = "Ramp"\nsets = 3\nreps = 10\nwarmup = true\n'
                       '[[exercise]]\nname = "Raise"\nsets = 3\nreps = "12-15"\nweight = 30\n'
                       '[[exercise]]\nname = "Stretch"\nduration = "30s"\nper_side = true\n', "calves.toml")


def raises(day: int, reps: list[int], weight: float = 40.0, unit: str = "kg", **extra: object) -> dict:  # type: ignore[type-arg]
    return session(day, [reps_set("Raise", r, weight=weight, unit=unit, n=i + 1) for i, r in enumerate(reps)], **extra)


def compared(tmp_path: Path, today: dict, *earlier: dict, unit: str = "kg") -> list[Comparison]:  # type: ignore[type-arg]
    """``today`` (not yet written) against a journal of ``earlier`` sessions."""
    journal = Journal(write_journal(tmp_path / "journal.toml", *earlier))
    return compare_with_journal(journal, as_session(today), unit)[0]


# --- last time, before the set ---------------------------------------------------------------


def test_last_time_lists_every_set_with_its_load() -> None:
    got = plan_from(logged(raises(0, [12, 12, 11]), raises(3, [13, 13, 14], weight=22.5)), CALVES, "kg", 2.5)
    assert got.last["Raise"].text == "13 · 13 · 14 @ 22.5 kg"
    assert got.last["Raise"].when.day == 8


def test_last_time_spells_sides_and_mixed_loads() -> None:
    sets = [reps_set("Raise", 12, weight=20, side="left", n=1), reps_set("Raise", 10, weight=20, side="right", n=1),
            reps_set("Raise", 8, weight=25, n=2)]
    assert sets_text(logged(session(0, sets))[0].sets, "kg") == "L 12 @ 20 kg · R 10 @ 20 kg · 8 @ 25 kg"
    assert sets_text(logged(session(0, sets[:2]))[0].sets, "kg", spelled=True) == "12 left · 10 right @ 20 kg"


def test_a_load_edited_on_one_set_keeps_its_unit_beside_it() -> None:
    edited = {**reps_set("Raise", 12, weight=12.5, side="left", n=1), "rpe": 8.5}
    sets = [edited, reps_set("Raise", 11, weight=10, side="right", n=1),
            {k: v for k, v in {**reps_set("Raise", 0, side="left", n=2), "skipped": True}.items() if k != "reps"},
            reps_set("Raise", 9, weight=22, unit="lb", side="right", n=2)]
    text = sets_text(logged(session(0, sets))[0].sets, "kg", spelled=True)
    assert text == "12 left, RPE 8.5 @ 12.5 kg · 11 right @ 10 kg · - left, skipped · 9 right @ 10 kg"
    assert not text.endswith(" · kg") and text.count(" kg") == 3  # every load with its own unit, none left over


def test_a_kilogram_load_is_converted_for_a_lifter_in_pounds_never_relabelled() -> None:
    recent = logged(raises(0, [15, 15, 15], weight=10.0))
    got = plan_from(recent, CALVES, "lb", 5.0)
    assert got.loads == {1: 22.0}  # 10 kg is 22.0 lb, as every screen shows it
    assert got.last["Raise"].text == "15 · 15 · 15 @ 22 lb"
    suggestion = got.suggestions["Raise"]  # every set at the top: 10 % more, in pounds
    assert (suggestion.load, suggestion.unit) == (25.0, "lb") and suggestion.short == "25 lb"


def test_a_death_set_keeps_its_suggestion_in_pounds() -> None:
    workout = parse_workout('name = "Calves"\n[[exercise]]\nname = "Death"\ntarget = 100\n', "d.toml")
    got = plan_from(logged(death(0, [40, 35, 25], weight=20.0)), workout, "lb", 5.0)
    suggestion = got.suggestions["Death"]
    assert suggestion.unit == "lb" and suggestion.load == 50.0  # 22 kg (20 + 10 %) is 48.5 lb


def test_ramp_up_loads_work_up_to_the_working_load() -> None:
    got = plan_from(logged(raises(0, [13, 12, 12], weight=40.0)), CALVES, "kg", 2.5)
    assert got.suggestions["Raise"].load == 40.0  # between the ends of the range: hold the load
    assert got.ramps == {0: [20.0, 27.5, 35.0]}  # 50 %, 70 %, 85 % of it, to the load step


def test_ramp_up_without_history_comes_from_the_file() -> None:
    assert plan_from([], CALVES, "kg", 2.5).ramps == {0: [15.0, 20.0, 25.0]}  # of the file's 30 kg


def test_last_time_and_suggestions_go_by_date_not_file_order(tmp_path: Path) -> None:
    journal = tmp_path / "j.toml"
    append_session(journal, raises(30, [15, 15, 15], weight=40.0))
    append_session(journal, raises(-2000, [5, 5, 5], weight=90.0))  # back-filled years later, written last
    assert [r.started_at.year for r in Journal(journal).newest(5)] == [2026, 2021]
    got = plan(Journal(journal), CALVES, "kg", 2.5)
    assert got.loads == {1: 40.0} and got.last["Raise"].text == "15 · 15 · 15 @ 40 kg"
    assert got.suggestions["Raise"].load == 42.5


def test_a_skipped_set_is_never_a_best_or_a_suggestion(tmp_path: Path) -> None:
    skipped_hold = {**hold(4), "skipped": True}
    recent = logged(session(0, [hold(30), hold(28, "right")]), session(3, [skipped_hold]))
    assert history.suggest(recent) == []  # the skipped 4 s is not "hold 9 s next time"
    [facts] = session_facts(as_session(session(3, [skipped_hold]))).exercises
    assert facts.hold_s is None and not facts.done
    journal = Journal(write_journal(tmp_path / "j.toml", session(0, [hold(30)]), session(3, [skipped_hold])))
    [standing] = journal.bests()
    assert (standing.what, standing.value) == ("hold", 30)


# --- the comparison at the end ---------------------------------------------------------------


@pytest.mark.parametrize("left, right, words", [
    (22, 18, "L 22 · R 18, right 18 % weaker"), (18, 22, "L 18 · R 22, left 18 % weaker"),
    (20, 19.5, "L 20 · R 19.5, even"), (0, 0, "L 0 · R 0, even")])
def test_side_balance_words(left: float, right: float, words: str) -> None:
    assert Balance(left, right, seconds=False).text() == words


def test_each_side_of_a_per_side_exercise_is_compared(tmp_path: Path) -> None:
    sides = [reps_set("Single-leg raise", r, side=side) for r, side in ((22, "left"), (18, "right"))]
    [row] = compared(tmp_path, session(7, sides))
    assert row.balance is not None and row.balance.text() == "L 22 · R 18, right 18 % weaker"
    assert row.today == "22 left · 18 right"


def test_every_exercise_against_last_time_and_the_best(tmp_path: Path) -> None:
    [row] = compared(tmp_path, raises(7, [15, 15, 15], weight=42.5),
                     raises(0, [15, 15, 14], weight=40.0), raises(3, [12, 12, 12], weight=42.5))
    assert row.today == "15 · 15 · 15 @ 42.5 kg"
    assert row.last == "12 · 12 · 12 @ 42.5 kg" and row.best == "15 reps · 42.5 kg"
    assert row.news == ()  # 15 reps were done before, at 40 kg; 42.5 kg too


def test_a_death_set_with_short_rests_is_shown_so_and_is_no_record(tmp_path: Path) -> None:
    cut = session(7, [mini(50, 1), mini(50, 2, rest=3.0)])
    cut["sets"][1]["rest_planned_s"] = 10.0  # Enter through the 10 s rest-pause after 3 s
    [row] = compared(tmp_path, cut, death(0, [40, 35, 25]))
    assert "(short rests)" in row.today and "short rests: not a record" in row.news
    assert "new best time" not in row.news and "most reps yet" in row.news  # 50 in a mini-set: yes


def test_a_whole_rest_pause_is_a_record(tmp_path: Path) -> None:
    full = session(7, [mini(50, 1), mini(50, 2, rest=10.2)])
    full["sets"][1]["rest_planned_s"] = 10.0
    [row] = compared(tmp_path, full, death(0, [40, 35, 25]))
    assert "new best time" in row.news and "short rests: not a record" not in row.news


def test_a_pound_best_compared_with_a_kilogram_lifter(tmp_path: Path) -> None:
    [row] = compared(tmp_path, raises(7, [12, 12, 12], weight=42.5), raises(0, [12, 12, 12], weight=100.0, unit="lb"))
    assert row.best == "12 reps · 45.4 kg" and row.last == "12 · 12 · 12 @ 45.4 kg"
    assert "heaviest yet" not in row.news  # 42.5 kg is lighter than 100 lb


def test_heel_raise_test_balance_in_the_summary_of_a_session() -> None:
    [facts] = session_facts(as_session(session(0, [reps_set("Heel raise test", 25, side="left", failure=True),
                                                   reps_set("Heel raise test", 20, side="right", failure=True)]))
                            ).exercises
    assert facts.balance == Balance(25.0, 20.0, seconds=False) and facts.balance.verdict() == "right 20 % weaker"

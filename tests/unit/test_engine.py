"""The session engine, driven by a fake clock."""

from __future__ import annotations

import json

import pytest

from calftui.live.engine import SWITCH_S, Engine, Event

from helpers import FakeClock, workout

DEATH = """
[[exercise]]
name = "Ramp"
sets = 2
reps = "10-12"
rest = "60s"
rest_after = "90s"
warmup = true
weight = 10

[[exercise]]
name = "Death"
target = 100
rest_pause = "10s"
weight = 20
"""


def kinds(cues) -> list[str]:
    return [c.kind for c in cues]


def test_whole_death_set() -> None:
    clock = FakeClock()
    e = Engine(workout(DEATH), clock.now)
    for _ in range(2):  # ramp-up sets
        e.start(clock.now)
        for _ in range(12):
            e.rep(clock.advance(1.0))
        e.finish(clock.advance(0.5))
        e.tick(clock.advance(120))
        assert e.view(clock.now).state == "ready"
    assert e.view(clock.now).exercise.name == "Death"
    e.start(clock.now)
    minis = [30, 25, 20, 15, 10]
    for i, count in enumerate(minis):
        for _ in range(count):
            cues = e.rep(clock.advance(1.0))
        v = e.view(clock.now)
        assert v.total == sum(minis[: i + 1]) and v.mini_set == i + 1
        if i < len(minis) - 1:
            assert v.state == "working"
            e.failure(clock.now)
            assert e.view(clock.now).rest_kind == "rest_pause"
            assert e.view(clock.advance(4)).score == pytest.approx(sum(minis[: i + 1]) + 10 * i + 4)
            cues = e.tick(clock.advance(6.25))  # a late tick
            # the next mini-set started at the deadline, not at the late tick
            assert kinds(cues) == ["count", "count", "count", "zero", "go"]
            assert e.view(clock.now).state == "working"
            assert e.view(clock.now).elapsed == pytest.approx(0.25)
            clock.advance(-0.25)  # taps carry on from the exact deadline in this test
    assert "done" in kinds(cues) and e.done
    death = [r for r in e.records if r.exercise == "Death"]
    assert [r.reps for r in death] == minis and [r.failure for r in death] == [True] * 4 + [False]
    assert [r.rest_before_s for r in death[1:]] == [pytest.approx(10.0)] * 4
    assert all(r.target_reps == 100 and r.weight == 20 and r.unit == "kg" for r in death)
    assert e.score(1, "both") == pytest.approx(100 + 40)
    ramp = [r for r in e.records if r.exercise == "Ramp"]
    assert [r.reps for r in ramp] == [12, 12] and all(r.warmup and r.target_reps == 12 for r in ramp)
    assert ramp[1].rest_before_s == pytest.approx(120)


def test_reps_sets_with_rest_skip_and_extend() -> None:
    clock = FakeClock()
    body = '[[exercise]]\nname = "Raise"\nsets = 3\nreps = "12-15"\nrest = "60s"\n'
    e = Engine(workout(body), clock.now, rest_step=15)
    e.start(clock.now)
    for _ in range(15):
        e.rep(clock.advance(2))
    e.finish(clock.now)
    v = e.view(clock.now)
    assert (v.state, v.rest_kind, v.remaining, v.set_number) == ("resting", "rest", 60, 2)
    e.extend(clock.advance(10), +1)
    assert e.view(clock.now).remaining == pytest.approx(65)
    e.extend(clock.now, -1)
    e.extend(clock.now, -1)
    assert e.view(clock.now).remaining == pytest.approx(35)
    e.skip(clock.advance(5))
    assert e.view(clock.now).state == "ready"
    e.start(clock.now)
    for _ in range(13):
        e.rep(clock.advance(2))
    e.finish(clock.now)  # a set below the top of the range is allowed and recorded
    e.tick(clock.advance(60))
    e.start(clock.advance(3))
    for _ in range(9):
        e.rep(clock.advance(2))
    e.failure(clock.now)
    assert e.done
    assert [r.reps for r in e.records] == [15, 13, 9]
    assert [r.failure for r in e.records] == [False, False, True]
    assert [r.rest_before_s for r in e.records] == [0, pytest.approx(15), pytest.approx(63)]
    assert all(r.duration_s == pytest.approx(r.reps * 2) for r in e.records)


def test_per_side_timed_stretch_ends_by_itself() -> None:
    clock = FakeClock()
    body = '[[exercise]]\nname = "Stretch"\nduration = "30s"\nsets = 2\nper_side = true\nrest = "10s"\n'
    e = Engine(workout(body), clock.now)
    e.start(clock.now)
    assert e.view(clock.now).side == "left"
    cues = e.tick(clock.advance(31))
    assert kinds(cues) == ["count", "count", "count", "zero", "switch"]
    assert e.view(clock.now).side == "right" and e.view(clock.now).rest_kind == "switch"
    cues = e.tick(clock.advance(SWITCH_S))
    assert "go" in kinds(cues) and e.view(clock.now).state == "working"
    e.tick(clock.advance(30 - 1))
    cues = e.tick(clock.advance(100))  # rest of 10 s, then the next set waits ready
    assert e.view(clock.now).state == "ready" and e.view(clock.now).set_number == 2
    e.start(clock.now)
    e.failure(clock.advance(12))  # can end early with failure
    e.tick(clock.advance(SWITCH_S))
    e.finish(clock.advance(20))  # or early with enter
    assert e.done
    assert [(r.set, r.side) for r in e.records] == [(1, "left"), (1, "right"), (2, "left"), (2, "right")]
    assert [r.duration_s for r in e.records] == [30, 30, 12, 20]
    assert [r.rest_before_s for r in e.records] == [0, SWITCH_S, pytest.approx(100), SWITCH_S]
    assert e.records[2].failure and all(r.reps is None and r.rep_at_s is None for r in e.records)


def test_a_tap_starts_a_timed_hold_and_counts_nothing_in_it() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "Hold"\nduration = 20\nper_side = true\n'), clock.now)
    e.rep(clock.now)  # on READY: the hold starts (hands are busy; the nearest key will do)
    v = e.view(clock.now)
    assert v.state == "working" and v.side == "left" and v.remaining == 20
    e.rep(clock.advance(1))
    assert e.view(clock.now).reps == 0
    e.tick(clock.advance(19))
    assert e.view(clock.now).rest_kind == "switch"
    e.rep(clock.advance(1))  # during the switch: the right side starts at once
    v = e.view(clock.now)
    assert v.state == "working" and v.side == "right" and v.remaining == 20


@pytest.mark.parametrize("state", ["ready", "working", "resting", "rest_pause", "timed"])
def test_pause_freezes_every_clock(state: str) -> None:
    clock = FakeClock()
    body = DEATH.replace("sets = 2", "sets = 1") + '\n[[exercise]]\nname = "Hold"\nduration = 30\n'
    e = Engine(workout(body), clock.now)
    if state != "ready":
        e.start(clock.now)
        e.rep(clock.advance(1))
    if state == "resting":
        e.finish(clock.advance(1))
    if state in ("rest_pause", "timed"):
        e.finish(clock.advance(1))
        e.skip(clock.advance(1))
        e.start(clock.now)
        e.rep(clock.advance(1))
        e.failure(clock.advance(1))
        if state == "timed":
            for _ in range(99):
                e.rep(clock.advance(1))
            e.tick(clock.advance(100))
            e.start(clock.now)
    before = e.view(clock.now)
    e.pause(clock.now)
    for _ in range(3):
        e.rep(clock.advance(100))  # ignored while paused
        e.tick(clock.advance(100))
    during = e.view(clock.now)
    assert during.paused and during.state == before.state
    assert (during.remaining, during.elapsed, during.reps) == (before.remaining, before.elapsed, before.reps)
    e.resume(clock.now)
    after = e.view(clock.advance(0.5))
    assert not after.paused and after.state == before.state
    if before.remaining is not None:
        assert after.remaining == pytest.approx(before.remaining - 0.5)
    if before.state == "working":
        assert after.elapsed == pytest.approx(before.elapsed + 0.5)


def test_paused_time_is_not_work_or_rest() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "R"\nsets = 2\nreps = 5\nrest = 30\n'), clock.now)
    e.start(clock.now)
    e.rep(clock.advance(2))
    e.pause(clock.advance(1))
    e.resume(clock.advance(600))
    e.rep(clock.advance(2))
    e.finish(clock.advance(1))
    e.pause(clock.advance(10))
    e.resume(clock.advance(600))
    e.tick(clock.advance(20))
    e.start(clock.advance(4))
    e.finish(clock.advance(1))
    first, second = e.records
    assert first.duration_s == pytest.approx(6) and first.rep_at_s == [pytest.approx(2), pytest.approx(5)]
    assert second.rest_before_s == pytest.approx(34)


def test_undo_at_zero_and_undo_only_touches_the_current_set() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "R"\nsets = 2\nreps = 5\n'), clock.now)
    e.undo(clock.now)
    e.start(clock.now)
    e.undo(clock.advance(1))
    assert e.view(clock.now).reps == 0
    e.rep(clock.advance(1))
    e.rep(clock.advance(1))
    e.undo(clock.advance(1))
    assert e.view(clock.now).reps == 1
    e.finish(clock.now)
    e.undo(clock.advance(1))  # resting: the finished set keeps its reps
    assert e.records[0].reps == 1 and e.records[0].rep_at_s == [pytest.approx(2)]


def test_tap_during_rest_or_ready_starts_the_set_and_counts() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "R"\nsets = 2\nreps = 5\nrest = 60\n'), clock.now)
    e.rep(clock.advance(1))  # never pressed enter: the tap starts the set
    assert e.view(clock.now).state == "working" and e.view(clock.now).reps == 1
    e.finish(clock.advance(3))
    e.rep(clock.advance(20))  # back on the block early
    v = e.view(clock.now)
    assert v.state == "working" and v.reps == 1 and v.set_number == 2
    e.finish(clock.now)
    assert e.records[1].rest_before_s == pytest.approx(20) and e.records[1].rep_at_s == [0.0]


def test_load_steps_and_records() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "R"\nsets = 2\nreps = 5\nweight = 20\n[[exercise]]\nname = "B"\nreps '
                       '= 5\n'),
               clock.now, unit="lb", load_step=5)
    e.load(clock.now, +1)
    e.load(clock.now, +1)
    e.start(clock.now)
    e.load(clock.now, -1)
    e.finish(clock.advance(5))
    assert e.view(clock.now).weight == 25  # the next set starts from the last load
    e.skip(clock.now)
    e.start(clock.now)
    e.finish(clock.advance(5))
    e.skip(clock.now)
    e.start(clock.now)
    e.finish(clock.advance(5))
    assert [(r.weight, r.unit) for r in e.records] == [(25, "lb"), (25, "lb"), (None, None)]
    e2 = Engine(workout('[[exercise]]\nname = "B"\nreps = 5\n'), 0.0)
    e2.load(0.0, -1)
    assert e2.view(0.0).weight == 0
    e3 = Engine(workout('[[exercise]]\nname = "R"\nreps = 5\nweight = 20\n'), 0.0, weights={0: 22.5})
    assert e3.view(0.0).weight == 22.5


def test_rest_after_between_exercises_and_none_after_the_last() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "A"\nreps = 1\nrest = 30\nrest_after = "2m"\n[[exercise]]\nname = '
                       '"B"\nreps = 1\nrest = 45\n'), clock.now)
    e.rep(clock.now)
    e.finish(clock.advance(1))
    assert e.view(clock.now).remaining == 120 and e.view(clock.now).exercise.name == "B"
    e.skip(clock.now)
    e.rep(clock.now)
    cues = e.finish(clock.advance(1))
    assert kinds(cues) == ["done"] and e.done and e.view(clock.now).state == "done"


def test_zero_rest_goes_straight_to_ready() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "A"\nsets = 2\nreps = 1\nrest = 0\n'), clock.now)
    e.rep(clock.now)
    e.finish(clock.advance(1))
    assert e.view(clock.now).state == "ready" and e.view(clock.now).set_number == 2


TEMPO = '[[exercise]]\nname = "T"\nreps = 30\ntempo = "2-0-X-1"\n[exercise.say]\ntop = "Hold it"\n'


def test_tempo_phases_over_many_reps_with_x_and_zero() -> None:
    clock = FakeClock()
    e = Engine(workout(TEMPO), clock.now)
    cues = e.start(clock.now)
    assert (cues[1].kind, cues[1].value) == ("phase", "up")  # starts = "up": rise first
    phases = []
    for _ in range(400):  # 40 s of ticks every 100 ms: ten 3.5 s cycles
        phases += [c for c in e.tick(clock.advance(0.1)) if c.kind == "phase"]
    names = [c.value for c in phases]
    assert "bottom" not in names  # a 0 s phase is skipped
    assert names[:6] == ["top", "down", "up", "top", "down", "up"]
    cycle = 0.5 + 1 + 2
    expected = []
    k = 0
    while True:
        base = k * cycle
        for offset, phase in ((0.5, "top"), (1.5, "down"), (3.5, "up")):
            if 0 < base + offset <= 40 + 1e-9:
                expected.append((phase, base + offset))
        if base > 40:
            break
        k += 1
    start = phases[0].at - 0.5
    assert [(c.value, pytest.approx(c.at - start)) for c in phases] == expected
    assert phases[0].words == "Hold it" and next(c.words for c in phases if c.value == "up") == "Explode up"
    v = e.view(clock.now)
    assert v.tempo is not None and v.tempo.remaining <= v.tempo.length


def test_checkpoint_round_trip_restores_exactly_and_paused() -> None:
    clock = FakeClock()
    w = workout(DEATH)
    e = Engine(w, clock.now)
    e.start(clock.now)
    for _ in range(12):
        e.rep(clock.advance(1))
    e.finish(clock.now)
    e.skip(clock.advance(30))
    e.start(clock.now)
    for _ in range(5):
        e.rep(clock.advance(1))
    data = json.loads(json.dumps(e.to_dict()))
    same = Engine.from_dict(data, w)
    assert same.to_dict() == e.to_dict()
    later = Engine.from_dict(data, w, now=clock.now + 99_999)  # another process, after a crash
    v = later.view(clock.now + 99_999)
    assert v.paused and v.reps == 5 and v.state == "working"
    later.resume(clock.now + 99_999)
    later.rep(clock.now + 99_999 + 1)
    assert later.view(clock.now + 99_999 + 1).reps == 6
    assert later.core.taps[-1] == pytest.approx(6)  # no crash time counted


def test_next_wakeup_lands_on_each_visible_change() -> None:
    clock = FakeClock(100.0)
    e = Engine(workout('[[exercise]]\nname = "R"\nsets = 2\nreps = 5\nrest = 10\n'), clock.now)
    assert e.next_wakeup(clock.now) is None  # ready: nothing changes by itself
    e.start(clock.now)
    assert e.next_wakeup(clock.advance(0.3)) == pytest.approx(101.0)  # the elapsed seconds tick over
    e.finish(clock.advance(0.2))  # rest of 10 s from 100.5: shows 10 until 101.5
    assert e.next_wakeup(clock.now) == pytest.approx(101.5)
    assert e.next_wakeup(clock.advance(9.2)) == pytest.approx(110.5)  # the deadline itself
    e.pause(clock.now)
    assert e.next_wakeup(clock.now) is None
    e.resume(clock.advance(50))
    assert e.next_wakeup(clock.now) == pytest.approx(160.5)


# --- putting the record right ------------------------------------------------------------------

RAISES = '[[exercise]]\nname = "Raise"\nsets = 3\nreps = "12-15"\nrest = "60s"\nweight = 20\n' \
         '[[exercise]]\nname = "Hold"\nduration = "30s"\nper_side = true\nrest = "10s"\n' \
         '[[exercise]]\nname = "Death"\ntarget = 40\nrest_pause = "10s"\n'


def press(e: Engine, kind: str, now: float, arg: int = 0) -> list:  # type: ignore[type-arg]
    return e.apply(Event(kind, now, arg))  # type: ignore[arg-type]


def test_a_typed_count_replaces_the_taps_and_keeps_them() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    e.start(clock.now)
    for _ in range(3):
        e.rep(clock.advance(1))
    press(e, "type", clock.advance(1), 1)
    press(e, "type", clock.now, 4)
    v = e.view(clock.now)
    assert v.typed == "14" and v.reps == 3  # shown as typed; the taps still counted underneath
    assert e.records_so_far()[-1].reps == 3  # half typed is no count: a crash now keeps the taps
    e.finish(clock.advance(1))
    [done] = e.records
    assert (done.reps, done.reps_typed, len(done.rep_at_s or [])) == (14, True, 3)


def test_escape_drops_the_typed_count_and_digits_are_bounded() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    press(e, "type", clock.now, 5)  # on READY: nothing to type into
    assert e.view(clock.now).typed is None
    e.start(clock.now)
    for digit in (0, 0, 1, 2, 3, 4, 5):
        press(e, "type", clock.advance(0.1), digit)
    assert e.view(clock.now).typed == "2345"  # leading zeros dropped, at most four digits, the last ones
    press(e, "untype", clock.now)
    assert e.view(clock.now).typed is None
    e.rep(clock.advance(1))
    e.finish(clock.advance(1))
    assert (e.records[0].reps, e.records[0].reps_typed) == (1, False)


def test_a_typed_count_ends_a_mini_set_of_a_death_set() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "Death"\ntarget = 40\nrest_pause = "10s"\n'), clock.now)
    e.start(clock.now)
    press(e, "type", clock.advance(20), 2)
    press(e, "type", clock.now, 5)
    e.failure(clock.advance(1))
    v = e.view(clock.now)
    assert v.total == 25 and v.rest_kind == "rest_pause"
    assert e.records[0].reps_typed and e.records[0].failure


def test_skip_writes_skipped_sets_never_zero_rep_sets() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    press(e, "skip_set", clock.now)  # set 1 of Raise, on READY
    v = e.view(clock.now)
    assert v.state == "ready" and v.set_number == 2 and v.exercise.name == "Raise"
    e.start(clock.now)
    for _ in range(5):
        e.rep(clock.advance(1))
    press(e, "skip_exercise", clock.advance(1))  # set 2 abandoned after 5 taps; set 3 passed over
    v = e.view(clock.now)
    assert v.state == "ready" and v.exercise.name == "Hold" and v.side == "left"
    skipped = [(r.set, r.reps, r.skipped, r.weight) for r in e.records]
    assert skipped == [(1, None, True, None), (2, 5, True, 20), (3, None, True, None)]
    assert e.something_done  # the five taps were counted: they are kept (as skipped work)


def test_skipping_a_rest_pause_ends_the_target_keeping_its_mini_sets() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    press(e, "skip_exercise", clock.now)
    press(e, "skip_exercise", clock.now)  # Hold, both sides
    e.start(clock.now)
    for _ in range(10):
        e.rep(clock.advance(1))
    e.failure(clock.now)
    press(e, "skip_set", clock.advance(2))  # during the rest-pause: the death set is over
    assert e.done
    death = [r for r in e.records if r.exercise == "Death"]
    assert [(r.reps, r.skipped) for r in death] == [(10, False)]


def test_a_session_of_skips_alone_is_nothing_done() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    for _ in range(3):
        press(e, "skip_exercise", clock.now)
    assert e.done and e.records and not e.something_done


def test_edit_a_finished_set() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    e.start(clock.now)
    for _ in range(12):
        e.rep(clock.advance(1))
    e.finish(clock.advance(1))
    before = e.revision
    edited = e.edit(0, reps=13, weight=22.5, rpe=8.5, note="  left heel lifted  ")
    assert (edited.reps, edited.reps_edited, edited.reps_typed, edited.weight, edited.rpe, edited.note) == (
        13, True, False, 22.5, 8.5, "left heel lifted")  # corrected after the set: not a count typed during it
    assert len(edited.rep_at_s or []) == 12 and e.revision == before + 1 and e.records[0] == edited
    assert e.edit(0, reps=12).reps_edited  # once corrected, always marked so
    e.edit(0, rpe=None, note="")
    assert (e.records[0].rpe, e.records[0].note) == (None, None)


@pytest.mark.parametrize("changes, words", [
    ({"reps": -1}, "whole number"), ({"reps": 100_001}, "whole number"), ({"rpe": 11}, "RPE"),
    ({"rpe": 7.3}, "halves"), ({"weight": -5}, "load"), ({"weight": 10**9}, "load")])
def test_an_edit_that_cannot_be_right_says_why(changes: dict, words: str) -> None:  # type: ignore[type-arg]
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    e.start(clock.now)
    e.rep(clock.advance(1))
    e.finish(clock.advance(1))
    with pytest.raises(ValueError, match=words):
        e.edit(0, **changes)
    with pytest.raises(ValueError, match="no finished set 2"):
        e.edit(1, reps=3)


def test_a_set_skipped_by_mistake_is_done_once_its_reps_are_given() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    press(e, "skip_set", clock.now)
    e.edit(0, reps=0)  # nothing: still skipped
    assert e.records[0].skipped
    e.edit(0, reps=12, weight=20)
    assert (e.records[0].skipped, e.records[0].reps, e.records[0].reps_edited) == (False, 12, True)


def test_a_timed_set_has_no_reps_to_edit() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "Hold"\nduration = 20\n'), clock.now)
    e.start(clock.now)
    e.tick(clock.advance(21))
    with pytest.raises(ValueError, match="timed"):
        e.edit(0, reps=3)
    assert e.edit(0, rpe=7).rpe == 7


def test_the_countdown_that_applied_is_recorded_and_a_cut_rest_shows() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "Death"\ntarget = 30\nrest_pause = "10s"\n'), clock.now)
    e.start(clock.now)
    for mini_set in range(3):
        for _ in range(10):
            e.rep(clock.advance(1))
        if mini_set < 2:
            e.failure(clock.now)
            if mini_set == 0:
                e.tick(clock.advance(10))  # the whole rest-pause
            else:
                e.skip(clock.advance(3))  # Enter through it after 3 s
    assert e.done
    rests = [(r.rest_before_s, r.rest_planned_s) for r in e.records]
    assert rests == [(0.0, None), (pytest.approx(10.0), 10.0), (pytest.approx(3.0), 10.0)]


def test_ramp_up_sets_take_their_planned_loads() -> None:
    clock = FakeClock()
    e = Engine(workout(DEATH.replace("sets = 2", "sets = 3")), clock.now, ramps={0: [10.0, 15.0, 17.5]})
    loads = []
    for _ in range(3):
        loads.append(e.view(clock.now).weight)
        e.start(clock.now)
        e.rep(clock.advance(1))
        e.finish(clock.now)
        e.skip(clock.advance(1))
    assert loads == [10.0, 15.0, 17.5] and e.view(clock.now).weight == 20  # the death set: its own load


def test_what_comes_next_and_the_time_left() -> None:
    clock = FakeClock()
    e = Engine(workout(RAISES), clock.now)
    v = e.view(clock.now)
    assert v.then == "set 2 of 3" and v.so_far == 0 and v.left > 3 * 60  # three rests of a minute at least
    press(e, "skip_exercise", clock.now)
    v = e.view(clock.now)
    assert v.then == "right side" and v.exercise.name == "Hold"
    press(e, "skip_set", clock.now)
    assert e.view(clock.now).then is not None and "Death" in (e.view(clock.now).then or "")
    e.start(clock.now)
    e.tick(clock.advance(30))
    later = e.view(clock.now)
    assert later.so_far == pytest.approx(30) and later.left < v.left


# --- holds for max and supersets ------------------------------------------------------------------


def test_a_hold_for_max_counts_up_until_the_lifter_ends_it() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "Top hold"\nduration = "max"\nsets = 2\nrest = 30\n'), clock.now)
    e.rep(clock.now)  # a tap starts it, as any hold
    e.tick(clock.advance(3600))  # an hour: nothing ends it by itself
    v = e.view(clock.now)
    assert v.state == "working" and v.remaining is None and v.elapsed == pytest.approx(3600)
    assert e.next_wakeup(clock.now) == pytest.approx(clock.now + 1)  # the seconds still tick over on screen
    e.finish(clock.now)
    [held] = e.records
    assert held.duration_s == pytest.approx(3600) and held.planned_s is None and held.reps is None
    assert e.view(clock.now).state == "resting"
    assert held.journal().planned_s is None


def test_a_superset_goes_round_by_round() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "Calf"\ngroup = "A"\nsets = 2\nreps = 12\ntransition = 10\n'
                       '[[exercise]]\nname = "Tib"\ngroup = "A"\nsets = 2\nreps = 20\nrest = 90\n'), clock.now)
    seen = []
    while not e.done:
        v = e.view(clock.now)
        if v.state == "ready":
            seen.append((v.exercise.name, v.set_number, v.group))
            e.start(clock.now)
            e.rep(clock.advance(1))
            e.finish(clock.advance(1))
            if e.core.state == "resting":
                seen.append((e.core.rest_kind, e.core.rest_planned))
                plan = e.view(clock.now).round_plan
                if e.core.rest_kind == "rest":
                    assert plan == "round 2 of 2: A1 Calf: 12 reps  ·  A2 Tib: 20 reps"
                e.tick(clock.advance(e.core.rest_planned or 0))
    assert seen == [("Calf", 1, ("A", 1, 2)), ("transition", 10.0), ("Tib", 1, ("A", 2, 2)), ("rest", 90.0),
                    ("Calf", 2, ("A", 1, 2)), ("transition", 10.0), ("Tib", 2, ("A", 2, 2))]
    assert [(r.exercise, r.group, r.round) for r in e.records] == [
        ("Calf", "A", 1), ("Tib", "A", 1), ("Calf", "A", 2), ("Tib", "A", 2)]

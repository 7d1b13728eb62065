"""Counting by the tempo: every completed tempo cycle is a rep, with a fake clock."""

from __future__ import annotations

import json
from datetime import datetime

import msgspec
import pytest

from calftui.insights.history import tempo_kept
from calftui.journal import LoggedSession, as_written, set_table
from calftui.live.engine import SWITCH_S, Engine, Event
from calftui.live.sound import Sound, Speaker

from helpers import FakeClock, workout

CYCLE = 2.0
COUNTED = """
[[exercise]]
name = "Raise"
sets = 2
reps = "8-12"
rest = "30s"
tempo = { down = 1, up = 1 }
count = "tempo"
"""


def reps(e: Engine, now: float) -> int:
    return e.view(now).reps


def test_every_completed_cycle_is_a_rep_at_its_end() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    assert e.view(clock.now).counting == "tempo"
    cues = e.tick(clock.advance(CYCLE))
    assert [(c.kind, c.value) for c in cues if c.kind == "rep"] == [("rep", 1)]
    assert cues[-1].kind == "rep"  # at a cycle end the number comes after the next phase: it is what is said
    cues = e.tick(clock.advance(5.3))  # a late tick: each cycle still counts at its own end
    assert [(c.value, c.at) for c in cues if c.kind == "rep"] == [(2, 4.0), (3, 6.0)]
    assert reps(e, clock.now) == 3
    e.finish(clock.advance(0.2))
    [record] = e.records
    assert record.reps == 3 and record.rep_at_s == [2.0, 4.0, 6.0] and record.count == "tempo"
    assert record.duration_s == pytest.approx(7.5) and not record.failure


@pytest.mark.parametrize("ends_at, counted", [(5.9, 2), (6.0, 3), (1.99, 0)])
def test_the_cycle_in_progress_when_the_set_ends_is_not_counted(ends_at: float, counted: int) -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    e.finish(clock.advance(ends_at))  # no tick in between: the end itself counts the cycles done
    assert e.records[0].reps == counted and len(e.records[0].rep_at_s or []) == counted


def test_failure_ends_the_set_with_the_cycles_done() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    e.failure(clock.advance(5.0))
    [record] = e.records
    assert (record.reps, record.failure, record.count) == (2, True, "tempo")


def test_backspace_takes_back_the_last_counted_rep_and_the_cycles_go_on() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    e.undo(clock.advance(4.5))
    assert reps(e, clock.now) == 1
    e.tick(clock.advance(1.5))
    e.finish(clock.advance(0.5))
    assert e.records[0].rep_at_s == [2.0, 6.0]


def test_a_tap_starts_the_set_but_never_counts_twice() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.rep(clock.now)  # a tap on the ready screen starts the set
    assert e.view(clock.now).state == "working" and reps(e, clock.now) == 0
    e.rep(clock.advance(1.0))  # hands are meant to stay off the keys: a stray tap adds nothing
    e.finish(clock.advance(1.5))
    assert e.records[0].reps == 1


def test_pause_stops_the_metronome() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    e.pause(clock.advance(1.5))
    e.tick(clock.advance(100))
    assert reps(e, clock.now) == 0
    e.resume(clock.now)
    e.tick(clock.advance(0.5))
    assert reps(e, clock.now) == 1
    e.finish(clock.advance(0.1))
    assert e.records[0].rep_at_s == [2.0] and e.records[0].duration_s == pytest.approx(2.1)


def test_per_side_each_side_counts_itself_after_the_switch() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED.replace("sets = 2", "per_side = true")), clock.now)
    e.start(clock.now)
    e.finish(clock.advance(4.5))
    assert e.view(clock.now).rest_kind == "switch"
    e.tick(clock.advance(SWITCH_S))  # the right side starts by itself
    v = e.view(clock.now)
    assert v.state == "working" and v.side == "right"
    e.tick(clock.advance(4.0))
    e.finish(clock.advance(1.0))
    left, right = e.records
    assert (left.side, left.reps, left.rep_at_s) == ("left", 2, [2.0, 4.0])
    assert (right.side, right.reps, right.rep_at_s) == ("right", 2, [2.0, 4.0])
    assert left.count == right.count == "tempo"


DEATH = """
[[exercise]]
name = "Death"
target = 5
rest_pause = "10s"
tempo = "1-0-1-0"
count = "tempo"
"""


def test_rest_pause_each_mini_set_counts_itself_and_the_total_ends_it() -> None:
    clock = FakeClock()
    e = Engine(workout(DEATH), clock.now)
    e.start(clock.now)
    e.failure(clock.advance(4.5))
    assert e.view(clock.now).rest_kind == "rest_pause"
    cues = e.tick(clock.advance(10.0))  # the next mini-set starts at the deadline, counting
    assert "go" in [c.kind for c in cues] and e.view(clock.now).state == "working"
    cues = e.tick(clock.advance(7.0))  # the total (5) is reached at the third cycle end, 6 s in
    said = [c.value for c in cues if c.kind == "rep"]
    assert said == [3, 4, 5]  # the total, as the big number shows it
    assert e.done and cues[-1].kind == "done"
    first, second = e.records
    assert (first.reps, first.failure, second.reps, second.failure) == (2, True, 3, False)
    assert second.rep_at_s == [2.0, 4.0, 6.0] and second.duration_s == pytest.approx(6.0)
    assert not [c for c in cues if c.kind == "phase" and c.at >= 20.5]  # nothing cued after the end
    assert e.score(0, "both") == pytest.approx(4.5 + 10 + 6)


SUPERSET = """
[[exercise]]
name = "Calf raise"
group = "A"
sets = 2
reps = 10
tempo = "1-0-1-0"
count = "tempo"

[[exercise]]
name = "Tibialis raise"
group = "A"
sets = 2
reps = 10
rest = "20s"
"""


def test_in_a_superset_each_member_counts_its_own_way() -> None:
    clock = FakeClock()
    e = Engine(workout(SUPERSET), clock.now)
    for _ in range(2):  # two rounds
        e.start(clock.now)
        e.finish(clock.advance(6.5))  # the counted member: three cycles
        assert e.view(clock.now).exercise.name == "Tibialis raise"
        e.start(clock.now)
        for _ in range(4):
            e.rep(clock.advance(1.0))  # the other member is tapped
        assert e.view(clock.now).counting is None
        e.finish(clock.advance(0.5))
        e.skip(clock.advance(1.0))
    assert [(r.exercise, r.reps, r.count, r.round) for r in e.records] == [
        ("Calf raise", 3, "tempo", 1), ("Tibialis raise", 4, None, 1),
        ("Calf raise", 3, "tempo", 2), ("Tibialis raise", 4, None, 2)]


TAPPED = COUNTED.replace('count = "tempo"\n', "")


def test_switching_counts_from_the_next_cycle_end_and_for_the_sets_to_come() -> None:
    clock = FakeClock()
    e = Engine(workout(TAPPED), clock.now)
    e.start(clock.now)
    assert e.view(clock.now).counting == "taps"
    e.rep(clock.advance(1.5))  # one rep tapped
    e.apply(Event("switch_count", clock.advance(1.0)))  # 2.5 s in: the cycle that ended at 2 s is not counted
    assert e.view(clock.now).counting == "tempo"
    e.finish(clock.advance(4.0))  # cycle ends at 4 and 6
    assert e.records[0].rep_at_s == [1.5, 4.0, 6.0] and e.records[0].count == "tempo"
    e.skip(clock.now)
    e.start(clock.now)
    assert e.view(clock.now).counting == "tempo"  # the next set counts by the tempo too
    e.apply(Event("switch_count", clock.advance(1.0)))  # and back to taps
    e.rep(clock.advance(0.5))
    e.finish(clock.advance(3.0))
    assert e.records[1].rep_at_s == [1.5] and e.records[1].count is None


def test_an_exercise_without_a_tempo_is_always_tapped() -> None:
    clock = FakeClock()
    e = Engine(workout('[[exercise]]\nname = "Raise"\nreps = 10\n'), clock.now)
    e.start(clock.now)
    e.apply(Event("switch_count", clock.now))
    assert e.view(clock.now).counting is None
    e.rep(clock.advance(3))
    e.finish(clock.advance(3))
    assert e.records[0].reps == 1 and e.records[0].count is None


def test_every_counted_rep_is_in_the_checkpoint_and_the_switch_survives_it() -> None:
    clock = FakeClock()
    e = Engine(workout(TAPPED), clock.now)
    e.start(clock.now)
    e.apply(Event("switch_count", clock.now))
    before = e.revision
    e.tick(clock.advance(CYCLE))
    assert e.revision > before  # a counted rep is worth a checkpoint, like a tap
    again = Engine.from_dict(json.loads(json.dumps(e.to_dict())), e.workout)
    assert again.view(clock.now).counting == "tempo" and again.view(clock.now).reps == 1
    again.finish(clock.advance(CYCLE))
    assert again.records[0].rep_at_s == [2.0, 4.0]


def test_the_journal_says_how_the_count_was_made_and_tempo_figures_leave_it_out() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    e.finish(clock.advance(6.5))
    table = set_table(e.records[0].journal())
    assert table["count"] == "tempo" and table["rep_at_s"] == [2.0, 4.0, 6.0]
    assert list(table).index("count") < list(table).index("duration_s")  # among the optional keys
    session = as_written(LoggedSession(id="x", workout="w", started_at=datetime(2026, 11, 20, 18, 0),
                                       sets=(e.records[0].journal(),)))
    [logged] = session.sets
    assert logged.count == "tempo" and set_table(logged) == table
    kept = tempo_kept(logged, e.workout.exercises[0])
    assert kept.seconds_per_rep is None and kept.prescribed == CYCLE  # never shown as a tempo the lifter kept
    tapped = msgspec.structs.replace(logged, count=None)
    assert "count" not in set_table(tapped) and tempo_kept(tapped).seconds_per_rep == 2.0


class Rung:
    def __init__(self) -> None:
        self.times = 0

    def __call__(self) -> None:
        self.times += 1


def test_a_counted_rep_is_said_or_rung_where_nothing_can_speak() -> None:
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    cues = e.tick(clock.advance(CYCLE))
    silent = Rung()
    Sound(silent, speaker=None).play(cues)
    assert silent.times == 1
    spoken: list[str] = []
    speaking = Rung()
    sound = Sound(speaking, speaker=Speaker(("true",), True))
    sound.say = spoken.append  # type: ignore[method-assign]
    sound.play(cues)
    assert spoken == ["1"] and speaking.times == 0


def test_a_late_tick_counts_every_cycle_but_a_clock_jump_counts_none() -> None:
    """A busy machine that ticks 40 s late still counts each cycle at its end; a set left with no
    tick for a month (the machine asleep, the process stopped) was on no screen: its cycles are no
    reps, and only the last cycle's phase cues are given."""
    clock = FakeClock()
    e = Engine(workout(COUNTED), clock.now)
    e.start(clock.now)
    e.tick(clock.advance(40.5))
    assert reps(e, clock.now) == 20
    cues = e.tick(clock.advance(30 * 24 * 3600.0))
    assert reps(e, clock.now) == 20 and not [c for c in cues if c.kind == "rep"]
    assert 1 <= len([c for c in cues if c.kind == "phase"]) <= 2
    e.tick(clock.advance(CYCLE))  # watched again: the metronome counts on
    assert reps(e, clock.now) == 21

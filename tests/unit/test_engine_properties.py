"""Invariants of the engine over random workouts and random event sequences."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings, strategies as st

from calftui.live.engine import EVENTS, Engine, Event, build_slots

from conftest import examples
from helpers import workout

EXERCISES = [
    '[[exercise]]\nname = "Reps"\nsets = 2\nreps = "3-5"\nrest = 4\nweight = 10\ntempo = "1-0-X-1"\n',
    '[[exercise]]\nname = "Target"\ntarget = 12\nrest_pause = 3\ntempo = "1-1-1-0"\n',
    '[[exercise]]\nname = "Hold"\nduration = 3\nsets = 2\nper_side = true\nrest = 2\n',
    '[[exercise]]\nname = "Sided"\nreps = "amrap"\nper_side = true\nrest = 0\n',
    '[[exercise]]\nname = "SidedTarget"\ntarget = 6\nper_side = true\nrest_pause = 0\n',
    '[[exercise]]\nname = "A1"\ngroup = "A"\nsets = 2\nreps = 4\ntransition = 2\n'
    '[[exercise]]\nname = "A2"\ngroup = "A"\nduration = 3\nper_side = true\nrest = 3\n',
    '[[exercise]]\nname = "Max"\nduration = "max"\nsets = 2\nrest = 1\n',
    '[[exercise]]\nname = "Counted"\nsets = 2\nreps = 6\nper_side = true\nrest = 2\ntempo = { up = 1, down = 0.5 }\n'
    'count = "tempo"\n',
    '[[exercise]]\nname = "CountedTarget"\ntarget = 5\nrest_pause = 2\ntempo = "0.5-0-0.5-0"\ncount = "tempo"\n',
]

events = st.lists(
    st.tuples(st.sampled_from([*EVENTS, "edit"]), st.floats(0, 4, allow_nan=False), st.sampled_from([-1, 1, 0, 7])),
    max_size=120,
)
"""Key presses, and ``edit``: ``e`` correcting the last finished set to ``sign`` reps (and RPE 8)."""
ramps = st.dictionaries(st.integers(0, 3), st.lists(st.floats(0, 200, allow_nan=False).map(lambda x: round(x, 1)),
                                                     max_size=3), max_size=2)
workouts = st.lists(st.sampled_from(EXERCISES), min_size=1, max_size=4, unique=True).map(
    lambda parts: workout("".join(parts)))


@settings(max_examples=examples(300, 60), deadline=None)
@given(w=workouts, steps=events, start=st.floats(0, 1e6, allow_nan=False), planned=ramps)
def test_invariants_hold_after_any_sequence(w, steps, start, planned) -> None:
    e = Engine(w, start, ramps=planned)
    now = start
    rep_events = 0
    for kind, gap, sign in steps:
        now += gap
        rep_events += kind == "rep"
        if kind == "edit":
            if e.records:
                with contextlib.suppress(ValueError):  # a timed set has no reps; -1 is no count
                    e.edit(len(e.records) - 1, reps=sign, rpe=8)
            continue
        e.apply(Event(kind, now, sign))
        v = e.view(now)
        assert v.remaining is None or v.remaining >= 0
        assert v.elapsed >= 0 and v.reps >= 0
        typed = any(r.reps_typed or r.reps_edited for r in e.records) or e.core.typed is not None
        if v.exercise.kind == "target":
            assert v.total >= 0 and (typed or v.total <= (v.exercise.target or 0))
            assert v.score is None or v.score >= 0
        # the state round-trips through plain JSON exactly
        data = json.loads(json.dumps(e.to_dict()))
        assert Engine.from_dict(data, w).to_dict() == e.to_dict()
    counted = 0
    active_end = e.active(now)
    for r in e.records:
        assert r.duration_s >= 0 and r.rest_before_s >= 0
        if r.kind == "timed":
            assert r.reps is None and r.rep_at_s is None
            continue
        assert r.rep_at_s is not None
        if r.reps_typed or r.reps_edited:
            assert r.reps is not None and r.reps >= 0  # the typed or corrected count; the taps there were stay
        elif r.reps is None:
            assert r.skipped and r.rep_at_s == [] and r.duration_s == 0  # passed over before it began
        else:
            assert r.reps == len(r.rep_at_s)
        assert r.rep_at_s == sorted(r.rep_at_s)
        assert all(0 <= x <= r.duration_s + 1e-9 for x in r.rep_at_s)
        if r.count == "tempo":  # each cycle end once, at a whole number of cycles; any other rep is a tap
            cycle = w.exercises[r.exercise_index].tempo.cycle  # type: ignore[union-attr]
            ends = {k for x in r.rep_at_s if (k := round(x / cycle)) >= 1 and abs(x - k * cycle) <= 1e-6}
            assert len(ends) <= (r.duration_s + 1e-6) / cycle  # never more than the time holds
            counted += len(r.rep_at_s) - len(ends)  # taps from before the switch (one at 0 s started the set)
        else:
            counted += len(r.rep_at_s)
    assert counted + (0 if e.core.cycled else len(e.core.taps)) <= rep_events
    assert sum(r.duration_s + r.rest_before_s for r in e.records) <= active_end + 1e-6
    typed = any(r.reps_typed or r.reps_edited for r in e.records) or e.core.typed is not None
    for index, ex in enumerate(w.exercises):
        if ex.kind == "target" and not typed:
            for side in ex.sides:
                reps = sum(r.reps or 0 for r in e.records if r.exercise_index == index and r.side == side)
                assert reps <= (ex.target or 0)


@settings(max_examples=examples(100, 25), deadline=None)
@given(w=workouts, steps=events)
def test_paused_stretches_change_nothing_recorded(w, steps) -> None:
    """The same session with a long pause before every event records the same sets."""
    plain, paused = Engine(w, 0.0), Engine(w, 0.0)
    now_plain = now_paused = 0.0
    for kind, gap, sign in steps:
        if kind in ("pause", "resume", "edit"):
            continue
        now_plain += gap
        now_paused += gap
        plain.apply(Event(kind, now_plain, sign))
        paused.pause(now_paused)
        now_paused += 1000
        paused.resume(now_paused)
        paused.apply(Event(kind, now_paused, sign))
    assert len(plain.records) == len(paused.records)
    for a, b in zip(plain.records, paused.records, strict=True):
        assert (a.exercise, a.set, a.side, a.reps, a.failure, a.weight) == \
            (b.exercise, b.set, b.side, b.reps, b.failure, b.weight)
        assert a.duration_s == pytest.approx(b.duration_s, abs=1e-6)
        assert a.rest_before_s == pytest.approx(b.rest_before_s, abs=1e-6)
        assert a.rep_at_s == (None if b.rep_at_s is None else pytest.approx(b.rep_at_s, abs=1e-6))


# --- supersets and circuits: any shape ---------------------------------------------------------

member = st.tuples(st.integers(1, 4), st.booleans(), st.sampled_from([0, 5, 10]), st.sampled_from([30, 60]),
                   st.booleans())
"""sets, per side, transition, rest, a hold (else reps)."""
blocks = st.lists(st.one_of(st.lists(member, min_size=1, max_size=4), member.map(lambda m: [m])), min_size=1,
                  max_size=4).map(lambda bs: [(b, i) for i, b in enumerate(bs)])


def grouped(shape: list) -> str:  # type: ignore[type-arg]
    """A workout file: each block of several members is a group (labelled by its place), one alone is on its own."""
    text = ""
    for members, block in shape:
        for n, (sets, sided, transition, rest, hold) in enumerate(members):
            text += f'[[exercise]]\nname = "E{block}.{n}"\nsets = {sets}\nrest = {rest}\nrest_after = {rest + 7}\n'
            text += "duration = 5\n" if hold else "reps = 3\n"
            text += "per_side = true\n" if sided else ""
            if len(members) > 1:
                text += f'group = "G{block}"\ntransition = {transition}\n'
    return text


@settings(max_examples=examples(200, 40), deadline=None)
@given(shape=blocks)
def test_a_group_is_done_in_rounds_whatever_its_shape(shape) -> None:
    w = workout(grouped(shape))
    slots = build_slots(w)
    assert len(slots) == sum(ex.sets * len(ex.sides) for ex in w.exercises)  # every set of every member, once
    order = [(s.exercise, s.number, s.side) for s in slots]
    assert len(set(order)) == len(order)
    for index, ex in enumerate(w.exercises):
        mine = [s for s in slots if s.exercise == index]
        assert [s.number for s in mine] == sorted(s.number for s in mine)  # its own sets in order
        members = w.members(index)
        first, last = min(order.index(o) for o in order if o[0] in members), max(
            order.index(o) for o in order if o[0] in members)
        assert all(o[0] in members for o in order[first:last + 1])  # a group's sets are never split up
        if ex.group is not None:  # round by round: the round number never goes back
            rounds = [s.number for s in slots if s.exercise in members]
            assert rounds == sorted(rounds)
            for r in set(rounds):  # within a round, the members in file order, those with a set left
                in_round = list(dict.fromkeys(s.exercise for s in slots if s.exercise in members and s.number == r))
                assert in_round == [m for m in members if w.exercises[m].sets >= r]


@settings(max_examples=examples(150, 30), deadline=None)
@given(shape=blocks)
def test_in_a_group_rests_come_only_after_rounds(shape) -> None:
    w = workout(grouped(shape))
    slots = build_slots(w)
    e = Engine(w, 0.0)
    now = 0.0
    for _ in range(3 * len(slots) + 3):
        if e.done:
            break
        if e.core.state == "ready":
            e.start(now)
            continue
        a = slots[e.core.slot]
        now += 1.0
        e.finish(now)  # ends the set (a hold early), and shows what comes between this set and the next
        if e.done:
            break
        b = slots[e.core.slot]
        ex = w.exercises[a.exercise]
        if (a.exercise, a.number) == (b.exercise, b.number):
            expected = ("switch", 5.0)
        elif ex.group is not None and w.exercises[b.exercise].group == ex.group:
            expected = ("transition", ex.transition) if b.number == a.number else ("rest", ex.rest)
        else:
            expected = ("rest", ex.rest if a.exercise == b.exercise else ex.rest_after)
        resting = e.core.state == "resting"
        got = (e.core.rest_kind, e.core.rest_planned) if resting else (expected[0], 0.0)  # 0 s: straight on
        assert got == expected, (a, b)
        if resting:
            e.skip(now)
    assert e.done
    assert len(e.records) == len(slots)
    for record, slot in zip(e.records, slots, strict=True):
        ex = w.exercises[slot.exercise]
        assert (record.exercise, record.set, record.side, record.group, record.round) == (
            ex.name, slot.number, slot.side, ex.group, slot.number if ex.group else None)

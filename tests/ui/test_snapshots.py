"""What the lifter sees, at 80x24, with clocks frozen. Look at them: tests/__snapshots__/."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.paths import builtin_workouts_dir
from calftui.ui.app import CalfApp
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, into_death_set, on_session, tap, until
from journal_helpers import append_session

SIZE = (80, 24)
SIZES = pytest.mark.parametrize("size", [(50, 16), (60, 20), (80, 24), (120, 40)],
                                ids=["50x16", "60x20", "80x24", "120x40"])
"""The screens a lifter reads from the calf block, from the smallest size calftui is made for to a large one:
the number is the largest thing on every one of them, and no line wraps over it."""
TWO_SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@pytest.fixture
def here(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = Path.home()
    monkeypatch.chdir(home)  # the journal is ~/journal.toml on screen, the same on every machine
    return home


def death_set_app(clock: FakeClock) -> CalfApp:
    entry = load_entry(builtin_workouts_dir() / "death-set.toml", "built-in")
    return CalfApp(journal=Path("journal.toml"), start=entry, sound=False, clock=clock, wall=clock.wall)


def test_picker(snap_compare, here: Path) -> None:
    app = CalfApp(journal=Path("journal.toml"), sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=SIZE)


@SIZES
def test_ready(snap_compare, here: Path, size: tuple[int, int]) -> None:
    assert snap_compare(death_set_app(FakeClock()), terminal_size=size, run_before=on_session)


@SIZES
def test_working_with_tempo_cue(snap_compare, here: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 37)
        clock.advance(1.2)  # into the bottom pause of the tempo
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=size, run_before=run_before)


def single_leg_app(clock: FakeClock) -> CalfApp:
    """The runner's progression: its single-leg raises are done per side and counted by the tempo."""
    entry = load_entry(builtin_workouts_dir() / "runner-single-leg.toml", "built-in")
    return CalfApp(journal=Path("journal.toml"), start=entry, sound=False, clock=clock, wall=clock.wall)


async def into_single_leg(pilot) -> None:  # type: ignore[no-untyped-def]
    """Past the two-legged ramp-up (n): the single-leg raise, left side, ready."""
    await on_session(pilot)
    await pilot.press("n")
    await pilot.pause()


@SIZES
def test_ready_per_side_counted_by_the_tempo(snap_compare, here: Path, size: tuple[int, int]) -> None:
    assert snap_compare(single_leg_app(FakeClock()), terminal_size=size, run_before=into_single_leg)


@SIZES
def test_working_per_side_counted_by_the_tempo(snap_compare, here: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_single_leg(pilot)
        await pilot.press("enter")
        clock.advance(4 * 3 + 2.5)  # three cycles of 2-1-1-0 counted (rise first), then lowering
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(single_leg_app(clock), terminal_size=size, run_before=run_before)


@SIZES
def test_switching_sides_counted_by_the_tempo(snap_compare, here: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_single_leg(pilot)
        await pilot.press("enter")
        clock.advance(4 * 11 + 1)
        await pilot.press("enter")  # the left side ends: the switch to the right counts down
        clock.advance(1.5)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(single_leg_app(clock), terminal_size=size, run_before=run_before)


def test_rest_pause(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 27)
        await pilot.press("f")
        clock.advance(3.5)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


@SIZES
def test_resting(snap_compare, here: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await on_session(pilot)
        await pilot.press("enter")
        for _ in range(12):
            clock.advance(1.5)
            await pilot.press("space")
        await pilot.press("enter")
        clock.advance(17.2)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=size, run_before=run_before)


def test_paused(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 12)
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, here: Path) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await on_session(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(death_set_app(FakeClock()), terminal_size=SIZE, run_before=run_before)


def test_quit_dialog(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 8)
        await pilot.press("q")
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


@TWO_SIZES
def test_summary(snap_compare, here: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 31)
        await pilot.press("f")
        clock.advance(10)
        pilot.app.screen.tick()
        tap(pilot, clock, 69, 1.1)
        from calftui.ui.screens.summary import SummaryScreen

        await until(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen), 'isinstance(pilot.app.screen, '
                                                                                'SummaryScreen)')
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=size, run_before=run_before)


def test_recover_dialog(snap_compare, here: Path) -> None:
    from datetime import datetime

    from calftui.live import checkpoint as cp
    from calftui.live.engine import Engine

    entry = load_entry(builtin_workouts_dir() / "death-set.toml", "built-in")
    engine = Engine(entry.workout, 0.0)
    for i in range(14):
        engine.rep(1.0 + i)
    store = cp.Store()  # left by a calftui that is gone: its lock is free
    store.save(cp.make(engine, session_id="x", started_at=datetime(2026, 11, 20, 18, 2), journal=Path("journal.toml")))
    app = CalfApp(journal=Path("journal.toml"), sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=SIZE)


def test_typing_a_count(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await on_session(pilot)
        await pilot.press("enter", "space", "space", "1", "2")
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


def test_correcting_a_set(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await on_session(pilot)
        await pilot.press("enter", "space", "space", "space", "enter", "enter")
        await pilot.press("enter", "space", "space", "enter", "e")
        from calftui.ui.screens.edit import EditSetScreen

        await until(pilot, lambda: isinstance(pilot.app.screen, EditSetScreen), "the list of sets")
        await pilot.press("up", "enter")
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


def test_ready_with_last_time(snap_compare, here: Path) -> None:
    from datetime import datetime, timedelta, timezone


    start = datetime(2026, 11, 18, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    sets = [{"exercise": "Standing calf raise, ramp-up", "kind": "reps", "set": n, "side": "both", "reps": 11,
             "target_reps": 12, "weight": w, "unit": "kg", "duration_s": 20.0, "rest_before_s": 60.0 * (n > 1),
             "failure": False, "warmup": True, "rep_at_s": [float(i) for i in range(11)]}
            for n, w in ((1, 10.0), (2, 15.0), (3, 17.5))]
    sets += [{"exercise": "Standing calf raise death set", "kind": "target", "set": n, "side": "both", "reps": r,
              "target_reps": 100, "weight": 20.0, "unit": "kg", "duration_s": 40.0, "rest_before_s": 10.0 * (n > 1),
              "rest_planned_s": 10.0 if n > 1 else None, "failure": n < 4, "warmup": False,
              "rep_at_s": [float(i) for i in range(r)]} for n, r in ((1, 38), (2, 25), (3, 22), (4, 15))]
    for s in sets:
        if s.get("rest_planned_s") is None:
            s.pop("rest_planned_s", None)
    append_session(here / "journal.toml", {"id": "last", "workout": "Calf raise death set",
                                           "workout_file": "death-set.toml", "started_at": start,
                                           "ended_at": start + timedelta(minutes=14), "status": "completed",
                                           "notes": "", "sets": sets})
    assert snap_compare(death_set_app(FakeClock()), terminal_size=(120, 40), run_before=on_session)


def superset_app(clock: FakeClock) -> CalfApp:
    entry = load_entry(builtin_workouts_dir() / "shin-calf-superset.toml", "built-in")
    return CalfApp(journal=Path("journal.toml"), start=entry, sound=False, clock=clock, wall=clock.wall)


@SIZES
def test_superset_member_up_next(snap_compare, here: Path, size: tuple[int, int]) -> None:
    """A1 done: the transition to A2, which member is next and in which round."""
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await on_session(pilot)
        await pilot.press("enter", *["space"] * 15, "enter")
        clock.advance(4.0)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(superset_app(clock), terminal_size=size, run_before=run_before)


def test_superset_rest_shows_the_whole_next_round(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await on_session(pilot)
        await pilot.press("enter", *["space"] * 15, "enter")
        clock.advance(10.0)
        pilot.app.screen.tick()
        await pilot.press("enter", *["space"] * 13, "enter")  # A2, round 1: the round's rest follows
        clock.advance(21.0)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(superset_app(clock), terminal_size=SIZE, run_before=run_before)


def test_a_hold_for_max_counting_up(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await on_session(pilot)
        await pilot.press("n", "n")  # straight to the top hold
        await pilot.press("enter")
        clock.advance(47.3)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(superset_app(clock), terminal_size=SIZE, run_before=run_before)

"""What the lifter sees, at 80x24, with clocks frozen. Look at them: tests/__snapshots__/."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.catalog import load_entry
from calftui.paths import builtin_workouts_dir
from calftui.ui.app import CalfApp

from helpers import FakeClock, into_death_set, on_session, tap, until

SIZE = (80, 24)


@pytest.fixture
def here(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = Path.home()
    monkeypatch.chdir(home)  # the journal is ~/journal.toml on screen, the same on every machine
    return home


def death_set_app(clock: FakeClock) -> CalfApp:
    entry = load_entry(builtin_workouts_dir() / "death-set.toml", "built-in")
    return CalfApp(journal=Path("journal.toml"), start=entry, sound=False, clock=clock)


def test_picker(snap_compare, here: Path) -> None:
    app = CalfApp(journal=Path("journal.toml"), sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=SIZE)


def test_ready(snap_compare, here: Path) -> None:
    assert snap_compare(death_set_app(FakeClock()), terminal_size=SIZE, run_before=on_session)


def test_working_with_tempo_cue(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 37)
        clock.advance(1.2)  # into the bottom pause of the tempo
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


def test_rest_pause(snap_compare, here: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 27)
        await pilot.press("f")
        clock.advance(3.5)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


def test_resting(snap_compare, here: Path) -> None:
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

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


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


def test_summary(snap_compare, here: Path) -> None:
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

    assert snap_compare(death_set_app(clock), terminal_size=SIZE, run_before=run_before)


def test_recover_dialog(snap_compare, here: Path) -> None:
    from datetime import datetime

    from calftui import checkpoint as cp
    from calftui.engine import Engine

    entry = load_entry(builtin_workouts_dir() / "death-set.toml", "built-in")
    engine = Engine(entry.workout, 0.0)
    for i in range(14):
        engine.rep(1.0 + i)
    store = cp.Store()  # left by a calftui that is gone: its lock is free
    store.save(cp.make(engine, session_id="x", started_at=datetime(2026, 11, 20, 18, 2), journal=Path("journal.toml")))
    app = CalfApp(journal=Path("journal.toml"), sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=SIZE)

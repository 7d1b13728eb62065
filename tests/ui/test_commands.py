"""The command palette's workout provider: every valid workout, found by name or stem, started."""

from __future__ import annotations

from pathlib import Path

from calftui.ui.app import CalfApp
from calftui.ui.commands import WorkoutCommands
from calftui.ui.screens.picker import PickerScreen
from calftui.ui.screens.session import SessionScreen
from calftui.workouts.catalog import discover

from helpers import FakeClock, until


async def test_every_valid_workout_is_offered_and_starts(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "workouts"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('name = "Broken one"\n')  # no exercise: never offered
    app = CalfApp(journal=isolated_home / "journal.toml", sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        provider = WorkoutCommands(app.screen)
        await provider.startup()
        offered = [hit.text async for hit in provider.discover()]
        valid = [e for e in discover() if e.ok]
        assert offered == [f"Start: {e.name}" for e in valid] and len(valid) >= 7
        assert "Start: Broken one" not in offered
        by_stem = [hit async for hit in provider.search("runner-single")]  # the file stem finds it too
        assert [str(hit.text) for hit in by_stem][:1] == ["Start: Runner's single-leg calf progression"]
        assert [hit async for hit in provider.search("broken")] == []
        app.call_later(by_stem[0].command)  # as the palette runs it: inside the app
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        assert app.screen.workout.name == "Runner's single-leg calf progression"

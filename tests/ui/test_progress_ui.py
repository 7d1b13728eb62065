"""The progress charts and the year at a glance, through Pilot and snapshots (from the fixed journal
of tests/progress_helpers.py): each chart kind at 80x24 and 120x40, and in every theme."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from calftui.ui.app import CalfApp
from calftui.ui.screens.detail import DetailScreen
from calftui.ui.screens.history import HistoryScreen
from calftui.ui.screens.picker import PickerScreen
from calftui.ui.screens.progress import ProgressScreen
from calftui.ui.widgets.year import YearView

from helpers import FakeClock, drawn, until
from progress_helpers import TODAY, WORKOUT, chart_journal, chart_workout

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@pytest.fixture
def journal(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(Path.home())
    chart_workout(isolated_home / "config")
    return chart_journal(Path("journal.toml"))


def drawn_chart(screen: object) -> bool:
    return isinstance(screen, ProgressScreen) and screen.chart is not None


async def open_chart(pilot, exercise: str, presses: tuple[str, ...] = (),  # type: ignore[no-untyped-def]
                     today: date = TODAY) -> None:
    await pilot.app.push_screen(ProgressScreen(WORKOUT, exercise, today=today))
    await until(pilot, lambda: drawn_chart(pilot.app.screen), "the chart")
    for key in presses:
        await pilot.press(key)
    await pilot.pause()
    await pilot.pause()


CHARTS: dict[str, tuple[str, tuple[str, ...], date]] = {
    "loaded-reps": ("Standing calf raise", (), TODAY),
    "death-set": ("Death", (), TODAY),
    "hold": ("Wall stretch", (), TODAY),
    "hold-for-max": ("Top hold", (), TODAY),
    "per-side": ("Single-leg raise", ("m",), TODAY),
    "tempo": ("Standing calf raise", ("m", "m"), TODAY),
    "four-weeks": ("Death", ("r", "r", "r"), TODAY),
    "too-little": ("Standing calf raise", ("r", "r", "r"), TODAY + timedelta(days=20)),  # 4 weeks: one session
}


@SIZES
@pytest.mark.parametrize("kind", list(CHARTS))
def test_each_chart_kind(snap_compare, journal: Path, kind: str, size: tuple[int, int]) -> None:
    exercise, presses, today = CHARTS[kind]

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_chart(pilot, exercise, presses, today)

    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("theme", ["light", "high-contrast", "no-color"])
def test_a_chart_in_every_theme(snap_compare, journal: Path, theme: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if theme == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_chart(pilot, "Death")

    app = CalfApp(journal=journal, sound=False, clock=FakeClock(), theme=None if theme == "no-color" else theme)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@SIZES
def test_the_year_at_a_glance(snap_compare, journal: Path, size: tuple[int, int]) -> None:
    from datetime import datetime

    from journal_helpers import TZ

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.push_screen(HistoryScreen(today=datetime(2026, 10, 1, 12, tzinfo=TZ)))
        screen = pilot.app.screen
        await until(pilot, lambda: bool(screen.rows), "the history")
        await pilot.press("y")
        await until(pilot, lambda: screen.query_one(YearView).year is not None, "the year")
        await pilot.pause()

    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_keys_move_between_exercises_measures_and_ranges(journal: Path) -> None:
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        await app.push_screen(ProgressScreen(WORKOUT, today=TODAY))
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert "Reading the journal" in drawn(screen.query_one("#progress-instead"))  # drawn before the answer
        await until(pilot, lambda: drawn_chart(screen), "the chart")
        seen = []
        for key in ("right", "right", "m", "left", "r", "down", "up"):
            await pilot.press(key)
            chart = screen.chart
            assert chart is not None
            seen.append((chart.exercise, chart.measure, chart.range))
        assert seen == [("Death", "time", "6 months"), ("Wall stretch", "hold", "6 months"),
                        ("Wall stretch", "sides", "6 months"), ("Death", "time", "6 months"),
                        ("Death", "time", "a year"), ("Death", "tempo", "a year"), ("Death", "time", "a year")]
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_opened_from_history_and_from_a_sessions_detail(journal: Path) -> None:
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and bool(app.screen.rows), "the history")
        await pilot.press("p")
        await until(pilot, lambda: drawn_chart(app.screen), "the chart")
        assert app.screen.chart.exercise == "Standing calf raise"  # the workout's first
        await pilot.press("escape", "enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        await pilot.press("down", "down", "p")  # the newest session's third set: Death's second mini-set
        await until(pilot, lambda: drawn_chart(app.screen), "the chart")
        assert app.screen.chart.exercise == "Death" and app.screen.chart.measure == "time"

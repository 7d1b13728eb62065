"""The big number comes first at every size from 50x16 up: it is the largest thing on the screen
and at least 7 rows tall; the lines around it are one row each and give way in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from calftui.paths import builtin_workouts_dir
from calftui.ui.app import CalfApp
from calftui.ui.screens.session import LINES, SessionScreen
from calftui.ui.stage import NUMBER_ROWS, Line, number_heights, number_share, plan
from calftui.ui.widgets.bigtext import BigText
from calftui.ui.widgets.counter import BigCounter
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, drawn, on_session

SIZES = [(50, 16), (60, 20), (80, 24), (100, 32), (120, 40), (200, 60)]


def test_the_number_keeps_half_the_stage_and_at_least_seven_rows() -> None:
    assert number_heights(46, "000") == (3, 4, 7)  # the small font, then the large one at 1x and 2x (3x is 51 wide)
    heights = number_heights(76, "000")
    assert heights == (3, 4, 7, 11, 14)
    assert number_share(12, heights) == NUMBER_ROWS
    assert number_share(20, heights) == 7 and number_share(22, heights) == 11
    assert number_share(5, heights) == 5  # a window too small for it: all there is


def test_lines_give_way_in_order_and_skip_to_the_ones_that_still_fit() -> None:
    lines = [Line("exercise"), Line("tempo", 5), Line("under"), Line("state", 4), Line("cues")]
    heights = [3, 4, 7, 11]
    assert plan(12, lines, heights) == {"exercise", "under", "cues"}  # tempo (5) and state (4) do not fit
    assert plan(30, lines, heights) == {"exercise", "tempo", "under", "state", "cues"}
    assert plan(6, lines, heights) == set()


def counter_rows(screen: SessionScreen) -> int:
    """Rows of the number's drawing actually on screen."""
    return sum(1 for line in drawn(screen.query_one(BigCounter)).splitlines() if line.strip())


def tallest_other(screen: SessionScreen) -> int:
    """The tallest drawing of anything else in the stage (the state or the tempo's words, drawn large)."""
    heights = [sum(1 for line in drawn(widget).splitlines() if line.strip())
               for widget in screen.query(BigText) if not isinstance(widget, BigCounter) and widget.display
               and widget.region.height]
    return max(heights, default=1)


async def check(screen: SessionScreen, size: tuple[int, int]) -> None:
    rows = counter_rows(screen)
    assert rows >= NUMBER_ROWS, f"the number is {rows} rows at {size}"
    assert rows > tallest_other(screen), size
    for key in LINES:
        widget = screen.query_one(f"#{key}")
        if isinstance(widget, Static) and widget.display:
            assert widget.region.height == 1, f"#{key} takes {widget.region.height} rows at {size}"


def app_of(stem: str, clock: FakeClock) -> CalfApp:
    entry = load_entry(builtin_workouts_dir() / f"{stem}.toml", "built-in")
    return CalfApp(journal=Path("journal.toml"), start=entry, sound=False, clock=clock, wall=clock.wall)


async def session_screen(pilot) -> SessionScreen:  # type: ignore[no-untyped-def]
    await on_session(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_death_set_number_first_at_every_size(size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = app_of("death-set", clock)
    async with app.run_test(size=size) as pilot:
        screen = await session_screen(pilot)
        await check(screen, size)  # ready
        for _ in range(3):
            await pilot.press("enter", "enter", "enter")
        await pilot.press("enter", *["space"] * 12)
        clock.advance(1.2)
        screen.tick()
        await pilot.pause()
        await check(screen, size)  # working, with the tempo cue
        await pilot.press("f")
        await pilot.pause()
        await check(screen, size)  # the rest-pause countdown


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_a_per_side_tempo_exercise_number_first_at_every_size(size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = app_of("runner-single-leg", clock)
    async with app.run_test(size=size) as pilot:
        screen = await session_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        await check(screen, size)
        await pilot.press("enter")
        clock.advance(9.5)
        screen.tick()
        await pilot.pause()
        await check(screen, size)
        await pilot.press("enter")
        await pilot.pause()
        await check(screen, size)  # switching sides


@pytest.mark.parametrize("size", [(50, 16), (80, 24), (120, 40)], ids=["50x16", "80x24", "120x40"])
async def test_raising_the_load_never_wraps_the_set_line_or_shrinks_the_digits(size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = app_of("death-set", clock)
    async with app.run_test(size=size) as pilot:
        screen = await session_screen(pilot)
        for _ in range(3):
            await pilot.press("enter", "enter", "enter")
        await pilot.press("enter", "space")
        await pilot.pause()
        before = counter_rows(screen)
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "load 7.5 kg" in str(screen.query_one("#setline", Static).render())
        assert counter_rows(screen) == before
        assert screen.query_one("#setline").region.height == 1

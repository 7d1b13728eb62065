"""What a lifter sees in the smallest window calftui is made for (50x16) and up: what must stay
on screen when the room runs short."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from calftui.paths import builtin_workouts_dir
from calftui.ui.app import CalfApp
from calftui.ui.screens.session import SessionScreen
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, drawn, until
from journal_helpers import append_session

LAST = datetime(2026, 11, 18, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def heel_test_with_last_time(tmp_path: Path) -> CalfApp:
    """The single-leg heel-raise test (a tempo, per side), done once before."""
    journal = tmp_path / "journal.toml"
    sets = [{"exercise": "Single-leg heel raise test", "kind": "reps", "side": side, "reps": reps,
             "target_reps": 0, "duration_s": 30.0, "rest_before_s": 0.0, "failure": True, "warmup": False,
             "rep_at_s": [float(i) for i in range(reps)]} for side, reps in (("left", 23), ("right", 24))]
    append_session(journal, {"id": "before", "workout": "Single-leg heel-raise test",
                             "workout_file": "heel-raise-test.toml", "started_at": LAST,
                             "ended_at": LAST + timedelta(minutes=5), "status": "completed", "notes": "",
                             "sets": sets})
    entry = load_entry(builtin_workouts_dir() / "heel-raise-test.toml", "built-in")
    clock = FakeClock()
    return CalfApp(journal=journal, start=entry, sound=False, clock=clock, wall=clock.wall)


@pytest.mark.parametrize("size", [(50, 16), (60, 20), (80, 24)])
async def test_the_ready_screen_shows_last_time_at_every_size(tmp_path: Path, size: tuple[int, int]) -> None:
    """The spec's every ready screen shows last time: at 50x16 it gives way to nothing that only repeats
    what is on screen already (the goal under the number, the footer's start key)."""
    app = heel_test_with_last_time(tmp_path)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = app.screen
        await until(pilot, lambda: screen.session.planned, "last time read from the journal")
        await pilot.pause()
        last = screen.query_one("#last")
        assert last.display, f"no last time at {size}"
        assert "last, 18 Nov: L 23 · R 24" in drawn(last)
        assert screen.query_one("#counter").display and screen.query_one("#exercise").display


LONG_NAMES = ('name = "Long names"\n'
              '[[exercise]]\nname = "Standing calf raise on the Smith machine, straight knee"\nsets = 1\nreps = 10\n'
              '[[exercise]]\nname = "Seated soleus raise"\nsets = 1\nreps = 12\n')


def long_names_app(tmp_path: Path) -> CalfApp:
    file = tmp_path / "long.toml"
    file.write_text(LONG_NAMES)
    clock = FakeClock()
    return CalfApp(journal=tmp_path / "journal.toml", start=load_entry(file, "path"), sound=False, clock=clock,
                   wall=clock.wall)


async def to_summary(pilot, app: CalfApp) -> None:  # type: ignore[no-untyped-def]
    from calftui.ui.screens.summary import SummaryScreen

    await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
    await pilot.press("enter", *["space"] * 10, "enter", "enter", "enter", *["space"] * 12, "enter")
    await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
    await pilot.pause()


@pytest.mark.parametrize("size", [(50, 16), (80, 24)])
async def test_the_summary_footer_keeps_save_and_quit(tmp_path: Path, size: tuple[int, int]) -> None:
    from calftui.ui.widgets.keybar import KeyBar

    app = long_names_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await to_summary(pilot, app)
        footer = drawn(app.screen.query_one(KeyBar))
        assert footer.startswith("⏎ Save ") and "q Save & quit" in footer, footer
        assert "p Progress" in footer and "n Note" in footer, footer


def shown_keys(screen) -> set[str]:  # type: ignore[no-untyped-def]
    """The actions the footer offers now."""
    return {b.action for _, b, enabled, _ in screen.active_bindings.values() if enabled and b.show}


async def test_progress_of_a_workout_with_one_exercise_offers_no_next_exercise(tmp_path: Path) -> None:
    """The heel-raise test has one exercise: "→ Next exercise" would do nothing, so it is not offered;
    its two measures are."""
    from calftui.ui.screens.progress import ProgressScreen

    app = heel_test_with_last_time(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = ProgressScreen("Single-leg heel-raise test", today=LAST.date())
        await app.push_screen(screen)
        await until(pilot, lambda: screen.chart is not None, "the chart")
        await pilot.pause()
        keys = shown_keys(screen)
        assert "exercise(1)" not in keys and "exercise(-1)" not in keys, keys
        assert "measure(1)" in keys and "range(1)" in keys and "close" in keys, keys


@pytest.mark.parametrize("width", [50, 80])
async def test_the_year_at_a_glance_fits_the_width(tmp_path: Path, width: int) -> None:
    """A day's row on one line whatever the width: at 50 columns the newest weeks, not 52 weeks
    wrapped onto the next day's row."""
    from calftui.ui.screens.history import HistoryScreen
    from calftui.ui.widgets.year import YearView

    app = heel_test_with_last_time(tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = HistoryScreen(today=LAST + timedelta(days=3))
        await app.push_screen(screen)
        await until(pilot, lambda: bool(screen.rows), "the history")
        await pilot.press("y")
        view = screen.query_one(YearView)
        await until(pilot, lambda: view.year is not None, "the year")
        await pilot.pause()
        lines = drawn(view).splitlines()
        rows = [line.strip() for line in lines]
        days = [row for row in rows if row[:3] in ("Mon", "Wed", "Fri", "Sun")]
        assert [row[:3] for row in days] == ["Mon", "Wed", "Fri", "Sun"], lines
        assert rows[-1].startswith("aim"), lines
        grid = [row for row in lines[2:9]]
        assert len({len(row.rstrip()) for row in grid[1::2]}) == 1, lines  # every day the same number of weeks
        assert "█" in "".join(lines) and "Nov" in lines[1], lines  # the newest weeks: last session's month
        if width >= 80:
            assert "52 weeks" in rows[0] and "reps a day" in "".join(lines), lines

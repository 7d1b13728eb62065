"""The history screen, a session's detail, and records on the summary, through Pilot and snapshots."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from calftui.paths import builtin_workouts_dir
from calftui.ui.app import CalfApp
from calftui.ui.screens.detail import DetailScreen
from calftui.ui.screens.history import HistoryScreen
from calftui.ui.screens.picker import PickerScreen
from calftui.ui.screens.session import SessionScreen
from calftui.ui.screens.summary import SummaryScreen
from calftui.ui.widgets.rows import RowTable
from calftui.ui.widgets.trends import Trends
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, drawn, into_death_set, tap, until
from journal_helpers import TZ, append_session

START = datetime(2026, 10, 5, 18, 0, tzinfo=TZ)
NAME = "Calf raise death set"


def death_session(day: int, minis: list[int], weight: float) -> dict:
    sets = [{"exercise": "Standing calf raise, ramp-up", "kind": "reps", "set": 1, "side": "both", "reps": 12,
             "target_reps": 12, "weight": weight / 2, "unit": "kg", "duration_s": 20.0, "rest_before_s": 0.0,
             "failure": False, "warmup": True, "rep_at_s": [1.6 * (i + 1) for i in range(12)]}]
    for n, reps in enumerate(minis, 1):
        sets.append({"exercise": "Standing calf raise death set", "kind": "target", "set": n, "side": "both",
                     "reps": reps, "target_reps": 100, "weight": weight, "unit": "kg", "duration_s": reps * 1.25,
                     "rest_before_s": 120.0 if n == 1 else 10.0, "failure": n < len(minis), "warmup": False,
                     "rep_at_s": [round(1.25 * (i + 1), 3) for i in range(reps)]})
    started = START + timedelta(days=day)
    return {"id": f"death-{day}", "workout": NAME, "workout_file": "death-set.toml", "started_at": started,
            "ended_at": started + timedelta(minutes=15), "status": "completed", "notes": "", "sets": sets}


@pytest.fixture
def journal(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(Path.home())  # shown as ~/journal.toml, the same on every machine
    path = Path("journal.toml")
    for day, minis, weight in [(0, [30, 25, 25, 20], 20), (2, [33, 27, 25, 15], 20), (7, [28, 26, 24, 22], 22.5),
                               (9, [35, 30, 35], 22.5), (14, [30, 28, 25, 17], 25)]:
        append_session(path, death_session(day, minis, weight))
    return path


TODAY = START + timedelta(days=16)


def loaded(screen: object) -> bool:
    """History's newest page, its stars and the highlighted workout's trends are in."""
    return isinstance(screen, HistoryScreen) and bool(screen.rows) and screen.query_one(Trends).workout is not None \
        and {r.key for r in screen.rows} <= screen.looked


def records(screen: HistoryScreen) -> set[str]:
    return {row.id for row in screen.rows if row.key in screen.starred}


def cells(screen: HistoryScreen, row: int) -> list[str]:
    """What each column of a row of the sessions table shows."""
    line, out, at = screen.query_one("#sessions", RowTable).rows[row].plain, [], 0
    for width in screen.widths:
        out.append(line[at + 1 : at + 1 + width].strip())
        at += width + 2
    return out


async def test_history_lists_newest_first_and_opens_a_session(journal: Path) -> None:
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), 'isinstance(app.screen, PickerScreen)')
        await pilot.press("h")
        await until(pilot, lambda: loaded(app.screen), "the history")
        screen = app.screen
        table = screen.query_one("#sessions")
        assert table.row_count == 5
        first = cells(screen, 0)
        assert first[1] == "2026-10-19 18:00" and first[5] == "112" and first[6] == "2:35/4"
        # 33 reps in a set (day 2), heavier loads (days 7 and 14), the best score and 35 reps (day 9)
        assert records(screen) == {"death-2", "death-7", "death-9", "death-14"}
        assert cells(screen, 1)[0] == "★" and cells(screen, 4)[0] == ""
        trends = [line.strip() for line in drawn(screen.query_one(Trends)).splitlines()]
        assert trends[0].startswith(NAME) and "last 8 weeks" in trends[0]
        assert any(line.startswith("score") for line in trends) and any(line.startswith("load") for line in trends)
        assert drawn(table).splitlines()[-1].endswith(" 1 of 5 ─")  # where the cursor is, in the border
        await pilot.press("down")
        assert drawn(table).splitlines()[-1].endswith(" 2 of 5 ─")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), 'isinstance(app.screen, DetailScreen)')
        detail = app.screen
        sets = detail.query_one("#sets")
        assert sets.row_count == 4
        first, second = sets.get_row_at(1), sets.get_row_at(2)
        assert str(first[0]) == "Standing calf raise death set" and str(second[0]) == ""  # once per run of sets
        assert first[2] == "35" and str(first[7]) == "failure"
        assert first[5] == "1.2 (3)"  # 1.25 s a rep kept, the tempo 1-1-1-0 prescribes 3 s
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_summary_announces_a_new_record(journal: Path) -> None:
    entry = load_entry(builtin_workouts_dir() / "death-set.toml", "built-in")
    clock = FakeClock()
    app = CalfApp(journal=journal, sound=False, clock=clock, start=entry)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), 'isinstance(app.screen, SessionScreen)')
        screen = app.screen
        assert screen.engine.view(clock.now).weight == 12.5  # the last ramp-up load is the default
        for _ in range(3):
            await pilot.press("enter", "enter", "enter")
        assert screen.engine.view(clock.now).weight == 25.0  # the last death-set load
        assert "load 25 kg, as suggested" in str(screen.query_one("#load").render())
        await pilot.press("enter")
        tap(pilot, clock, 100)  # 100 in one go: a best score and the most reps in a set
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), 'isinstance(app.screen, SummaryScreen)')
        await pilot.pause()  # the summary composed
        records = [str(s.render()) for s in app.screen.query(".record")]
        assert any("best score 1:40" in r for r in records) and any("most reps 100" in r for r in records)


def test_history_snapshot(snap_compare, journal: Path) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.push_screen(HistoryScreen(today=TODAY))
        await until(pilot, lambda: loaded(pilot.app.screen), "the history to load")
        await pilot.pause()

    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_detail_snapshot(snap_compare, journal: Path) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.push_screen(HistoryScreen(today=TODAY))
        await until(pilot, lambda: loaded(pilot.app.screen), "the history to load")
        await pilot.press("down", "enter")
        await pilot.pause()

    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_summary_record_snapshot(snap_compare, journal: Path) -> None:
    entry = load_entry(builtin_workouts_dir() / "death-set.toml", "built-in")
    clock = FakeClock()

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 100, gap=0.9)
        await until(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen), 'isinstance(pilot.app.screen, '
                                                                                'SummaryScreen)')
        await pilot.pause()

    app = CalfApp(journal=journal, sound=False, clock=clock, wall=clock.wall, start=entry)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_session_saved_in_another_window_is_in_history_with_its_record(journal: Path) -> None:
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        await until(pilot, lambda: app.journal.fresh(), "the picker's look at the journal")
        append_session(journal, death_session(15, [40, 40, 30], 27.5))  # another window saves a heavier session
        await app.push_screen(HistoryScreen(today=TODAY))
        screen = app.screen
        await until(pilot, lambda: loaded(screen), "the history")
        assert records(screen) == {"death-2", "death-7", "death-9", "death-14", "death-15"}
        assert cells(screen, 0)[:2] == ["★", "2026-10-20 18:00"]
        assert "→ 27.5 kg" in drawn(screen.query_one(Trends))  # the trend reaches the new session's load


async def newest_page(pilot, app: CalfApp) -> HistoryScreen:  # type: ignore[no-untyped-def]
    """History opened from the picker, its newest page and its marks in."""
    await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
    await app.push_screen(HistoryScreen(today=TODAY))
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    table = screen.query_one("#sessions")
    await until(pilot, lambda: loaded(screen) and table.row_count == 30, "the newest page")
    return screen


async def test_pages_further_back_carry_their_marks(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    for day in range(75):  # a heavier load every 25 sessions: records on the second and third pages
        append_session(journal, death_session(day, [30, 20], 20 + 2.5 * (day // 25)))
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await newest_page(pilot, app)
        table = screen.query_one("#sessions", RowTable)
        await pilot.press(*["down"] * 74)
        await until(pilot, lambda: table.row_count == 75 and {r.key for r in screen.rows} <= screen.looked,
                    "every page")
        assert [row.id for row in screen.rows] == [f"death-{day}" for day in range(74, -1, -1)]
        starred = {screen.rows[row].id for row in range(75) if cells(screen, row)[0] == "★"}
        assert starred == records(screen) == {"death-25", "death-50"}


async def test_pages_further_back_never_shift_when_a_session_is_saved_meanwhile(isolated_home: Path) -> None:
    """When another window saves a session between two pages, the next page still follows on from the
    last row: no row twice, none missed."""
    journal = isolated_home / "journal.toml"
    for day in range(120):
        append_session(journal, death_session(day, [30, 20], 20))
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await newest_page(pilot, app)
        table = screen.query_one("#sessions", RowTable)
        await pilot.press(*["down"] * 29)
        await until(pilot, lambda: table.row_count == 60 and not screen.fetching, "the second page")
        append_session(journal, death_session(130, [30, 20], 20))  # another window saves a session
        await pilot.press(*["down"] * 90)
        await until(pilot, lambda: table.row_count == 120 and not screen.fetching, "every page")
        assert [row.id for row in screen.rows] == [f"death-{day}" for day in range(119, -1, -1)]


async def test_a_narrower_terminal_keeps_the_highlighted_session_in_view(isolated_home: Path) -> None:
    """The names get another width, the rows are drawn again and a scrollbar for the width comes:
    the session highlighted stays the one highlighted, on screen."""
    journal = isolated_home / "journal.toml"
    for day in range(40):
        append_session(journal, death_session(day, [30, 20], 20))
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await newest_page(pilot, app)
        table = screen.query_one("#sessions", RowTable)
        await pilot.press(*["down"] * 20)
        for size in [(56, 14), (100, 32), (40, 12)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            rows_shown = table.scrollable_content_region.height - 1
            assert table.cursor_row == 20 and screen.rows[20].id == "death-19"
            assert table.scroll_offset.y <= 20 < table.scroll_offset.y + rows_shown, size
            assert drawn(table).splitlines()[-1].endswith(" 21 of 40 ─")


async def test_enter_on_a_row_opens_its_own_session_when_two_share_an_id(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    monday = death_session(0, [30, 25, 25, 20], 20)
    friday = dict(death_session(4, [40, 30, 30], 20), id=monday["id"], notes="friday, copied from monday")
    append_session(journal, monday)
    with open(journal, "a") as out:  # a block copied by hand and edited: the same id
        from journal_helpers import session_block

        out.write("\n" + session_block(friday))
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        await app.push_screen(HistoryScreen(today=TODAY))
        screen = app.screen
        await until(pilot, lambda: loaded(screen), "the history")
        await pilot.press("down", "enter")  # Monday's row, the older of the two
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        assert app.screen.session.started_at.day == 5 and app.screen.session.notes == ""
        await pilot.press("escape", "up", "enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        assert app.screen.session.notes == "friday, copied from monday"

"""Hostile and unusual text in the app: shown exactly as written, never obeyed, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import DataTable, Static

from calftui.journal import read_journal
from calftui.ui.app import CalfApp
from calftui.ui.screens.detail import DetailScreen
from calftui.ui.screens.history import HistoryScreen
from calftui.ui.screens.picker import PickerScreen
from calftui.ui.screens.session import SessionScreen
from calftui.ui.screens.summary import SummaryScreen
from calftui.ui.widgets.bigtext import BigText
from calftui.ui.widgets.rows import RowTable
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, notices, text_of, until

NAME = "Calf raise [bw] [/] [@click=app.quit]"
WORKOUT = f'''name = "Hostile [b]calves[/b] [@click=app.screenshot('journal.toml','.')]"
description = "[red]not red[/red]"
[[exercise]]
name = "{NAME}"
reps = 3
tempo = "1-1-1-0"
load = "[i]10 kg[/i]"
cues = ["[link=https://example.com]knees[/link]", "[/]"]
notes = "[@click=app.quit]"
[exercise.say]
up = "[bold]-f/etc/passwd"
'''


def rendered(widget: Static) -> str:
    return str(widget.render())


async def test_file_text_is_shown_as_written_and_never_obeyed(tmp_path: Path) -> None:
    file = tmp_path / "hostile.toml"
    file.write_text(WORKOUT)
    journal = tmp_path / "journal.toml"
    clock = FakeClock()
    app = CalfApp(journal=journal, sound=False, clock=clock, start=load_entry(file, "path"))
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = app.screen
        assert rendered(screen.query_one("#exercise", Static)) == NAME
        assert "[i]10 kg[/i]" in rendered(screen.query_one("#load", Static))
        assert rendered(screen.query_one("#cues", Static)) == "[link=https://example.com]knees[/link]  ·  [/]"
        assert "Hostile [b]calves[/b]" in rendered(screen.query_one("#workout-name", Static))
        await pilot.click("#exercise")  # had it been markup, this would have quit or written a screenshot
        await pilot.press("enter")
        clock.advance(0.5)  # rising: the "up" words
        screen.tick()
        await pilot.pause()
        words = screen.query_one("#tempo-words", BigText)
        assert words.lines() == ("[bold]-f/etc/passwd",)  # no big font for it: drawn as written
        await pilot.press("space", "space", "space", "enter")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.pause()
        assert app.is_running and not (tmp_path / "journal.toml.svg").exists()
        summary = app.screen
        assert "Hostile [b]calves[/b]" in rendered(summary.query_one("#summary-title", Static))
        assert NAME in text_of(summary.query_one("#summary-table", Static))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        history = HistoryScreen()
        await app.push_screen(history)
        table = history.query_one(RowTable)
        await until(pilot, lambda: table.row_count == 1, "the history's row")
        assert "  Hostile [b]calves[/b] [@click=app.s" in table.rows[0].plain  # as written, not obeyed
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        sets = app.screen.query_one("#sets", DataTable)
        assert str(sets.get_row_at(0)[0]) == NAME  # whole: the name wraps in its column
    [session] = read_journal(journal).sessions
    assert session.sets[0].exercise == NAME  # the journal holds what was written, byte for byte


async def test_a_notice_quoting_file_text_is_not_markup(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n[[exercise]]\nname = "a"\nreps = 5\n"[@click=app.quit]" = 1\n')
    app = CalfApp(journal=tmp_path / "journal.toml", sound=False, clock=FakeClock())
    said = notices(app)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        app.start_workout(load_entry(broken, "path"))
        def toasts() -> list[str]:  # the notices on screen, found by their public type name
            return [str(t.render()) for t in app.screen.query("Toast")]

        await until(pilot, lambda: any("[@click=app.quit]" in t for t in toasts()), "the notice, as written")
        assert app.is_running and any("unknown key" in s for s in said)


async def test_a_theme_colour_textual_cannot_read_falls_back_to_the_default(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "neon.toml").write_text('primary = "#FF00FF"\n[variables]\nfooter-background = "#GGGGGG"\n')
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, theme="neon")
    said = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        assert app.theme == "dark"
    assert any("neon.toml:3: variables.footer-background: '#GGGGGG' is not a colour" in s for s in said), said


async def test_a_named_pipe_as_journal_never_hangs_the_app(tmp_path: Path) -> None:
    fifo = tmp_path / "journal.toml"
    os.mkfifo(fifo)
    app = CalfApp(journal=fifo, sound=False, clock=FakeClock())
    said = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: any("named pipe" in s for s in said), "the journal's problem")
        await pilot.press("h")  # history too: a notice, no wait
        await until(pilot, lambda: sum("named pipe" in s for s in said) >= 2, "history's notice")
    assert not app.is_running

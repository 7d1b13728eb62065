"""One owner per session, through the app: the palette, the recovery offers, leaving."""

from __future__ import annotations

from pathlib import Path

from calftui import paths
from calftui.journal import read_journal
from calftui.live import checkpoint as cp
from calftui.ui.app import CalfApp
from calftui.ui.screens.picker import PickerScreen
from calftui.ui.screens.recover import RecoverDialog
from calftui.ui.screens.session import SessionScreen
from calftui.ui.screens.switch import SwitchDialog
from calftui.workouts.catalog import discover

from helpers import FakeClock, notices, until
from test_ui import crashed, offers


def entry(stem: str):  # type: ignore[no-untyped-def]
    return next(e for e in discover() if e.stem == stem)


async def start_from_palette(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    """ctrl+p, type, enter: as a lifter starts a workout from the command palette."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the command palette")
    await pilot.press(*words)
    palette = pilot.app.screen

    def found() -> bool:
        from textual.widgets import OptionList

        options = palette.query_one(OptionList)
        return options.option_count > 0 and "Start" in str(options.get_option_at_index(0).prompt)

    await until(pilot, found, f"a palette hit for {words!r}")
    await pilot.press("enter")


async def test_the_palette_never_displaces_a_running_session(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    app = CalfApp(journal=journal, sound=False, clock=FakeClock(), start=entry("heel-raise-test"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        first = app.screen.session
        await pilot.press("enter", *["space"] * 5)
        await start_from_palette(pilot, "soleus")
        await until(pilot, lambda: isinstance(app.screen, SwitchDialog), "the question")
        await pilot.press("escape")  # carry on: nothing changed
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session again")
        assert app.screen.session is first and first.view(app.clock()).reps == 5
        await start_from_palette(pilot, "soleus")
        await until(pilot, lambda: isinstance(app.screen, SwitchDialog), "the question")
        await pilot.press("s")  # save the running one, start the new one
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.session is not first,
                    "the new session")
        assert app.screen.workout.name == "Soleus focus"
        assert sum(isinstance(s, SessionScreen) for s in app.screen_stack) == 1
        [saved] = read_journal(journal).sessions
        assert saved.id == first.id and saved.status == "partial" and saved.total_reps == 5
        assert sorted(p.stem for p in paths.sessions_dir().glob("*.json")) == [app.screen.session.id]
        await start_from_palette(pilot, "death")
        await until(pilot, lambda: isinstance(app.screen, SwitchDialog), "the question")
        second = app.session
        await pilot.press("d")  # discard the running one (nothing done: nothing to save)
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.session is not second,
                    "the death set")
    assert len(read_journal(journal).sessions) == 1
    assert offers() == []


async def test_with_a_recovery_offer_open_nothing_else_starts(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    old = crashed(tmp_path, '[[exercise]]\nname = "R"\nreps = 10\n', 6)
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    said = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RecoverDialog), "the offer")
        app.start_workout(entry("soleus-focus"))  # what the palette's Start does
        await pilot.pause()
        assert isinstance(app.screen, RecoverDialog) and app.session is None
        assert any("save or discard the unfinished session" in n for n in said)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
    [session] = read_journal(journal).sessions
    assert session.id == old.id and session.total_reps == 6


async def test_several_unfinished_sessions_newest_first(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    older = crashed(tmp_path, '[[exercise]]\nname = "R"\nreps = 10\n', 3, "Older")
    newer = crashed(tmp_path, '[[exercise]]\nname = "R"\nreps = 10\n', 8, "Newer")
    assert newer.started_at >= older.started_at
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RecoverDialog), "the first offer")
        dialog = app.screen
        assert "1 of 2" in dialog.title_text and "Newer" in dialog.body
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, RecoverDialog) and app.screen is not dialog, "the second")
        assert "2 of 2" in app.screen.title_text and "Older" in app.screen.body
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
    [session] = read_journal(journal).sessions
    assert session.id == older.id and session.total_reps == 3
    assert offers() == []


async def test_later_keeps_the_offer_for_the_next_start(tmp_path: Path) -> None:
    old = crashed(tmp_path, '[[exercise]]\nname = "R"\nreps = 10\n', 2)
    app = CalfApp(journal=tmp_path / "journal.toml", sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RecoverDialog), "the offer")
        assert cp.Store().offers().offers == []  # offered here: no other window offers it meanwhile
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        assert [p.checkpoint.session_id for p in offers()] == [old.id]


async def test_a_damaged_checkpoint_is_reported_and_never_replaced(tmp_path: Path) -> None:
    folder = paths.sessions_dir()
    folder.mkdir(parents=True)
    damaged = folder / "3f1c.json"
    damaged.write_bytes(b'{"version": 2, "session_id": "3f1c", "eng')
    app = CalfApp(journal=tmp_path / "journal.toml", sound=False, clock=FakeClock(), start=entry("soleus-focus"))
    said = notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        assert any("3f1c.json" in n and "left there untouched" in n for n in said)
        await pilot.press("enter", "space", "space")
    assert damaged.read_bytes() == b'{"version": 2, "session_id": "3f1c", "eng'
    assert len(list(folder.glob("*.json"))) == 2


async def test_leaving_on_the_ready_screen_leaves_nothing(tmp_path: Path) -> None:
    app = CalfApp(journal=tmp_path / "journal.toml", sound=False, clock=FakeClock(), start=entry("soleus-focus"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        assert len(list(paths.sessions_dir().glob("*.json"))) == 1
        await pilot.press("ctrl+q")
    assert list(paths.sessions_dir().iterdir()) == []
    assert not (tmp_path / "journal.toml").exists()

"""Putting the record right at the calf block, by keyboard alone: a typed count, a correction,
a skip, how hard it was, a note; what the journal gets is what the lifter settled on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.events import Key
from textual.widgets import Input, Static

from calftui import paths
from calftui.common.config import Settings
from calftui.journal import read_journal
from calftui.live import checkpoint as cp
from calftui.ui.app import CalfApp
from calftui.ui.screens.edit import EditSetScreen, SetForm
from calftui.ui.screens.rpe import RpeDialog
from calftui.ui.screens.session import SessionScreen
from calftui.ui.screens.summary import SummaryScreen
from calftui.ui.widgets.bigtext import BigText
from calftui.ui.widgets.keybar import KeyBar
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, drawn, text_of, until

BODY = ('[[exercise]]\nname = "Ramp"\nsets = 1\nreps = 10\nwarmup = true\nrest = 20\n'
        '[[exercise]]\nname = "Raise"\nsets = 3\nreps = "12-15"\nrest = 30\nweight = 20\n'
        '[[exercise]]\nname = "Hold"\nduration = 20\n')


def app_for(tmp_path: Path, settings: Settings | None = None) -> tuple[CalfApp, FakeClock, Path]:
    file = tmp_path / "w.toml"
    file.write_text('name = "Right"\n' + BODY)
    clock = FakeClock()
    journal = tmp_path / "journal.toml"
    app = CalfApp(journal=journal, start=load_entry(file, "path"), sound=False, clock=clock, settings=settings)
    return app, clock, journal


def line_of(screen: SessionScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_typing_the_count_when_taps_were_forgotten(tmp_path: Path) -> None:
    app, clock, journal = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = app.screen
        await pilot.press("s")  # no ramp-up today
        await pilot.press("enter", "space", "space")
        await pilot.press("9")
        assert screen.query_one("#counter", BigText).text == "9" and "typed: 9 reps" in line_of(screen, "#hint")
        await pilot.press("escape")  # cancelled: the taps count again
        assert screen.query_one("#counter", BigText).text == "2" and "typed" not in line_of(screen, "#hint")
        await pilot.press("1", "4")
        clock.advance(40)
        await pilot.press("enter")
        assert screen.engine.view(clock.now).state == "resting"
        await pilot.press("q")
        await pilot.press("s")  # save what was done
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        await pilot.press("enter")
        await pilot.pause()
    [session] = read_journal(journal).sessions
    assert [(s.exercise, s.reps, s.skipped, s.reps_typed) for s in session.sets] == [
        ("Ramp", None, True, False), ("Raise", 14, False, True)]
    assert len(session.sets[1].rep_at_s) == 2


async def test_correcting_a_finished_set_is_checkpointed_at_once(tmp_path: Path) -> None:
    app, _clock, _journal = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await pilot.press("s", "enter", *["space"] * 12, "enter")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditSetScreen), "the list of sets")
        await pilot.press("enter")  # the last set is highlighted: Raise, set 1
        await until(pilot, lambda: isinstance(app.screen, SetForm), "the form")
        form = app.screen
        await pilot.press("1", "3", "tab", "ctrl+u", "2", "5", "tab", "1", "2", "enter")
        assert isinstance(app.screen, SetForm)  # RPE 12 cannot be right: the form says so and stays
        assert "RPE is from 1 to 10" in str(form.query_one("#form-help", Static).render())
        form.query_one("#rpe", Input).value = "8.5"
        form.query_one("#note", Input).value = "heels did not go all the way down"
        form.query_one("#note", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EditSetScreen), "back to the list")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "back to the session")
        session = app.session
        assert session is not None
        [held] = [cp.Store().read(p) for p in paths.sessions_dir().glob("*.json")]  # kill -9 now: kept
        corrected = held.restore().records[1]
        assert (corrected.reps, corrected.weight, corrected.rpe, corrected.reps_edited, corrected.reps_typed) == (
            13, 25.0, 8.5, True, False)
        assert corrected.note == "heels did not go all the way down" and len(corrected.rep_at_s or []) == 12


async def test_skip_a_set_and_the_rest_of_an_exercise(tmp_path: Path) -> None:
    app, _clock, journal = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = app.screen
        await pilot.press("s")  # Ramp
        await pilot.press("enter", *["space"] * 13, "enter")  # Raise set 1
        await pilot.press("n")  # sets 2 and 3 of Raise, from the rest
        assert "Hold" in line_of(screen, "#exercise")
        await pilot.press("s")  # the hold: the last set, so the session has ended
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        summary = text_of(app.screen.query_one("#summary-table", Static))
        assert "skipped" in summary
        await pilot.press("enter")
        await pilot.pause()
    [session] = read_journal(journal).sessions
    got = [(s.exercise, s.set, s.reps, s.skipped) for s in session.sets]
    assert got == [("Ramp", 1, None, True), ("Raise", 1, 13, False), ("Raise", 2, None, True),
                   ("Raise", 3, None, True), ("Hold", 1, None, True)]
    assert session.status == "partial"  # the hold was skipped whole: the session says so


async def test_rpe_is_asked_after_working_sets_when_config_says_so(tmp_path: Path) -> None:
    app, clock, _journal = app_for(tmp_path, Settings(ask_rpe=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await pilot.press("enter", *["space"] * 10, "enter")  # the ramp-up: a warm-up, not asked
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        clock.advance(25)
        app.screen.tick()
        await pilot.press("enter", *["space"] * 12, "enter")
        await until(pilot, lambda: isinstance(app.screen, RpeDialog), "the RPE question")
        await pilot.press("8", ".", "5", "enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "back to the rest")
        assert app.screen.engine.view(clock.now).state == "resting"  # the rest ran on meanwhile
        clock.advance(31)
        app.screen.tick()
        await pilot.press("enter", *["space"] * 12, "enter")
        await until(pilot, lambda: isinstance(app.screen, RpeDialog), "the RPE question again")
        await pilot.press("escape")  # not now
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "back to the rest")
        assert [r.rpe for r in app.screen.engine.records] == [None, 8.5, None]


async def test_rpe_is_not_asked_by_default(tmp_path: Path) -> None:
    app, _clock, _ = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await pilot.press("s", "enter", *["space"] * 12, "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_the_summary_takes_a_note_and_a_correction_then_saves_on_leaving(tmp_path: Path) -> None:
    app, _clock, journal = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await pilot.press("s", "enter", *["space"] * 12, "enter", "n", "n")  # Raise set 1, then nothing more
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        assert not journal.exists()  # not yet: the summary may still correct it
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditSetScreen), "the list of sets")
        await pilot.press("up", "up", "up", "up", "enter")  # the first line: Ramp, skipped by mistake
        await until(pilot, lambda: isinstance(app.screen, SetForm), "the form")
        await pilot.press("1", "0", "enter")
        await until(pilot, lambda: isinstance(app.screen, EditSetScreen), "back to the list")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "back to the summary")
        await pilot.press("n", *"quad cramp", "enter")  # letters of a note are letters, not keys
        assert "Note: quad cramp" in str(app.screen.query_one("#summary-note", Static).render())
        assert isinstance(app.screen, SummaryScreen) and not journal.exists()
        await pilot.press("q")  # save & quit
        await pilot.pause()
    assert not app.is_running
    [session] = read_journal(journal).sessions
    assert session.notes == "quad cramp" and session.status == "partial"  # (the hold skipped whole with n)
    assert [(s.exercise, s.reps, s.skipped) for s in session.sets][:2] == [("Ramp", 10, False), ("Raise", 12, False)]
    assert list(paths.sessions_dir().iterdir()) == []


async def test_a_tap_while_paused_says_how_to_carry_on(tmp_path: Path) -> None:
    app, clock, _ = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await pilot.press("enter", "space", "p", "space", "space")
        await pilot.pause()
        assert app.screen.engine.view(clock.now).reps == 1
        messages = [n.message for n in app.notices]
        assert any("Paused: press p to carry on" in m for m in messages)


@pytest.mark.parametrize("width", [50, 60, 80, 120])
async def test_the_footer_never_draws_broken_text_and_keeps_quit_and_help(tmp_path: Path, width: int) -> None:
    """At any width the footer is whole keys with whole labels (as many as fit), quit and help among them."""
    app, _clock, _ = app_for(tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        for keys in ((), ("enter", "space"), ("enter",), ("p",)):  # ready, working, resting, paused
            await pilot.press(*keys)
            await pilot.pause()
            [line] = drawn(app.screen.query_one(KeyBar)).splitlines()
            assert len(line) == width
            items = whole_items(app.screen, line.rstrip().removesuffix("^p palette").rstrip())
            assert items is not None, f"broken text in the footer: {line!r}"
            assert {"q Quit", "? Help"} <= set(items), line


def whole_items(screen: SessionScreen, line: str) -> list[str] | None:
    """``line`` read as footer items ("key label", each label one a key can have), or None when some
    of it is no whole item."""
    from calftui.ui.screens.session import SHORT

    bindings = [b for b in screen.BINDINGS if isinstance(b, Binding)]
    keys = {screen.app.get_key_display(b) for b in bindings} | {"[ ]"}
    labels = {b.description for b in bindings} | set(SHORT.values()) | {"Load", "+15s", "-15s"}
    items: list[str] = []
    rest = line
    while rest:
        found = next((f"{k} {label}" for k in sorted(keys, key=len, reverse=True) for label in
                      sorted(labels, key=len, reverse=True)
                      if rest == f"{k} {label}" or rest.startswith(f"{k} {label} ")), None)
        if found is None:
            return None
        items.append(found)
        rest = rest[len(found):].lstrip(" ")
    return items


async def test_a_note_typed_at_once_after_n_keeps_its_first_letter(tmp_path: Path) -> None:
    """A fast typist (or a slow laptop) has ``n`` and the note's first letters waiting together: the
    letters after ``n`` go into the note, not to the screen it was pressed on."""
    app, _clock, _journal = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await pilot.press("s", "enter", *["space"] * 12, "enter", "n", "n")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        for key in "ncalves":  # queued together, as a terminal delivers keys typed faster than they are handled
            app.post_message(Key(key, key))
        await pilot.pause()
        assert app.screen.query_one("#note-input", Input).value == "calves"


async def test_a_correction_typed_at_once_lands_in_the_form_in_order(tmp_path: Path) -> None:
    """``e``, Enter and the whole correction typed in one go (faster than the list of sets and then
    the form are put on screen): every key after Enter is the form's, Tab and Backspace included."""
    app, _clock, _journal = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        await pilot.press("enter", *["space"] * 8, "enter")  # the ramp-up: 8 reps, no load
        assert app._driver is not None
        keys = [("e", "e"), ("enter", "\r"), ("backspace", "\x7f"), ("9", "9"), ("tab", "\t"), ("2", "2"),
                ("0", "0"), ("tab", "\t"), ("8", "8"), ("tab", "\t"), ("o", "o"), ("k", "k")]
        for key, character in keys:  # sent together, as tmux send-keys or a fast typist delivers them
            app._driver.send_message(Key(key, character))
        await until(pilot, lambda: isinstance(app.screen, SetForm), "the form")
        await pilot.pause()
        form = app.screen
        values = {box.id: box.value for box in form.query(Input)}
        assert values == {"reps": "9", "load": "20", "rpe": "8", "note": "ok"}
        await pilot.press("enter")
        record = app.session.engine.records[0] if app.session else None
        assert record is not None and (record.reps, record.weight, record.rpe, record.note) == (9, 20.0, 8.0, "ok")

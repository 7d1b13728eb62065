"""The session in Textual, driven through Pilot with a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from calftui.common.config import Settings
from calftui.journal import read_journal
from calftui.live import checkpoint as cp
from calftui.live.session import Session
from calftui.ui.app import CalfApp
from calftui.ui.screens.recover import RecoverDialog
from calftui.ui.screens.session import SessionScreen
from calftui.ui.screens.summary import SummaryScreen
from calftui.ui.widgets.bigtext import BigText
from calftui.workouts.catalog import load_entry

from helpers import FakeClock


def app_for(tmp_path: Path, body: str, clock: FakeClock | None = None) -> tuple[CalfApp, FakeClock, Path]:
    file = tmp_path / "w.toml"
    file.write_text('name = "Test workout"\n' + body)
    clock = clock or FakeClock()
    journal = tmp_path / "journal.toml"
    app = CalfApp(journal=journal, start=load_entry(file, "path"), sound=False, clock=clock)
    return app, clock, journal


async def wait_for(pilot, screen_type) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause()
    raise AssertionError(f"{screen_type.__name__} never showed; on {pilot.app.screen!r}")


def tick(pilot, clock: FakeClock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    clock.advance(seconds)
    pilot.app.screen.tick()


async def test_whole_reps_workout_lands_in_the_journal(tmp_path: Path) -> None:
    app, clock, journal = app_for(tmp_path, '[[exercise]]\nname = "Raise"\nsets = 2\nreps = "3-5"\nrest = '
                                            '30\nweight = 20\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.press("enter")
        for _ in range(4):
            clock.advance(2)
            await pilot.press("space")
        await pilot.press("right_square_bracket")
        await pilot.press("enter")
        assert app.screen.engine.view(clock.now).state == "resting"
        await pilot.press("plus")
        assert app.screen.engine.view(clock.now).remaining == 45
        await pilot.press("minus", "minus")
        tick(pilot, clock, 15.5)
        assert app.screen.engine.view(clock.now).state == "ready"
        await pilot.press("enter")
        for _ in range(3):
            clock.advance(2)
            await pilot.press("space")
        await pilot.press("f")
        await wait_for(pilot, SummaryScreen)
    [session] = read_journal(journal).sessions
    assert session.status == "completed"
    assert [(s.reps, s.weight, s.failure) for s in session.sets] == [(4, 22.5, False), (3, 22.5, True)]
    assert session.sets[0].rep_at_s == (2.0, 4.0, 6.0, 8.0)
    assert session.sets[1].rest_before_s == pytest.approx(15.5)
    assert offers() == []


async def test_death_set_with_failures_and_rest_pauses(tmp_path: Path) -> None:
    app, clock, journal = app_for(tmp_path, '[[exercise]]\nname = "Death"\ntarget = 60\nrest_pause = "10s"\ntempo '
                                            '= "1-1-1-0"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.press("enter")
        for mini in (25, 20):
            for _ in range(mini):
                clock.advance(1)
                await pilot.press("space")
            await pilot.press("f")
            assert "REST-PAUSE" in app.screen.query_one("#state", BigText).text
            tick(pilot, clock, 10)  # left to run out: the next mini-set is already working
            assert app.screen.engine.view(clock.now).state == "working"
        for _ in range(15):
            clock.advance(1)
            await pilot.press("space")
        await wait_for(pilot, SummaryScreen)
    [session] = read_journal(journal).sessions
    assert [s.reps for s in session.sets] == [25, 20, 15]
    assert [s.failure for s in session.sets] == [True, True, False]
    assert [s.rest_before_s for s in session.sets] == [0.0, 10.0, 10.0]


async def test_per_side_timed_holds_run_by_themselves(tmp_path: Path) -> None:
    app, clock, journal = app_for(tmp_path, '[[exercise]]\nname = "Stretch"\nduration = "30s"\nper_side = true\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.press("enter")
        assert "left side" in str(app.screen.query_one("#setline").render())
        tick(pilot, clock, 30)
        assert "SWITCH SIDES" in app.screen.query_one("#state", BigText).text
        tick(pilot, clock, 5)
        assert "right side" in str(app.screen.query_one("#setline").render())
        tick(pilot, clock, 30)
        await wait_for(pilot, SummaryScreen)
    [session] = read_journal(journal).sessions
    assert [(s.side, s.duration_s) for s in session.sets] == [("left", 30.0), ("right", 30.0)]


async def test_pause_undo_and_a_burst_of_taps(tmp_path: Path) -> None:
    app, clock, _ = app_for(tmp_path, '[[exercise]]\nname = "Raise"\nreps = "amrap"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.press(*["space"] * 50)  # a burst, no enter first: nothing lost
        screen = app.screen
        assert screen.engine.view(clock.now).reps == 50
        await pilot.press("backspace")
        assert screen.engine.view(clock.now).reps == 49
        await pilot.press("p")
        assert "PAUSED" in screen.query_one("#state", BigText).text and screen.has_class("-paused")
        await pilot.press("space")
        assert screen.engine.view(clock.now).reps == 49
        await pilot.press("p")
        await pilot.click("#counter")
        assert screen.engine.view(clock.now).reps == 50
        [item], _ = cp.Store().unfinished()
        assert item.live and item.checkpoint.counted_reps == 50


@pytest.mark.parametrize("choice", ["save", "discard", "continue"])
async def test_quit_choices(tmp_path: Path, choice: str) -> None:
    app, clock, journal = app_for(tmp_path, '[[exercise]]\nname = "Raise"\nsets = 3\nreps = 10\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.press("enter", "space", "space", "space", "enter", "enter", "enter", "space", "q")
        await pilot.press({"save": "s", "discard": "d", "continue": "escape"}[choice])
        await pilot.pause()
        if choice == "save":
            await wait_for(pilot, SummaryScreen)
        elif choice == "continue":
            assert isinstance(app.screen, SessionScreen) and app.screen.engine.view(clock.now).reps == 1
    sessions = read_journal(journal).sessions
    if choice == "save":
        [session] = sessions
        assert session.status == "partial" and [s.reps for s in session.sets] == [3, 1]
        assert offers() == []
    elif choice == "discard":
        assert sessions == [] and offers() == []
    else:  # calftui was closed during the session: it stays for the next start
        assert sessions == [] and [p.checkpoint.counted_reps for p in offers()] == [4]


def crashed(tmp_path: Path, body: str, reps: int, name: str = "Crash") -> Session:
    """A session left behind by a calftui that was killed after ``reps`` taps."""
    file = tmp_path / f"{name}.toml"
    file.write_text(f'name = "{name}"\n' + body)
    entry = load_entry(file, "path")
    assert entry.workout is not None
    session = Session.begin(entry.workout, journal=tmp_path / "journal.toml", settings=Settings(), now=50.0)
    for i in range(reps):
        session.send("rep", 51.0 + i)
    assert session.lock is not None
    session.lock.release()  # kill -9: the OS lets go of the lock, nothing else happens
    return session


def offers() -> list[cp.Pending]:
    found = cp.Store().offers().offers
    for pending in found:
        pending.release()
    return found


async def test_resume_after_a_crash(tmp_path: Path) -> None:
    old = crashed(tmp_path, '[[exercise]]\nname = "Death"\ntarget = 100\n', 33)
    clock = FakeClock(9_000.0)
    app = CalfApp(journal=tmp_path / "journal.toml", sound=False, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RecoverDialog)
        assert "33 rep(s) counted" in str(app.screen.query_one(".dialog").query("Static")[1].render())
        await pilot.press("r")
        await wait_for(pilot, SessionScreen)
        screen = app.screen
        assert screen.engine.paused and screen.engine.view(clock.now).total == 33
        await pilot.press("p", "space")
        assert screen.engine.view(clock.now).total == 34
        assert screen.session.id == old.id


async def test_recovery_save_as_partial(tmp_path: Path) -> None:
    crashed(tmp_path, '[[exercise]]\nname = "R"\nreps = 10\n', 7)
    journal = tmp_path / "journal.toml"
    app = CalfApp(journal=journal, sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, RecoverDialog)
        await pilot.press("s")
        await pilot.pause()
    [session] = read_journal(journal).sessions
    assert session.status == "partial" and session.total_reps == 7 and offers() == []


async def test_footer_shows_what_matters_now(tmp_path: Path) -> None:
    app, _clock, _ = app_for(tmp_path, '[[exercise]]\nname = "Raise"\nsets = 2\nreps = 10\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, SessionScreen)
        screen = app.screen

        async def footer() -> set[str]:
            await pilot.pause()
            return {b.binding.description for b in screen.active_bindings.values() if b.enabled and b.binding.show}

        ready = await footer()
        assert "Start" in ready and not {"Finish", "Skip", "+15s", "Fail", "Undo"} & ready
        await pilot.press("enter")
        working = await footer()
        assert {"Rep", "Finish", "Fail"} <= working and not {"Start", "Skip", "Undo"} & working
        await pilot.press("space")
        assert "Undo" in await footer()
        await pilot.press("enter")
        resting = await footer()
        assert {"End rest", "+15s", "-15s", "Skip set"} <= resting and not {"Fail", "Finish"} & resting
        await pilot.press("p")
        paused = await footer()
        assert "Pause" in paused and not {"Rep", "Skip"} & paused


async def test_help_lists_every_key(tmp_path: Path) -> None:
    app, _, _ = app_for(tmp_path, '[[exercise]]\nname = "Raise"\nreps = 10\n')
    async with app.run_test(size=(80, 30)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        from calftui.ui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.rows)
        assert set(keys) == {"space", "⌫", "⏎", "f", "0-9", "esc", "t", "u", "s", "n", "e", "+, -", "[, ]", "p", "m",
                             "q", "?"}  # keys that go together on one row
        assert keys["space"].startswith("Count one rep") and "Failure" in keys["f"]
        assert keys["⏎"] == "Start the set; Finish this set; End the countdown now"  # one key, three meanings


async def test_picker_filters_and_starts(tmp_path: Path) -> None:
    app = CalfApp(journal=tmp_path / "journal.toml", sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        from calftui.ui.screens.picker import PickerScreen

        await wait_for(pilot, PickerScreen)
        await pilot.press(*"/heel")  # h alone opens the history; / first filters by it
        options = app.screen.query_one("#workouts")
        assert options.option_count == 1
        await pilot.press("enter")
        await wait_for(pilot, SessionScreen)
        assert app.screen.workout.name == "Single-leg heel-raise test"


async def test_taps_after_the_last_rep_never_write_the_session_twice(tmp_path: Path) -> None:
    app, _clock, journal = app_for(tmp_path, '[[exercise]]\nname = "Death"\ntarget = 5\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.press(*["space"] * 4)
        screen = app.screen
        for _ in range(4):  # the last rep and three more that were already queued behind it
            screen.action_rep()
        screen.tick()  # and a redraw timer that fires in the same moment
        await wait_for(pilot, SummaryScreen)
    [session] = read_journal(journal).sessions
    assert session.total_reps == 5


async def test_the_picker_sees_a_session_saved_in_another_window(tmp_path: Path) -> None:
    import asyncio
    from datetime import datetime

    from textual.widgets import OptionList

    from calftui.ui.screens.picker import PickerScreen

    from journal_helpers import append_session, make_session

    journal = tmp_path / "journal.toml"
    app = CalfApp(journal=journal, sound=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, PickerScreen)
        picker = pilot.app.screen
        assert isinstance(picker, PickerScreen)
        await pilot.pause(0.3)
        assert picker.when(next(e for e in picker.entries if e.stem == "death-set")) is None
        # another calftui saves a session (the picker's own app never hears of it)
        append_session(journal, make_session(0, start=datetime.now().astimezone()))
        for _ in range(60):  # the picker looks again within its two-second watch
            await asyncio.sleep(0.1)
            if picker.when(next(e for e in picker.entries if e.stem == "death-set")) is not None:
                break
        else:
            raise AssertionError("the picker still says 'never done'")
        await pilot.pause()
        assert "done today" in str(picker.query_one(OptionList).get_option("death-set").prompt)


async def test_started_straight_into_a_session_the_picker_reads_the_journal_when_it_shows(tmp_path: Path) -> None:
    """`calftui run` puts a session over the picker at once: the picker's dates wait until it is
    back on screen, rather than reading the journal against the session's first frames."""
    import asyncio
    from datetime import datetime

    from textual.widgets import OptionList

    from calftui.ui.screens.picker import PickerScreen

    from journal_helpers import append_session, make_session

    journal = tmp_path / "journal.toml"
    append_session(journal, make_session(0, start=datetime.now().astimezone()))
    entry = load_entry(Path(__file__).parents[2] / "workouts" / "death-set.toml", "path")
    app = CalfApp(journal=journal, sound=False, start=entry)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, SessionScreen)
        await pilot.pause(0.4)  # past the picker's first-load timer
        picker = next(s for s in pilot.app.screen_stack if isinstance(s, PickerScreen))
        assert picker.last_done == {}  # nothing read behind the session
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("d")  # discard: back to the picker
        await wait_for(pilot, PickerScreen)
        for _ in range(50):
            await asyncio.sleep(0.1)
            if picker.last_done:
                break
        await pilot.pause()
        assert "done today" in str(picker.query_one(OptionList).get_option("death-set").prompt)

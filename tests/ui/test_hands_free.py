"""Hands busy at the calf block: a set that counts itself by the tempo, any key (a foot pedal's) as
the rep key, and the suggested load taken with one key."""

from __future__ import annotations

from pathlib import Path

from calftui.common.config import Settings
from calftui.journal import read_journal
from calftui.ui.app import CalfApp
from calftui.ui.screens.help import HelpScreen
from calftui.ui.screens.session import SessionScreen
from calftui.ui.widgets.keybar import KeyBar
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, drawn, notices, on_session, until
from journal_helpers import append_session, reps_set, session

TEMPO = '''name = "Single leg"
[[exercise]]
name = "Single-leg raise"
sets = 2
reps = "10-15"
per_side = true
rest = 30
tempo = { down = 2, up = 1, top = 1 }
'''


def app_for(tmp_path: Path, text: str, clock: FakeClock, settings: Settings | None = None) -> CalfApp:
    file = tmp_path / "w.toml"
    file.write_text(text)
    return CalfApp(journal=tmp_path / "journal.toml", start=load_entry(file, "path"), sound=False, clock=clock,
                   settings=settings)


def footer(screen: SessionScreen) -> str:
    return drawn(screen.query_one(KeyBar))


def line(screen: SessionScreen, key: str) -> str:
    return str(screen.query_one(f"#{key}").render())


async def test_t_switches_the_set_in_progress_to_the_tempo_and_the_hands_come_off(tmp_path: Path) -> None:
    clock = FakeClock()
    app = app_for(tmp_path, TEMPO, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_session(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "tempo: lower 2 s · rise 1 s · squeeze 1 s at the top" in line(screen, "rhythm")
        assert "t Tempo" in footer(screen)  # (compact labels at 80 columns)
        await pilot.press("enter", "space")
        clock.advance(1.0)
        await pilot.press("t")  # one rep tapped, then the tempo counts (a cycle is 4 s)
        assert "t Taps" in footer(screen) and "space Rep" not in footer(screen)
        assert "counted by the tempo" in line(screen, "under")
        await pilot.press("space")  # a stray tap adds nothing
        clock.advance(7.5)
        screen.tick()
        await pilot.pause()
        assert screen.engine.view(clock.now).reps == 3  # the tap, and the cycle ends at 4 s and 8 s
        await pilot.press("enter")
        await until(pilot, lambda: screen.engine.view(clock.now).side == "right", "the right side")
        clock.advance(5)
        screen.tick()  # the switch runs out: the right side starts by itself, counting by the tempo
        clock.advance(4.2)
        screen.tick()
        await pilot.pause()
        assert screen.engine.view(clock.now).reps == 1
        await pilot.press("q")
        await pilot.press("s")  # leave, saving what was done
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen), "the summary")
        await pilot.press("enter")
        await until(pilot, lambda: (tmp_path / "journal.toml").exists(), "the journal")
    [saved] = read_journal(tmp_path / "journal.toml").sessions
    left, right = saved.sets
    assert (left.reps, left.count, left.rep_at_s) == (3, "tempo", (0.0, 4.0, 8.0))
    assert (right.reps, right.count) == (1, "tempo")


async def test_a_foot_pedal_key_counts_everywhere_a_tap_does_and_is_named(tmp_path: Path) -> None:
    """A USB pedal sends a key; mapped as the rep key, it starts a set, counts, ends a rest, and is the
    key the footer, the help and the paused notice name."""
    clock = FakeClock()
    body = '''name = "Pedal"
[[exercise]]
name = "Raise"
sets = 2
reps = 12
rest = 30
'''
    app = app_for(tmp_path, body, clock, Settings(keys={"session.rep": "f5"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_session(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert footer(screen).startswith("f5 Rep ⏎ Start") and "just start with f5" in line(screen, "hint")
        await pilot.press("f5")  # ready: starts the set and counts
        clock.advance(1)
        await pilot.press("f5", "space")  # space is not the rep key any more
        assert screen.engine.view(clock.now).reps == 2
        await pilot.press("enter")
        assert screen.engine.view(clock.now).state == "resting"
        await pilot.press("f5")  # resting: the next set starts, and counts
        assert screen.engine.view(clock.now).reps == 1 and screen.engine.view(clock.now).set_number == 2
        said = notices(app)
        await pilot.press("p", "f5")
        assert screen.engine.view(clock.now).reps == 1
        assert any("Paused: press p to carry on" in message for message in said)
        await pilot.press("p", "question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        rows = dict(app.screen.rows)
        assert rows["f5"].startswith("Count one rep") and "space" not in rows


async def test_the_ready_screen_has_one_load_line_and_u_takes_the_suggestion(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    append_session(journal, session(0, [reps_set("Raise", 15, weight=20, n=n) for n in (1, 2, 3)],
                                    workout="Calves"))
    clock = FakeClock()
    body = 'name = "Calves"\n[[exercise]]\nname = "Raise"\nsets = 3\nreps = "12-15"\nweight = 20\n'
    app = app_for(tmp_path, body, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_session(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert line(screen, "load") == "load 20 kg  ·  suggested 22.5 kg: u takes it"
        assert "load" not in line(screen, "setline") and "suggested" not in line(screen, "last")
        assert "u Use 22.5 kg" in footer(screen)
        await pilot.press("u")
        assert line(screen, "load") == "load 22.5 kg, as suggested"
        assert "u Use" not in footer(screen)
        await pilot.press("enter", "space", "enter", "q", "s")
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen), "the summary")
        await pilot.press("enter")
        await until(pilot, lambda: len(read_journal(journal).sessions) == 2, "the session in the journal")
    assert [s.weight for s in read_journal(journal).sessions[-1].sets] == [22.5]

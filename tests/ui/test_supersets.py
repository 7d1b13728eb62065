"""Supersets and holds for max, through the Textual app with a fake clock, read back from the journal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from calftui.journal import read_journal
from calftui.ui.app import CalfApp
from calftui.ui.screens.session import SessionScreen
from calftui.ui.screens.summary import SummaryScreen
from calftui.ui.widgets.bigtext import BigText
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, text_of, until

SUPERSET = '''name = "Pairs"
[[exercise]]
name = "Seated calf raise"
group = "A"
sets = 2
reps = 3
transition = "10s"

[[exercise]]
name = "Tibialis raise"
group = "A"
sets = 2
reps = 4
per_side = true
rest = "60s"

[[exercise]]
name = "Top hold"
duration = "max"
'''


def line(screen: SessionScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_a_superset_and_a_hold_for_max_land_in_the_journal(tmp_path: Path) -> None:
    file = tmp_path / "pairs.toml"
    file.write_text(SUPERSET)
    clock = FakeClock()
    journal = tmp_path / "journal.toml"
    app = CalfApp(journal=journal, start=load_entry(file, "path"), sound=False, clock=clock, wall=clock.wall)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        screen = app.screen
        for round_number in (1, 2):
            assert "A1  ·  round " + str(round_number) + " of 2" in line(screen, "#setline")
            await pilot.press("enter", "space", "space", "space", "enter")  # A1
            assert screen.query_one("#state", BigText).text == "NEXT"  # the 10 s transition
            assert "A2 Tibialis raise" in line(screen, "#under")
            clock.advance(10.5)
            screen.tick()
            await pilot.pause()
            assert "A2  ·  round " + str(round_number) + " of 2  ·  left side" in line(screen, "#setline")
            await pilot.press("enter", *["space"] * 4, "enter")  # A2 left
            clock.advance(5.5)  # the switch: the right side starts by itself
            screen.tick()
            await pilot.pause()
            await pilot.press(*["space"] * 4, "enter")  # A2 right: the round is over
            if round_number == 1:
                assert screen.query_one("#state", BigText).text == "REST"
                assert line(screen, "#under").startswith("round 2 of 2: A1 Seated calf raise: 3 reps  ·  A2 Tibialis")
                await pilot.press("enter")  # the rest, ended early
        clock.advance(61)  # the rest before the hold
        screen.tick()
        await pilot.pause()
        await pilot.press("enter")
        clock.advance(73.4)
        screen.tick()
        await pilot.pause()
        assert screen.query_one("#counter", BigText).text == "1:13"  # counting up
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        table = text_of(app.screen.query_one("#summary-table", Static))
        assert "A1 Seated calf raise" in table and "A2 Tibialis raise" in table
        await pilot.press("enter")
        await pilot.pause()
    [session] = read_journal(journal).sessions
    got = [(s.exercise, s.set, s.side, s.group, s.round) for s in session.sets]
    assert got == [("Seated calf raise", 1, "both", "A", 1), ("Tibialis raise", 1, "left", "A", 1),
                   ("Tibialis raise", 1, "right", "A", 1), ("Seated calf raise", 2, "both", "A", 2),
                   ("Tibialis raise", 2, "left", "A", 2), ("Tibialis raise", 2, "right", "A", 2),
                   ("Top hold", 1, "both", None, None)]
    hold = session.sets[-1]
    assert hold.duration_s == 73.4 and hold.planned_s is None and hold.failure
    assert [s.rest_planned_s for s in session.sets[:4]] == [None, 10.0, 5.0, 60.0]

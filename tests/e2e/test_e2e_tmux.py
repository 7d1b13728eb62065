"""calftui in a real terminal (tmux): keys as a lifter presses them, the journal read back.

Skipped where tmux is missing, except in CI (CALFTUI_REQUIRE_TMUX=1), where it must run.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from calftui.journal import read_journal

from terminal import Server, Terminal, environment

if shutil.which("tmux") is None:
    if os.environ.get("CALFTUI_REQUIRE_TMUX"):
        raise RuntimeError("tmux is required for these tests here (CALFTUI_REQUIRE_TMUX is set)")
    pytest.skip("tmux is not installed (apt-get install tmux)", allow_module_level=True)


@pytest.fixture
def server() -> Iterator[Server]:
    with Server() as running:
        yield running


@pytest.fixture
def terminal(server: Server, isolated_home: Path) -> Terminal:
    return server.terminal(environment(isolated_home), name="lifter")


@pytest.fixture
def second(server: Server, isolated_home: Path) -> Terminal:
    """Another window on the same machine, same data folder."""
    return server.terminal(environment(isolated_home), name="other")


WORKOUT = """name = "Quick calves"
[[exercise]]
name = "Standing calf raise"
sets = 2
reps = "5-6"
rest = "2s"
weight = 20

[[exercise]]
name = "Mini death set"
target = 12
rest_pause = "2s"
"""


def test_a_whole_session_in_a_real_terminal(terminal: Terminal, isolated_home: Path) -> None:
    workout = isolated_home / "quick.toml"
    workout.write_text(WORKOUT.replace("sets = 2", "sets = 3"))
    terminal.start("run", str(workout))
    terminal.wait_for("READY")
    terminal.keys("Enter")
    terminal.wait_for("WORK")
    terminal.keys(*["Space"] * 6)  # a burst
    terminal.wait_for("set 1 of 3")
    time.sleep(0.3)
    terminal.keys("]", "Enter")
    terminal.wait_for("REST")
    terminal.wait_for("READY", timeout=10)  # the 2 s rest runs out by itself
    terminal.keys("Enter")
    for _ in range(3):  # three taps, then the lifter stops tapping and types the count instead
        terminal.keys("Space")
        time.sleep(0.1)
    terminal.keys("9")
    terminal.wait_for("typed: 9 reps")
    terminal.keys("Escape")  # the typed 9 dropped (alone: escape and a key at once read as alt+key)
    time.sleep(0.3)
    terminal.keys("BSpace")  # then a tap taken back
    time.sleep(0.3)
    terminal.keys("1", "2")
    terminal.wait_for("typed: 12 reps")
    terminal.keys("Enter")
    terminal.wait_for("REST")
    terminal.keys("Enter")  # the rest, ended early
    terminal.wait_for("set 3 of 3")
    terminal.keys("s")  # set 3 skipped
    terminal.wait_for("Mini death set")
    terminal.keys("Enter", *["Space"] * 7, "f")
    terminal.wait_for("REST-PAUSE")
    terminal.wait_for("WORK", timeout=10)  # the next mini-set starts by itself
    terminal.keys(*["Space"] * 5)
    terminal.wait_for("completed")
    terminal.keys("e")  # correct set 1 on the summary: it was 7 reps, one tap was missed
    terminal.wait_for("Correct a set")
    terminal.type("Home", "Enter")
    terminal.wait_for("Set 1:")
    terminal.type("7", "Tab", "Tab", "8", "Enter")  # reps 7, load as it was, RPE 8
    terminal.wait_for("Set 1 corrected")
    terminal.keys("Escape")
    terminal.wait_for("saves it to")
    terminal.type("n", *"calves cramped", "Enter", gap=0.05)
    terminal.wait_for("Note: calves cramped")
    terminal.keys("Enter")  # leaving the summary writes the session
    terminal.wait_for("Saved to")
    [session] = read_journal(isolated_home / "data" / "journal.toml").sessions
    got = [(s.exercise, s.reps, s.failure, s.weight, s.skipped, s.reps_typed, s.reps_edited, s.rpe)
           for s in session.sets]
    assert got == [("Standing calf raise", 7, False, 22.5, False, False, True, 8.0),  # corrected after the set
                   ("Standing calf raise", 12, False, 22.5, False, True, False, None),  # typed during it
                   ("Standing calf raise", None, False, None, True, False, False, None),  # passed over: no load
                   ("Mini death set", 7, True, None, False, False, False, None),
                   ("Mini death set", 5, False, None, False, False, False, None)]
    assert len(session.sets[0].rep_at_s) == 6 and len(session.sets[1].rep_at_s) == 2  # the taps stay
    assert session.notes == "calves cramped" and session.status == "completed"
    assert session.sets[4].rest_before_s == pytest.approx(2.0, abs=0.01)
    assert session.sets[4].rest_planned_s == 2.0 and not session.sets[4].short_rest
    assert list((isolated_home / "data" / "sessions").iterdir()) == []


def test_kill_9_mid_set_then_recover_every_rep(terminal: Terminal, isolated_home: Path) -> None:
    workout = isolated_home / "quick.toml"
    workout.write_text(WORKOUT)
    terminal.start("run", str(workout))
    terminal.wait_for("READY")
    terminal.keys("Enter", *["Space"] * 4)
    terminal.wait_for("WORK")
    time.sleep(0.5)
    os.kill(terminal.app_pid(), signal.SIGKILL)
    terminal.close()
    terminal.start()
    screen = terminal.wait_for("unfinished session")
    assert "0 set(s) done, 4 rep(s) counted" in screen
    terminal.keys("s")
    terminal.wait_for("Saved as a partial session")
    [session] = read_journal(isolated_home / "data" / "journal.toml").sessions
    assert session.status == "partial" and session.total_reps == 4


def test_picker_keys_in_a_burst_keep_their_order(terminal: Terminal, isolated_home: Path) -> None:
    editor = isolated_home / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf \'\\n[[exercise]]\\nname = "Extra"\\nreps = "20-10"\\n\' >> "$1"\n')
    editor.chmod(0o755)
    terminal.env["EDITOR"] = str(editor)
    terminal.start()
    terminal.wait_for("Soleus focus")
    terminal.keys("/", "h", "e", "e", "l")  # / first: h and e are letters of the filter
    screen = terminal.wait_for("Filter: heel")
    assert "Soleus focus" not in screen and "Single-leg heel-raise test" in screen
    terminal.keys("Escape")
    terminal.wait_for("Soleus focus")
    terminal.keys("Down", "Down", "e")  # arrows and a command letter sent as one burst
    terminal.wait_for("has problems")
    copied = isolated_home / "config" / "workouts"
    assert [p.name for p in copied.iterdir()] == ["stretch-mobility.toml"]  # the third: no key lost or reordered
    assert "stretch-mobility.toml has problems" in terminal.screen()


LONG = """name = "Long calves"
[[exercise]]
name = "Standing calf raise"
sets = 3
reps = "amrap"
rest = "30s"
"""

SHORT = """name = "Short calves"
[[exercise]]
name = "Seated calf raise"
reps = 3
"""


def journal_of(home: Path) -> list:  # type: ignore[type-arg]
    return read_journal(home / "data" / "journal.toml").sessions


def wait_counted(home: Path, reps: int, timeout: float = 20.0) -> None:
    """Until the session in progress has counted ``reps`` (its checkpoint says so): keys sent are keys taken."""
    from calftui.live import checkpoint as cp

    end = time.monotonic() + timeout
    counted: list[int] = []
    while time.monotonic() < end:
        counted = [u.checkpoint.counted_reps for u in cp.Store(home / "data" / "sessions").unfinished()[0]]
        if reps in counted:
            return
        time.sleep(0.05)
    raise AssertionError(f"never counted {reps} reps (checkpoints: {counted})")


def test_two_windows_a_finishing_one_never_takes_the_other(terminal: Terminal, second: Terminal,
                                                           isolated_home: Path) -> None:
    (isolated_home / "long.toml").write_text(LONG)
    (isolated_home / "short.toml").write_text(SHORT)
    terminal.start("run", str(isolated_home / "long.toml"))
    terminal.wait_for("READY")
    terminal.keys("Enter", *["Space"] * 20)
    wait_counted(isolated_home, 20)
    second.start("run", str(isolated_home / "short.toml"))
    second.wait_for("READY")
    second.keys("Enter", "Space", "Space", "Space", "Enter")
    second.wait_for("completed")
    second.keys("Enter")  # leaving the summary writes it
    second.wait_for("Saved to")
    terminal.close()  # the first window is closed mid-set: SIGHUP
    time.sleep(0.5)
    third = terminal.server.terminal(environment(isolated_home), name="third")
    third.start()
    screen = third.wait_for("unfinished session")
    assert "20 rep(s) counted" in screen and "Long calves" in screen
    third.keys("s")
    third.wait_for("Saved as a partial session")
    sessions = journal_of(isolated_home)
    assert sorted((s.workout, s.status, s.total_reps) for s in sessions) == [
        ("Long calves", "partial", 20), ("Short calves", "completed", 3)]


def test_two_windows_a_live_session_is_never_offered(terminal: Terminal, second: Terminal, isolated_home: Path) -> None:
    (isolated_home / "long.toml").write_text(LONG)
    terminal.start("run", str(isolated_home / "long.toml"))
    terminal.wait_for("READY")
    terminal.keys("Enter", *["Space"] * 7)
    wait_counted(isolated_home, 7)
    second.start()
    screen = second.wait_for("Soleus focus")
    time.sleep(1.0)  # the offer would come right after the first screen
    assert "unfinished session" not in second.screen()
    from conftest import run_cli

    log = run_cli("log", env={**environment(isolated_home), "COLUMNS": "200"})
    assert "in progress" in log.stdout and "running in another calftui" in log.stdout
    terminal.keys("Enter")  # the first window carries on: ends set 1, then leaves and saves
    terminal.wait_for("REST")
    terminal.keys("q")
    terminal.wait_for("Leave this session?")
    terminal.keys("s")
    terminal.wait_for("saves it to")  # the summary of what was done (partial)
    terminal.keys("Enter")
    terminal.wait_for("Saved to")
    [session] = journal_of(isolated_home)
    assert session.total_reps == 7
    assert screen  # the second window showed its picker, untouched


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_signal_ends_like_ctrl_q(terminal: Terminal, isolated_home: Path, signal_name: str) -> None:
    (isolated_home / "long.toml").write_text(LONG)
    terminal.start("run", str(isolated_home / "long.toml"))
    terminal.wait_for("READY")
    terminal.keys("Enter", *["Space"] * 9)
    wait_counted(isolated_home, 9)
    assert terminal.flag("alternate_on") == "1"
    signum = getattr(signal, signal_name)
    os.kill(terminal.app_pid(), signum)
    terminal.wait_for(f"EXIT={128 + signum}")
    assert terminal.flag("alternate_on") == "0", "the terminal was left in the alternate screen"
    assert terminal.flag("mouse_any_flag") == "0" and terminal.flag("mouse_all_flag") == "0", "mouse tracking left on"
    assert terminal.flag("cursor_flag") == "1", "the cursor was left hidden"
    from calftui.live import checkpoint as cp

    [pending] = cp.Store(isolated_home / "data" / "sessions").offers().offers
    assert pending.checkpoint.counted_reps == 9
    pending.release()


def gone(pid: int, within: float = 10.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_closing_the_window_on_the_ready_screen_leaves_nothing(server: Server, isolated_home: Path) -> None:
    """Closed mid-frame, a window's calftui still exits (Textual's output thread once left it
    waiting for ever, about one close in three). Six windows make that chance show."""
    (isolated_home / "long.toml").write_text(LONG)
    pids = []
    for n in range(6):  # each closed as soon as it is ready, while it is still drawing
        window = server.terminal(environment(isolated_home), (100, 32), name=f"w{n}")
        window.start("run", str(isolated_home / "long.toml"))
        pids.append(window.app_pid())
        window.wait_for("start with space", poll=0.01)  # (at 100x32 the state words are drawn large)
        window.close()  # SIGHUP
    left = [pid for pid in pids if not gone(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "calftui did not exit when its window was closed"
    assert list((isolated_home / "data" / "sessions").iterdir()) == []
    assert not (isolated_home / "data" / "journal.toml").exists()


BOOM = """
import sys
from calftui.ui.screens import picker


def boom(self):
    raise ValueError("a deliberate fault in the picker")


picker.PickerScreen.on_mount = boom
from calftui.cli import main

sys.exit(main([]))
"""


def test_anything_unexpected_exits_non_zero_with_one_line_and_a_crash_file(terminal: Terminal,
                                                                           isolated_home: Path) -> None:
    import shlex
    import sys

    script = isolated_home / "boom.py"
    script.write_text(BOOM)
    terminal.run(f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    screen = terminal.wait_for("EXIT=1")
    assert terminal.flag("alternate_on") == "0" and terminal.flag("cursor_flag") == "1"
    flat = " ".join(screen.split())
    assert "calftui: stopped by an unexpected error (ValueError: a deliberate fault in the picker)" in flat
    assert "Traceback" not in screen
    [crash] = (isolated_home / "data").glob("crash-*.log")
    assert f"the details are in {crash}".replace(" ", "") in flat.replace(" ", "")  # the path may wrap
    assert "ValueError: a deliberate fault in the picker" in crash.read_text()


PAIRS = """name = "Pairs"
[[exercise]]
name = "Seated calf raise"
group = "A"
sets = 2
reps = 3
transition = "1s"

[[exercise]]
name = "Tibialis raise"
group = "A"
sets = 2
reps = 4
rest = "2s"

[[exercise]]
name = "Top hold"
duration = "max"
"""


def test_a_superset_and_a_hold_for_max_in_a_real_terminal(terminal: Terminal, isolated_home: Path) -> None:
    (isolated_home / "pairs.toml").write_text(PAIRS)
    terminal.start("run", str(isolated_home / "pairs.toml"))
    for round_number in (1, 2):
        terminal.wait_for(f"A1  ·  round {round_number} of 2")
        terminal.keys("Enter", "Space", "Space", "Space", "Enter")
        terminal.wait_for(f"A2  ·  round {round_number} of 2")  # after the 1 s transition, ready by itself
        terminal.keys("Enter", *["Space"] * 4, "Enter")
        if round_number == 1:
            terminal.wait_for("round 2 of 2: A1 Seated calf raise")  # the rest shows the whole round
    terminal.wait_for("hold as long as you can")
    terminal.wait_for("READY", timeout=10)
    terminal.keys("Enter")
    terminal.wait_for("ends it")  # holding: it counts up (in digits too large to read here)
    time.sleep(2.2)
    terminal.keys("Enter")
    terminal.wait_for("completed")
    terminal.keys("Enter")
    terminal.wait_for("Saved to")
    [session] = journal_of(isolated_home)
    got = [(s.exercise, s.set, s.group, s.round, s.rest_planned_s) for s in session.sets]
    assert got == [("Seated calf raise", 1, "A", 1, None), ("Tibialis raise", 1, "A", 1, 1.0),
                   ("Seated calf raise", 2, "A", 2, 2.0), ("Tibialis raise", 2, "A", 2, 1.0),
                   ("Top hold", 1, None, None, 2.0)]
    assert session.sets[-1].duration_s >= 2.0 and session.sets[-1].planned_s is None


SETTLED = """
import gc
import sys
from pathlib import Path

from calftui.ui import app

real = app.CalfApp._settle


def settle(self):
    real(self)
    Path(sys.argv[1]).write_text(f"{gc.get_freeze_count()} {len(gc.get_objects())}")


app.CalfApp._settle = settle
from calftui.cli import main

sys.exit(main([]))
"""


def test_what_the_start_made_is_left_out_of_garbage_collection(terminal: Terminal, isolated_home: Path) -> None:
    """In a real terminal, the objects of the start (Textual, the stylesheet, the picker) are frozen
    once the first screen is drawn: a full collection then walks a few thousand, not 45,000."""
    import shlex
    import sys

    script, report = isolated_home / "settled.py", isolated_home / "settled.txt"
    script.write_text(SETTLED)
    terminal.run(f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {shlex.quote(str(report))}")
    terminal.wait_for("Filter: type a name")
    deadline = time.monotonic() + 20
    while not report.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert report.exists(), "the start was never settled"
    frozen, walked = map(int, report.read_text().split())
    assert frozen > 20_000 and walked < frozen / 4
    terminal.keys("C-q")
    terminal.wait_for("EXIT=0")


@pytest.mark.parametrize("how", ["< /dev/null", "nohup"])
def test_without_a_terminal_for_keys_it_says_so_and_exits_2_at_once(terminal: Terminal, isolated_home: Path,
                                                                     how: str) -> None:
    """A terminal to draw on but none to read keys from (``< /dev/null``; ``nohup``, which also sends
    the output to nohup.out): one line and exit 2, never a picker drawn for no one at full speed
    nor a "Bad file descriptor" crash."""
    import shlex
    import sys

    command = f"{shlex.quote(sys.executable)} -m calftui"
    nohup = f"cd {shlex.quote(str(isolated_home))} && nohup {command}"
    run = f"sh -c {shlex.quote(nohup)}" if how == "nohup" else f"{command} < /dev/null"
    terminal.run(run)
    screen = terminal.wait_for("EXIT=", timeout=15)
    assert "EXIT=2" in screen and "Filter: type a name" not in screen
    said = (isolated_home / "nohup.out").read_text() if how == "nohup" else screen
    expected = "input and output are" if how == "nohup" else "input is"
    assert f"the workout screens need a terminal, and standard {expected} not one" in " ".join(said.split())
    assert "Traceback" not in said and "Bad file descriptor" not in said


COUNTED = """name = "Hands on the wall"
[[exercise]]
name = "Single-leg calf raise"
reps = "10-15"
tempo = { down = 1, up = 1 }
count = "tempo"
"""


def test_a_set_counted_by_the_tempo_needs_no_key_until_enter(terminal: Terminal, isolated_home: Path) -> None:
    """Enter starts it, and nothing more is touched: every 2 s cycle is a rep, and the cycle in
    progress when enter ends the set is not one."""
    (isolated_home / "counted.toml").write_text(COUNTED)
    terminal.start("run", str(isolated_home / "counted.toml"))
    terminal.wait_for("the tempo counts the reps")
    terminal.keys("Enter")
    terminal.wait_for("counted by the tempo  ·  goal 10-15 reps  ·  0:07", timeout=15)
    terminal.keys("Enter")  # 7 s and a bit in: three whole cycles
    terminal.wait_for("completed")
    terminal.keys("Enter")
    terminal.wait_for("Saved to")
    [session] = journal_of(isolated_home)
    [counted] = session.sets
    assert (counted.reps, counted.count, counted.rep_at_s) == (3, "tempo", (2.0, 4.0, 6.0))
    assert 7.0 <= counted.duration_s < 8.0
    text = (isolated_home / "data" / "journal.toml").read_text()
    assert 'count = "tempo"' in text and "rep_at_s = [2.0, 4.0, 6.0]" in text


def test_the_same_workout_started_in_a_second_window_says_so(terminal: Terminal, second: Terminal,
                                                             isolated_home: Path) -> None:
    """Said, not refused: the second window's session is its own, and both are kept."""
    (isolated_home / "long.toml").write_text(LONG)
    (isolated_home / "short.toml").write_text(SHORT)
    terminal.start("run", str(isolated_home / "long.toml"))
    terminal.wait_for("READY")  # on its ready screen, nothing counted yet: running all the same
    second.start("run", str(isolated_home / "short.toml"))  # another workout: nothing to say
    second.wait_for("READY")
    time.sleep(0.5)
    assert "Open twice" not in second.screen()
    second.start("run", str(isolated_home / "long.toml"))
    screen = second.wait_for("Open twice")  # the notice (its lines wrap as the toast's width has it)
    assert "Long calves is also running" in screen and "nothing counted" in screen
    second.keys("Enter", *["Space"] * 3)  # the lifter goes on in this window
    wait_counted(isolated_home, 3)


def test_stats_plot_draws_the_charts_in_the_terminal_itself(server: Server, isolated_home: Path) -> None:
    """``stats WORKOUT --plot`` below the prompt: keys move through the charts, q leaves the last one
    on screen and the shell carries on under it."""
    from progress_helpers import chart_journal, chart_workout

    chart_workout(isolated_home / "config")
    journal = chart_journal(isolated_home / "journal.toml")
    window = server.terminal(environment(isolated_home), size=(80, 30), name="plot")
    window.run(" ".join([sys.executable, "-m", "calftui", "--journal", str(journal), "stats", "calves-for-charts",
                         "--plot"]))
    first = window.wait_for("heaviest load and estimated 1RM")
    assert "Progress · Calves for charts · exercise 1 of 5" in first and "estimated 1RM (Epley)" in first
    window.keys("Right")
    assert "time to the target" in window.wait_for("Death · time to the target · 6 months")
    window.keys("r", "r")
    window.wait_for("Death · time to the target · all")
    window.keys("q")
    after = window.wait_for("EXIT=0")
    assert "Death · time to the target · all" in after and "★ faster than ever before at its load" in after
    assert after.index("Death · time to the target") < after.index("EXIT=0")  # the chart stays above the prompt


def test_stats_plot_without_a_terminal_says_so(isolated_home: Path) -> None:
    from conftest import run_cli

    done = run_cli("stats", "death-set", "--plot")
    assert done.returncode == 2
    assert done.stderr.startswith("calftui: stats --plot draws in a terminal, and standard input and output are not")
    assert run_cli("stats", "--plot").stderr.startswith("calftui: stats --plot draws one workout's charts: name it")

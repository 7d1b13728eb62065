"""The adversarial tier of the fault suite: hostile files, generated, driven through everything.

hypothesis writes workout files, journals, checkpoints and config files whose strings draw on
markup, escape sequences, brackets, quotes, control characters, bidirectional overrides, option
look-alikes and spreadsheet formulas, with non-finite numbers and deep nesting mixed in. Each
case runs ``check``, ``list``, ``log``, ``stats`` and ``export`` as separate processes, and some
cases also a Pilot run of the session, the summary, the history and a session's detail.

Invariants: no traceback; exit codes as the README says (0, 1 for invalid input, 2 for usage);
nothing a command prints for a terminal holds an escape byte; names are shown literally; the
journal's bytes never change; nothing is written outside the data and config folders; every
command ends within 10 s.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from calftui.common.textsafe import visible

from journal_helpers import session_block

FRAGMENTS = ["[@click=app.quit]", "[/]", "[b]", "[link=x]", "\x1b]0;TITLE\x07", "\x1b[2J", "\x9b31m", "\x07",
             "\u202e", "\r", "\n", "\t", '"', "'", "\\", "[[session]]", "{", "}", "-f/etc/passwd", "--help",
             "=cmd|' /C calc'!A0", "+1", "@SUM(1)", "%s", "${HOME}", "Calf raise [bw]", "🏋️‍♀️", "\u0000"]
COMMAND_TIMEOUT = 10.0


@dataclass
class Tally:
    cases: int = 0
    failed: int = 0
    pilot: int = 0
    broken: list[str] = field(default_factory=list)


class Draw:
    """Choices drawn through hypothesis, so a failing case shrinks to a small one."""

    def __init__(self, data: Any):
        from hypothesis import strategies as st

        self.data = data
        self.st = st
        self.text = st.lists(st.sampled_from(FRAGMENTS) | st.text(alphabet="abc XYZ-_.[]", max_size=3),
                             min_size=1, max_size=6).map("".join)

    def hostile(self, length: int = 4) -> str:
        return str(self.data.draw(self.text))

    def chance(self, percent: int) -> bool:
        return bool(self.data.draw(self.st.integers(0, 99)) < percent)

    def choice(self, options: list[Any]) -> Any:
        return self.data.draw(self.st.sampled_from(options))

    def integer(self, low: int, high: int) -> int:
        return int(self.data.draw(self.st.integers(low, high)))


def workout_text(rng: Draw, name: str, exercise: str) -> str:
    data: dict[str, Any] = {"name": name, "description": rng.hostile(), "exercise": [
        {"name": exercise, "reps": rng.choice([3, "2-4", "amrap"]), "load": rng.hostile(), "cues": [rng.hostile()],
         "notes": rng.hostile(), "tempo": "1-0-1-0", "say": {"up": rng.hostile(2)}},
        {"name": rng.hostile(), "duration": rng.choice([2, "max"]), "per_side": rng.chance(50)},
    ]}
    if rng.chance(50):  # the two as a superset, under a hostile label
        label = rng.hostile()
        for member in data["exercise"]:
            member.update(group=label, transition=rng.choice([0, 1]))
    text = tomli_w.dumps(data)
    if rng.chance(15):
        text += "deep = " + "[" * 3000 + "]" * 3000 + "\n"
    return text


def journal_bytes(rng: Draw, names: list[str]) -> bytes:
    blocks = []
    start = datetime(2026, 1, 1, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    for n, name in enumerate(names):
        reps = rng.integer(0, 40)
        session = {"id": f"adv-{n}", "workout": name, "workout_file": "w.toml",
                   "started_at": start + timedelta(days=2 * n), "ended_at": start + timedelta(days=2 * n, minutes=9),
                   "status": rng.choice(["completed", "partial", rng.hostile(2)]), "notes": rng.hostile(),
                   "sets": [{"exercise": rng.hostile(3), "kind": "reps", "set": 1, "side": "both", "reps": reps,
                             "target_reps": 40, "duration_s": 30.0, "rest_before_s": 0.0, "failure": False,
                             "warmup": False, "rep_at_s": [float(i) for i in range(reps)]}]}
        block = session_block(session)
        damage = rng.choice(["none"] * 7 + ["inf", "nan", "naive date", "deep"])
        if damage in ("inf", "nan"):
            block = block.replace("duration_s = 30.0", f"duration_s = {damage}")
        elif damage == "naive date":
            block = block.replace('started_at = ', "started_at = 2026-02-0" + str(n % 9 + 1) + "T10:00:00\n#")
        elif damage == "deep":
            block += "nested = " + "[" * 2000 + "]" * 2000 + "\n"
        blocks.append(block)
    data = "\n".join(blocks).encode()
    if rng.chance(20):
        data = b"\xef\xbb\xbf" + data
    return data


def config_text(rng: Draw) -> str:
    return tomli_w.dumps({"theme": rng.hostile(2), "unit": rng.choice(["kg", "lb", rng.hostile(1)]),
                          "keys": {"session.rep": rng.choice(["space,j", rng.hostile(1)]),
                                   rng.hostile(2): "x"}})


def checkpoint_text(rng: Draw) -> str:
    return rng.choice(['{"version": 2, "engine": ', '{"version": 2}', "[" * 5000, '{"version": 1, "session_id": '
                       + '"\\u001b[2J"}', "\x00\x01\x02"])


def files_outside(home: Path) -> set[str]:
    """Every file under ``home`` but the data and config folders (and what the case wrote itself)."""
    out = set()
    for path in home.rglob("*"):
        relative = path.relative_to(home).parts
        if relative[0] in ("data", "config") or path.name in ("w.toml", "journal.toml"):
            continue
        out.add(str(path))
    return out


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """``calftui ARGS`` with its folders in ``home``; None when it did not end within the time allowed."""
    env = {**os.environ, "CALFTUI_DATA_DIR": str(home / "data"), "CALFTUI_CONFIG_DIR": str(home / "config"),
           "TMPDIR": str(home / "tmp"), "COLUMNS": "400", "PYTHONPATH": str(ROOT), "HOME": str(home)}
    try:
        return subprocess.run([sys.executable, "-m", "calftui", *args], capture_output=True, text=True, env=env,
                              timeout=COMMAND_TIMEOUT, cwd=home)
    except subprocess.TimeoutExpired:
        return None


def one_case(rng: Draw, tally: Tally, pilot: bool) -> list[str]:
    """One generated case; what broke in it (nothing, when all holds)."""
    broken: list[str] = []
    home = Path(tempfile.mkdtemp(prefix="calftui-adv-"))
    try:
        (home / "tmp").mkdir()
        name, exercise = rng.hostile(), rng.hostile()
        (home / "w.toml").write_text(workout_text(rng, name, exercise))
        names = [rng.hostile() for _ in range(rng.integer(1, 4))]
        journal = home / "journal.toml"
        journal.write_bytes(journal_bytes(rng, names))
        before = hashlib.sha256(journal.read_bytes()).hexdigest()
        (home / "config").mkdir()
        if rng.chance(50):
            (home / "config" / "config.toml").write_text(config_text(rng))
        if rng.chance(40):
            (home / "data" / "sessions").mkdir(parents=True)
            (home / "data" / "sessions" / "x.json").write_text(checkpoint_text(rng))
        outside = files_outside(home)
        j = ["--journal", str(journal)]
        commands = [(["check", str(home / "w.toml")], {0, 1}, True), (["list", "--workouts", str(home)], {0}, True),
                    (["log", *j], {0, 1}, True), (["stats", *j], {0, 1}, True),
                    (["export", "--format", "csv", *j], {0, 1}, False),
                    (["export", "--format", "json", *j], {0, 1}, False)]
        for args, codes, for_a_terminal in commands:
            result = run(home, *args)
            what = f"calftui {args[0]}"
            if result is None:
                broken.append(f"{what} took over {COMMAND_TIMEOUT:g} s")
                continue
            printed = result.stdout + result.stderr
            if "Traceback" in printed:
                broken.append(f"{what}: a traceback")
            if result.returncode not in codes:
                broken.append(f"{what}: exit {result.returncode}")
            if for_a_terminal and "\x1b" in printed:
                broken.append(f"{what}: an escape byte reached the terminal")
        log = run(home, "log", "--last", "50", *j)
        shown = log.stdout if log else ""
        from calftui.journal import read_journal

        for session in read_journal(journal).sessions:  # every readable session's name, literally
            if visible(session.workout) not in shown:
                broken.append(f"log does not show {session.workout!r} as written")
        if hashlib.sha256(journal.read_bytes()).hexdigest() != before:
            broken.append("the journal's bytes changed")
        new = files_outside(home) - outside
        if new:
            broken.append(f"files written outside the data and config folders: {sorted(new)[:3]}")
        if pilot:
            tally.pilot += 1
            problem = asyncio.run(pilot_run(home, journal))
            if problem:
                broken.append(problem)
    finally:
        import shutil

        shutil.rmtree(home, ignore_errors=True)
    tally.cases += 1
    return broken


async def pilot_run(home: Path, journal: Path) -> str | None:
    """A session of the hostile workout (when it is valid), its summary, the history and a detail."""
    os.environ["CALFTUI_DATA_DIR"] = str(home / "data")
    os.environ["CALFTUI_CONFIG_DIR"] = str(home / "config")
    from textual.widgets import Static

    from calftui.ui.app import CalfApp
    from calftui.ui.screens.detail import DetailScreen
    from calftui.ui.screens.history import HistoryScreen
    from calftui.ui.screens.session import SessionScreen
    from calftui.ui.screens.summary import SummaryScreen
    from calftui.ui.widgets.rows import RowTable
    from calftui.workouts.catalog import load_entry

    entry = load_entry(home / "w.toml", "path")
    app = CalfApp(journal=journal, sound=False, start=entry if entry.ok else None)

    async def until(condition: Any, turns: int = 400) -> bool:
        for _ in range(turns):
            if condition():
                return True
            await pilot.pause()
        return False

    try:
        async with app.run_test(size=(100, 32)) as pilot:
            if entry.workout is not None:
                if not await until(lambda: isinstance(app.screen, SessionScreen)):
                    return "the session never showed"
                exercise = entry.workout.exercises[0].name
                if str(app.screen.query_one("#exercise", Static).render()) != visible(exercise):
                    return f"the session shows {exercise!r} otherwise than written"
                await pilot.press("enter", "space", "space", "enter", "q", "s")
                if not await until(lambda: isinstance(app.screen, SummaryScreen)):
                    return "the summary never showed"
                await pilot.press("enter")
            history = HistoryScreen()
            await until(lambda: not isinstance(app.screen, SummaryScreen))
            await app.push_screen(history)
            table = history.query_one(RowTable)
            await until(lambda: table.row_count > 0, 200)
            if table.row_count:
                await pilot.press("enter")
                if not await until(lambda: isinstance(app.screen, DetailScreen), 200):
                    return "a session's detail never showed"
            if not app.is_running:
                return "the app stopped"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"[:200]
    return None


def adversarial(cases: int, pilots: int, seed: int) -> Tally:
    """``cases`` generated cases (the first ``pilots`` of them also through Pilot); what broke, by case."""
    from hypothesis import HealthCheck, given, seed as fixed, settings, strategies as st

    tally = Tally()

    @fixed(seed)
    @settings(max_examples=cases, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def case(data: Any) -> None:
        broken = one_case(Draw(data), tally, pilot=tally.cases < pilots)
        if broken:
            tally.failed += 1
            raise AssertionError("; ".join(broken))

    try:
        case()
    except AssertionError as exc:  # hypothesis has shrunk it to the smallest case it could find
        tally.broken.append(f"smallest failing case: {exc}"[:400])
    return tally


if __name__ == "__main__":
    result = adversarial(int(sys.argv[1]) if len(sys.argv) > 1 else 10, 3, 1)
    print(result.cases, result.pilot, result.broken[:10])

"""Faults: break calftui the ways life does, and print what survived.

    python bench/faults.py            # the full run (a few minutes)
    python bench/faults.py --quick    # a few cases of each, for CI

- kill -9 at random moments of a scripted session in a real terminal (tmux): every counted rep
  is in what the next start offers to recover;
- generated and mutated workout files (hypothesis): never a traceback, every rejection one line
  naming the file and a key;
- journals torn at random offsets and with random bytes flipped: every intact session is still
  listed, and the file's bytes are unchanged;
- hostile files (bench/adversarial.py): markup, escape sequences, control characters, formulas,
  non-finite numbers and deep nesting in workouts, journals, checkpoints and config, through every
  command and the screens: no traceback, shown as written, nothing leaked, all within 10 s;
- two calftui processes finishing sessions at the same moment: both sessions whole;
- two windows on one data folder: one finishing never takes the other's session, a live
  session is never offered to the other; SIGTERM and SIGHUP keep the session and the terminal;
- a terminal shrunk to 40x12 and back mid-set; no speech program and a speech program that hangs;
- a read-only data folder and a full disk (small tmpfs mounts where the machine allows them);
- the monotonic clock jumping eight days in a rest (a terminal left open): the session saved and
  read back whole;
- links planted in the temporary folder under the crash file's names: none followed;
- no terminal (keys from /dev/null, nohup, output to a file or a pipe): one line, exit 2 at once,
  other commands still work; a closed pipe ends a command quietly.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from calftui.journal import Journal, parse_bytes, read_journal
from calftui.live import checkpoint as checkpoints
from calftui.workouts.loader import WorkoutError, parse_workout

from journal_helpers import session_block
from terminal import Server, Terminal, environment

RESULTS: list[tuple[str, int, int, str]] = []
SERVER = Server(f"calftui-faults-{os.getpid()}")


def term(home: Path, *args: str, env: dict[str, str] | None = None, size: tuple[int, int] = (100, 30)) -> Terminal:
    """``calftui ARGS`` in a tmux window of its own, its folders in ``home``."""
    window = SERVER.terminal(environment(home, **(env or {})), size)
    window.run(" ".join(shlex.quote(a) for a in [sys.executable, "-m", "calftui", *args]))
    return window


def unfinished(home: Path) -> list[checkpoints.Checkpoint]:
    """The sessions in progress left in ``home``'s data folder (read only)."""
    found, _ = checkpoints.Store(home / "data" / "sessions").unfinished()
    return [item.checkpoint for item in found]


def record(name: str, cases: int, survived: int, detail: str = "") -> None:
    RESULTS.append((name, cases, survived, detail))
    print(f"  {name}: {survived}/{cases} {detail}", flush=True)


# --- kill -9 -------------------------------------------------------------------------------

KILL_WORKOUT = """name = "Kill me"
[[exercise]]
name = "Raise"
sets = 3
reps = "amrap"
rest = "2s"
[[exercise]]
name = "Death"
target = 500
rest_pause = "2s"
"""


def kill_9(moments: int, rng: random.Random) -> None:
    """Taps, enters and failures at random, a pause for the app to count them, then kill -9.
    Every tap sent is a counted rep (a tap while ready or resting starts the set), and the
    unfinished session must hold every one of them; every fifth time calftui is started again
    and its recovery offer must say so too."""
    survived, lost = 0, []
    for moment in range(moments):
        home = Path(tempfile.mkdtemp(prefix="calftui-k9-"))
        (home / "kill.toml").write_text(KILL_WORKOUT)
        window = term(home, "--no-sound", "run", str(home / "kill.toml"))
        ok = window.wait("READY")
        taps = 0
        for _ in range(rng.randint(1, 8)):
            burst = rng.randint(1, 7)
            window.keys(*["Space"] * burst)
            taps += burst
            if rng.random() < 0.4:
                window.keys(rng.choice(["Enter", "f"]))
            time.sleep(rng.uniform(0.0, 0.4))
        time.sleep(rng.uniform(0.4, 0.9))  # long enough to have counted what was sent
        pid = window.pid()
        if pid:
            os.kill(pid, 9)
        window.close()
        left = unfinished(home)
        counted = left[0].counted_reps if len(left) == 1 else -len(left)
        if ok and counted == taps and moment % 5 == 0:
            again = term(home, "--no-sound")
            ok = again.wait(f"{taps} rep(s) counted")
            again.close()
        if ok and counted == taps:
            survived += 1
        else:
            lost.append(f"sent {taps}, recovered {counted}")
        shutil.rmtree(home, ignore_errors=True)
    record("kill -9 mid-session: every counted rep recoverable", moments, survived, "; ".join(lost[:3]))


def kill_9_on_the_summary() -> None:
    """The last set ends, a set is corrected on the summary, then kill -9 before leaving it: the
    next start offers the ended session, and saving it writes the corrected set."""
    home = Path(tempfile.mkdtemp(prefix="calftui-k9-summary-"))
    (home / "short.toml").write_text(SHORT)
    window = term(home, "--no-sound", "run", str(home / "short.toml"))
    ok = window.wait("READY")
    window.keys("Enter", "Space", "Space", "Space", "Enter")
    ok = ok and window.wait("completed")
    for key in ("e", "Enter", "5", "Enter"):  # one key at a time, as a person types into a form
        window.keys(key)
        time.sleep(0.2)
    ok = ok and window.wait("Set 1 corrected")
    pid = window.pid()
    if pid:
        os.kill(pid, 9)
    window.close()
    again = term(home, "--no-sound")
    offered = again.wait("finished, not yet in the journal")
    again.keys("s")
    saved = again.wait("Saved")
    journal = home / "data" / "journal.toml"
    found = read_journal(journal).sessions if journal.exists() else []
    whole = [(s.status, s.total_reps, s.sets[0].reps_edited) for s in found] == [("completed", 5, True)]
    again.close()
    shutil.rmtree(home, ignore_errors=True)
    record("kill -9 on the summary: the corrected session offered, then saved once", 1,
           int(ok and offered and saved and whole), f"(offered {offered}, journal {[s.total_reps for s in found]})")


# --- workout files -------------------------------------------------------------------------


def workout_fuzz(count: int) -> None:
    from hypothesis import HealthCheck, given, settings, strategies as st

    seeds = [p.read_text() for p in sorted((ROOT / "workouts").glob("*.toml"))]
    tokens = ["=", '"', "[[exercise]]", "[exercise.say]", "\n", "-", "x", "0", "-1", "99999", '"12-10"', "amrap",
              "true", "tempo", "sets", "rset", "reps", "target", "duration", '"1h"', '"3-x-1"', "#", "[", "]", "\x00",
              "é", "kind", '"timed"', "per_side", "{", "}", ",", "group", '"A"', "transition", '"max"', '"10s"']
    bad: list[str] = []
    seen = {"cases": 0, "rejected": 0}

    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def check(data) -> None:  # type: ignore[no-untyped-def]
        text = data.draw(st.sampled_from(seeds))
        for _ in range(data.draw(st.integers(1, 6))):
            at = data.draw(st.integers(0, len(text)))
            how = data.draw(st.sampled_from(["insert", "delete", "replace", "dup-line", "drop-line"]))
            lines = text.split("\n")
            if how == "insert":
                text = text[:at] + data.draw(st.sampled_from(tokens) | st.text(max_size=5)) + text[at:]
            elif how == "delete":
                text = text[:at] + text[at + data.draw(st.integers(1, 20)):]
            elif how == "replace":
                text = text[:at] + data.draw(st.sampled_from(tokens)) + text[at + 1:]
            elif lines:
                i = data.draw(st.integers(0, len(lines) - 1))
                lines = lines[: i + 1] + [lines[i]] + lines[i + 1:] if how == "dup-line" else lines[:i] + lines[i + 1:]
                text = "\n".join(lines)
        label = "/fuzz/w.toml"
        seen["cases"] += 1
        try:
            parse_workout(text.encode("utf-8", "surrogatepass"), label)
        except WorkoutError as exc:
            seen["rejected"] += 1
            for problem in exc.problems:
                line = str(problem)
                if "\n" in line or not line.startswith(label) or not problem.path:
                    bad.append(repr(line)[:120])
        except Exception as exc:
            bad.append(f"{type(exc).__name__}: {exc}"[:120])

    check()
    record("mutated workout files: no traceback, one line with file and key", seen["cases"],
           seen["cases"] - len(bad), f"({seen['rejected']} rejected) " + "; ".join(bad[:2]))


# --- journals ------------------------------------------------------------------------------


def a_journal(sessions: int, rng: random.Random) -> bytes:
    sys.path.insert(0, str(ROOT / "tests"))
    from journal_helpers import make_session

    return b"\n".join(session_block(make_session(n, sets=rng.randint(1, 7))).encode() for n in range(sessions))


def journal_damage(cases: int, rng: random.Random) -> None:
    """Torn at a random offset, or a few bytes flipped: every session untouched by the damage is
    still listed (through the same store calftui uses), and the file's bytes never change."""
    survived, notes = 0, []
    for case in range(cases):
        home = Path(tempfile.mkdtemp(prefix="calftui-journal-"))
        os.environ["CALFTUI_DATA_DIR"] = str(home / "data")
        try:
            data = a_journal(rng.randint(2, 12), rng)
            intact = parse_bytes(data).sessions
            blocks = [(data.find(f'id = "{s.id}"'.encode()), s) for s in intact]
            if case % 2 == 0:
                cut = rng.randint(0, len(data) - 1)
                damaged = data[:cut]
                expected = [s.id for i, (start, s) in enumerate(blocks)
                            if (blocks[i + 1][0] if i + 1 < len(blocks) else len(data)) <= cut]
            else:
                damaged = bytearray(data)
                spots = [rng.randrange(len(data)) for _ in range(rng.randint(1, 4))]
                for spot in spots:
                    damaged[spot] = rng.randrange(256)
                damaged = bytes(damaged)
                starts = [start for start, _ in blocks] + [len(data)]
                expected = [s.id for i, (start, s) in enumerate(blocks)
                            if not any(starts[i] - 200 <= spot < starts[i + 1] for spot in spots)]
            path = home / "journal.toml"
            path.write_bytes(damaged)
            before = hashlib.sha256(path.read_bytes()).hexdigest()
            journal = Journal(path)
            listed = {r.id for r in journal.newest(100)}
            journal.close()
            full = {s.id for s in read_journal(path).sessions}
            result = subprocess.run([sys.executable, "-m", "calftui", "log", "--last", "50", "--journal", str(path)],
                                    capture_output=True, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
            unchanged = hashlib.sha256(path.read_bytes()).hexdigest() == before
            if set(expected) <= listed and listed == full and unchanged and result.returncode == 0 \
                    and "Traceback" not in result.stderr:
                survived += 1
            else:
                notes.append(f"case {case}: expected {len(expected)}, listed {len(listed)}, unchanged {unchanged}")
        finally:
            del os.environ["CALFTUI_DATA_DIR"]
            shutil.rmtree(home, ignore_errors=True)
    record("torn and bit-flipped journals: intact sessions listed, bytes unchanged", cases, survived,
           "; ".join(notes[:2]))


ONE_REP = 'name = "One"\n[[exercise]]\nname = "Death"\ntarget = 3\n'


def two_at_once(rounds: int) -> None:
    """Two calftui processes, one journal, the last rep of each sent in the same instant."""
    survived, notes = 0, []
    for _ in range(rounds):
        home = Path(tempfile.mkdtemp(prefix="calftui-two-"))
        (home / "one.toml").write_text(ONE_REP)
        journal = home / "journal.toml"
        terms = [term(home / name, "--no-sound", "--journal", str(journal), "run", str(home / "one.toml"))
                 for name in ("a", "b")]
        ready = all(t.wait("READY") for t in terms)
        for t in terms:
            t.keys("Space", "Space")
        time.sleep(0.5)
        for t in terms:  # the finishing taps, back to back
            t.keys("Space")
        done = all(t.wait("completed") for t in terms)
        for t in terms:  # leaving both summaries at the same instant: both append to the journal at once
            t.keys("Enter")
        done = done and all(t.wait("Saved to") for t in terms)
        sessions = read_journal(journal).sessions if journal.exists() else []
        whole = len(sessions) == 2 and all(s.total_reps == 3 and len(s.sets) == 1 for s in sessions)
        if ready and done and whole:
            survived += 1
        else:
            notes.append(f"{len(sessions)} sessions")
        for t in terms:
            t.close()
        shutil.rmtree(home, ignore_errors=True)
    record("two processes finishing at the same moment: both sessions whole", rounds, survived, "; ".join(notes[:2]))


LONG = 'name = "Long"\n[[exercise]]\nname = "Raise"\nsets = 3\nreps = "amrap"\nrest = "30s"\n'
SHORT = 'name = "Short"\n[[exercise]]\nname = "Seated"\nreps = 3\n'


def two_windows() -> None:
    """Two real calftui windows on one data folder: one finishing never takes the other's session,
    a live session is never offered to the other, and nothing is ever written twice."""
    home = Path(tempfile.mkdtemp(prefix="calftui-windows-"))
    (home / "long.toml").write_text(LONG)
    (home / "short.toml").write_text(SHORT)
    journal = home / "data" / "journal.toml"

    def sessions() -> list[tuple[str, str, int]]:
        found = read_journal(journal).sessions if journal.exists() else []
        return sorted((s.workout, s.status, s.total_reps) for s in found)

    # 1: A mid-set with 20 reps; B runs a short workout to its end; A's window is closed.
    a = term(home, "--no-sound", "run", str(home / "long.toml"))
    ok = a.wait("READY")
    a.keys("Enter", *["Space"] * 20)
    time.sleep(0.6)
    b = term(home, "--no-sound", "run", str(home / "short.toml"))
    ok = ok and b.wait("READY")
    b.keys("Enter", "Space", "Space", "Space", "Enter")
    ok = ok and b.wait("completed")
    b.keys("Enter")  # leaving the summary writes it
    ok = ok and b.wait("Saved to")
    a.close()
    time.sleep(0.5)
    c = term(home, "--no-sound")
    offered = c.wait("20 rep(s) counted")
    c.keys("s")
    saved = c.wait("Saved as a partial session")
    first = ok and offered and saved and sessions() == [("Long", "partial", 20), ("Short", "completed", 3)]
    record("two windows: one finishing never takes the other's 20 reps", 1, int(first), f"(journal {sessions()})")
    for window in (b, c):
        window.close()
    journal.unlink(missing_ok=True)

    # 2: A mid-set with 7 reps; B starts and must not offer A's live session; A finishes.
    a = term(home, "--no-sound", "run", str(home / "long.toml"))
    ok = a.wait("READY")
    a.keys("Enter", *["Space"] * 7)
    time.sleep(0.6)
    b = term(home, "--no-sound")
    ok = ok and b.wait("Soleus focus")
    time.sleep(1.5)
    not_offered = "unfinished session" not in b.screen()
    a.keys("Enter")
    ok = ok and a.wait("REST")
    a.keys("q")
    ok = ok and a.wait("Leave this session?")
    a.keys("s")
    ok = ok and a.wait("saves it to")  # the summary of the partial session
    a.keys("Enter")
    ok = ok and a.wait("Saved to")
    second = ok and not_offered and sessions() == [("Long", "partial", 7)]
    record("two windows: a live session is never offered, never written twice", 1, int(second),
           f"(offered to the other window: {not not_offered}; journal {sessions()})")
    for window in (a, b):
        window.close()
    journal.unlink(missing_ok=True)

    # 3: SIGTERM and SIGHUP end like ctrl+q: checkpoint kept, terminal restored, exit 128 + signal.
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name)
        a = term(home, "--no-sound", "run", str(home / "long.toml"))
        ok = a.wait("READY")
        a.keys("Enter", *["Space"] * 9)
        time.sleep(0.6)
        pid = a.pid()
        if pid:
            os.kill(pid, signum)
        ended = a.wait(f"EXIT={128 + signum}", timeout=10)
        sane = a.flag("alternate_on") == "0" and a.flag("mouse_any_flag") == "0" and a.flag("cursor_flag") == "1"
        left = unfinished(home)
        kept = len(left) == 1 and left[0].counted_reps == 9
        record(f"{name} mid-set: terminal restored, 9 reps kept, exit {128 + signum}", 1,
               int(ok and ended and sane and kept), f"(ended {ended}, terminal sane {sane}, kept {kept})")
        a.close()
        shutil.rmtree(home / "data" / "sessions", ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)


def hostile_files(cases: int, pilots: int, seed: int) -> None:
    """Generated hostile workout files, journals, checkpoints and config (bench/adversarial.py)."""
    from adversarial import adversarial

    tally = adversarial(cases, pilots, seed)
    record("hostile files: no traceback, shown as written, nothing leaked, all within 10 s", tally.cases,
           tally.cases - tally.failed, f"({tally.pilot} also through Pilot) " + "; ".join(tally.broken[:1]))


# --- the terminal and sound ----------------------------------------------------------------

RESIZE = 'name = "Resize"\n[[exercise]]\nname = "Raise"\nsets = 2\nreps = "amrap"\n'


def shrink_and_back() -> None:
    home = Path(tempfile.mkdtemp(prefix="calftui-resize-"))
    (home / "r.toml").write_text(RESIZE)
    window = term(home, "--no-sound", "run", str(home / "r.toml"), size=(100, 30))
    ok = window.wait("READY")
    window.keys("Enter", *["Space"] * 7)
    time.sleep(0.5)
    window.resize(40, 12)
    time.sleep(0.6)
    small = window.screen()
    window.keys(*["Space"] * 5)
    time.sleep(0.4)
    window.resize(100, 30)
    ok = ok and window.wait("WORK") and window.pid() is not None
    left = unfinished(home)
    counted = left[0].counted_reps if len(left) == 1 else -1
    window.close()
    shutil.rmtree(home, ignore_errors=True)
    record("terminal 40x12 and back mid-set: no state lost", 1, int(ok and counted == 12 and bool(small.strip())),
           f"(12 taps, {counted} counted)")


def silent_and_stuck_speech() -> None:
    """Sound on, but no speech program at all; then a speech program that never returns."""
    results = []
    for case in ("none", "hangs"):
        home = Path(tempfile.mkdtemp(prefix="calftui-sound-"))
        (home / "s.toml").write_text('name = "S"\n[[exercise]]\nname = "Hold"\nduration = 2\n[[exercise]]\nname = '
                                     '"R"\nreps = 3\n')
        bindir = home / "bin"
        bindir.mkdir()
        if case == "hangs":
            speaker = bindir / "espeak-ng"
            speaker.write_text("#!/bin/sh\nsleep 600\n")
            speaker.chmod(0o755)
        path = f"{bindir}:/bin:/usr/bin" if case == "hangs" else str(bindir)  # "none": nothing to speak with
        window = term(home, "run", str(home / "s.toml"), env={"PATH": path})
        began = time.monotonic()
        ok = window.wait("READY")
        window.keys("Enter")
        ok = ok and window.wait("REST", timeout=20)  # the 2 s hold ended by itself (bells and speech on)
        window.keys("Enter")
        ok = ok and window.wait("goal 3 reps", timeout=20)
        window.keys("Enter", "Space", "Space", "Space", "Enter")  # a reps set ends with Enter
        ok = ok and window.wait("completed", timeout=20)
        window.keys("Enter")
        ok = ok and window.wait("Saved to", timeout=20)
        elapsed = time.monotonic() - began
        journal = home / "data" / "journal.toml"
        ok = ok and journal.exists() and len(read_journal(journal).sessions) == 1
        results.append((case, ok, elapsed))
        window.close()
        subprocess.run(["pkill", "-f", str(home / "bin" / "espeak-ng")], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
    record("no speech program, and one that hangs: session unaffected", len(results), sum(ok for _, ok, _ in results),
           " ".join(f"({case}: {elapsed:.1f}s)" for case, _, elapsed in results))


# --- unwritable places ---------------------------------------------------------------------


def mount_tmpfs(path: Path, size: str, read_only: bool = False) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    return mounted.returncode == 0


def unmount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def read_only_and_full() -> None:
    for case in ("read-only data folder", "full disk"):
        home = Path(tempfile.mkdtemp(prefix="calftui-nospace-"))
        data = home / "data"
        journal_before = b""
        if case == "full disk":
            if not mount_tmpfs(data, "48k"):
                record(f"{case}: the session kept and the message names where", 0, 0, "(this machine cannot mount "
                                                                                      "a tmpfs)")
                continue
            journal = data / "journal.toml"
            content = a_journal(3, random.Random(1))
            content += b"# padding to a page boundary, so the next append needs a page of its own\n"
            content += b"#" * (-(len(content) + 1) % 4096) + b"\n"
            journal.write_bytes(content)
            filler = data / "filler"
            try:
                with open(filler, "wb") as f:
                    f.write(b"\0" * (1 << 20))
            except OSError:
                pass  # full now
            journal_before = journal.read_bytes()
        elif not mount_tmpfs(data, "64k", read_only=True):
            record(f"{case}: the session kept and the message names where", 0, 0, "(this machine cannot mount a tmpfs)")
            continue
        (home / "w.toml").write_text('name = "Full"\n[[exercise]]\nname = "R"\nreps = 40\n')
        window = term(home, "--no-sound", "run", str(home / "w.toml"))
        ok = window.wait("READY")
        window.keys("Enter", *["Space"] * 40, "Enter")
        ok = ok and window.wait("completed", timeout=20)
        window.keys("Enter")  # leaving the summary: the journal cannot take it
        ok = ok and window.wait("again goes back", timeout=20)
        screen = window.screen()
        alive = window.pid() is not None
        rescued = [p for p in Path(tempfile.gettempdir()).glob("calftui-unsaved-*.toml")
                   if p.stat().st_mtime > time.time() - 60]
        flat = "".join(screen.split())  # the message wraps; file names have no spaces
        kept = [c for c in unfinished(home) if c.finished and c.counted_reps == 40]  # kept to save at the next start
        named = any(p.name in flat for p in rescued) or any(f"{c.session_id}.json" in flat for c in kept)
        intact = True
        if case == "full disk":
            intact = (data / "journal.toml").read_bytes() == journal_before  # ENOSPC: its own bytes taken back
        whole = bool(kept) or any(len(read_journal(p).sessions) == 1 and read_journal(p).sessions[0].total_reps == 40
                                  for p in rescued)
        window.close()
        unmount(data)
        for p in rescued:
            p.unlink()
        shutil.rmtree(home, ignore_errors=True)
        survived = int(ok and alive and named and whole and intact)
        record(f"{case}: the session kept and the message names where", 1, survived,
               f"(app alive {alive}, message names the file {named}, session whole {whole}, journal untouched "
               f"{intact})")



# --- the clock, links, no terminal --------------------------------------------------------

JUMPING = """
import signal
import sys
import time

real = time.monotonic
offset = 0.0


def jump(*_):
    global offset
    offset += float(sys.argv[1])


def monotonic():
    return real() + offset


signal.signal(signal.SIGUSR1, jump)
time.monotonic = monotonic  # before calftui and Textual are imported: every clock they read jumps
from calftui.cli import main

sys.exit(main(sys.argv[2:]))
"""
GAP_S = 691311.038
"""The gap seen on a gym PC left on between two sets: eight days."""
TWO_SETS = 'name = "Left on"\n[[exercise]]\nname = "Raise"\nsets = 2\nreps = "amrap"\nrest = "60s"\n'


def clock_jump() -> None:
    """A terminal left open for eight days between two sets (the monotonic clock jumps by the gap
    in the middle of the rest): the summary opens, and the session is in the journal, every rep
    read back, the rest written at a week with the gap as measured kept beside it."""
    import tomllib

    home = Path(tempfile.mkdtemp(prefix="calftui-clock-"))
    (home / "two.toml").write_text(TWO_SETS)
    (home / "jumping.py").write_text(JUMPING)
    window = SERVER.terminal(environment(home), (100, 30))
    window.run(" ".join(shlex.quote(a) for a in [sys.executable, str(home / "jumping.py"), str(GAP_S),
                                                   "--no-sound", "run", str(home / "two.toml")]))
    ok = window.wait("READY")
    window.keys("Enter", *["Space"] * 12)
    time.sleep(0.5)
    window.keys("Enter")
    ok = ok and window.wait("REST")
    pid = window.pid()
    if pid:
        os.kill(pid, signal.SIGUSR1)  # eight days pass
    ok = ok and window.wait("READY", timeout=10)
    window.keys("Enter", *["Space"] * 10)
    time.sleep(0.5)
    window.keys("Enter")
    summary = window.wait("completed")
    window.keys("Enter")
    saved = window.wait("Saved to")
    journal = home / "data" / "journal.toml"
    reading = read_journal(journal) if journal.exists() else None
    whole = reading is not None and reading.damage == [] and [s.total_reps for s in reading.sessions] == [22]
    kept = False
    if whole:
        second = tomllib.loads(journal.read_text())["session"][0]["sets"][1]
        kept = abs(second["rest_before_s"] - GAP_S) < 5  # the week and a day, as it was taken
    window.close()
    shutil.rmtree(home, ignore_errors=True)
    record("clock jumps 8 days mid-rest: summary, journal reads back 22 reps, gap kept", 1,
           int(ok and summary and saved and whole and kept),
           f"(summary {summary}, saved {saved}, read back {whole}, real gap kept {kept})")


CRASHING = """
import sys
from calftui.ui.screens import picker


def boom(self):
    raise ValueError("a deliberate fault in the picker")


picker.PickerScreen.on_mount = boom
from calftui.cli import main

sys.exit(main([]))
"""


def crash_log_links() -> None:
    """The data folder cannot be written, so the crash details go to the temporary folder, where
    another user has planted links under every name a crash in the next minute could be given:
    no file they point to is touched, and the details are in a new owner-only file of calftui's."""
    home = Path(tempfile.mkdtemp(prefix="calftui-links-"))
    shared = home / "tmp"
    shared.mkdir()
    victim = home / "victim.txt"
    victim.write_text("another user's file\n")
    victim.chmod(0o644)
    now = time.time()
    for second in range(-2, 90):
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now + second))
        for name in (f"crash-{stamp}.log", f"calftui-crash-{stamp}.log"):
            (shared / name).symlink_to(victim)
    (home / "blocked").write_text("")
    (home / "crash.py").write_text(CRASHING)
    window = SERVER.terminal(environment(home, TMPDIR=str(shared), CALFTUI_DATA_DIR=str(home / "blocked" / "data")))
    window.run(f"{shlex.quote(sys.executable)} {shlex.quote(str(home / 'crash.py'))}")
    ended = window.wait("EXIT=1")
    flat = "".join(window.screen().split())
    untouched = victim.read_text() == "another user's file\n" and (victim.stat().st_mode & 0o777) == 0o644
    made = [p for p in shared.iterdir() if not p.is_symlink()]
    details = len(made) == 1 and "a deliberate fault" in made[0].read_text() and \
        (made[0].stat().st_mode & 0o777) == 0o600 and made[0].name in flat
    window.close()
    shutil.rmtree(home, ignore_errors=True)
    record("crash file with links planted in the temporary folder: none followed", 1,
           int(ended and untouched and details), f"(ended {ended}, victim untouched {untouched}, details {details})")


def no_terminal() -> None:
    """No terminal for the screens: keys from /dev/null, nohup, output to a file, and both in a
    pipe; each says so in one line and exits 2 at once (no picker drawn for no one at full speed);
    a command that needs no terminal still works; a closed pipe ends a command quietly."""
    home = Path(tempfile.mkdtemp(prefix="calftui-noterm-"))
    calftui = f"{shlex.quote(sys.executable)} -m calftui"
    cases = {
        "< /dev/null": f"{calftui} < /dev/null",
        "nohup": f"sh -c {shlex.quote(f'cd {shlex.quote(str(home))} && nohup {calftui}')}",
        "> file": f"{calftui} run death-set > {shlex.quote(str(home / 'out.txt'))}",
    }
    survived, notes = 0, []
    for how, command in cases.items():
        window = SERVER.terminal(environment(home), (100, 30))
        began = time.monotonic()
        window.run(command)
        ended = window.wait("EXIT=", timeout=15)
        took = time.monotonic() - began
        said = window.screen() + ((home / "nohup.out").read_text() if how == "nohup" and
                                  (home / "nohup.out").exists() else "")
        ok = ended and "EXIT=2" in said and "need a terminal" in " ".join(said.split()) and "Traceback" not in said
        survived += ok
        if not ok:
            notes.append(f"{how}: {'ended' if ended else 'still running'} after {took:.1f}s")
        window.close()
    env = {**os.environ, **environment(home)}

    def without_terminal(*args: str, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes] | None:
        try:
            return subprocess.run([sys.executable, "-m", "calftui", *args], stdin=subprocess.DEVNULL, stdout=stdout,
                                  stderr=subprocess.PIPE, cwd=ROOT, env=env, timeout=30)
        except subprocess.TimeoutExpired:
            return None  # (killed)

    piped, listed = without_terminal(), without_terminal("list")
    ok = piped is not None and piped.returncode == 2 and len(piped.stderr.splitlines()) == 1 \
        and b"need a terminal" in piped.stderr
    ok = ok and listed is not None and listed.returncode == 0 and b"death-set" in listed.stdout
    survived += ok
    if not ok:
        notes.append(f"in a pipe: {'exit ' + str(piped.returncode) if piped else 'still running after 30 s'}")
    read, write = os.pipe()
    os.close(read)
    closed = without_terminal("schema", stdout=write)
    os.close(write)
    ok = closed is not None and closed.returncode == 128 + signal.SIGPIPE and closed.stderr == b""
    survived += ok
    if not ok and closed is not None:
        notes.append(f"closed pipe: exit {closed.returncode} {closed.stderr[-80:]!r}")
    shutil.rmtree(home, ignore_errors=True)
    record("no terminal (/dev/null, nohup, file, pipe), closed pipe: told, quiet", len(cases) + 2, survived,
           "; ".join(notes))

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed: apt-get install tmux")
    rng = random.Random(args.seed)
    quick = args.quick
    SERVER.__enter__()
    steps: list[Callable[[], None]] = [
        lambda: kill_9(3 if quick else 50, rng),
        kill_9_on_the_summary,
        lambda: workout_fuzz(100 if quick else 1000),
        lambda: journal_damage(20 if quick else 200, rng),
        lambda: hostile_files(20 if quick else 200, 3 if quick else 25, args.seed),
        lambda: two_at_once(1 if quick else 5),
        two_windows,
        shrink_and_back,
        silent_and_stuck_speech,
        read_only_and_full,
        clock_jump,
        crash_log_links,
        no_terminal,
    ]
    try:
        for step in steps:
            step()
    finally:
        SERVER.__exit__()
    print()
    print(f"{'fault':<72} {'survived':>10}")
    failed = False
    for name, cases, survived, _detail in RESULTS:
        print(f"{name:<72} {survived:>4}/{cases:<5}")
        failed |= survived != cases or cases == 0
    print("result:", "everything survived" if not failed else "SOMETHING WAS LOST OR BROKE (see above)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

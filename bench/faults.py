"""Faults: break calftui the ways life does, and print what survived.

    python bench/faults.py            # the full run (a few minutes)
    python bench/faults.py --quick    # a few cases of each, for CI

- kill -9 at random moments of a scripted session in a real terminal (tmux): every counted rep
  is in what the next start offers to recover;
- generated and mutated workout files (hypothesis): never a traceback, every rejection one line
  naming the file and a key;
- journals torn at random offsets and with random bytes flipped: every intact session is still
  listed, and the file's bytes are unchanged;
- two calftui processes finishing sessions at the same moment: both sessions whole;
- a terminal shrunk to 40x12 and back mid-set; no speech program and a speech program that hangs;
- a read-only data folder and a full disk (small tmpfs mounts where the machine allows them).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calftui import checkpoint as checkpoints  # noqa: E402
from calftui.journal import parse_bytes, read_journal, session_block  # noqa: E402
from calftui.journal_index import listing  # noqa: E402
from calftui.workout_file import WorkoutError, parse_workout  # noqa: E402

SOCKET = f"calftui-faults-{os.getpid()}"
RESULTS: list[tuple[str, int, int, str]] = []


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


class Term:
    """calftui in a tmux pane of its own."""

    count = 0

    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None, size: tuple[int, int] = (100, 30)):
        Term.count += 1
        self.name = f"t{Term.count}"
        base = {"CALFTUI_DATA_DIR": str(home / "data"), "CALFTUI_CONFIG_DIR": str(home / "config"),
                "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "HOME": str(home)}
        base.update(env or {})
        exports = " ".join(f"{k}='{v}'" for k, v in base.items())
        tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
             f"env {exports} {sys.executable} -m calftui {' '.join(args)}; sleep 3600")

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def wait(self, text: str, timeout: float = 15) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.screen():
                return True
            time.sleep(0.03)
        return False

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def pid(self) -> int | None:
        shell = tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        found = subprocess.run(["pgrep", "-f", "-P", shell, "calftui"], capture_output=True, text=True).stdout.split()
        return int(found[0]) if found else None

    def close(self) -> None:
        tmux("kill-session", "-t", self.name)


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
        term = Term(home, "--no-sound", "run", str(home / "kill.toml"))
        ok = term.wait("READY")
        taps = 0
        for _ in range(rng.randint(1, 8)):
            burst = rng.randint(1, 7)
            term.keys(*["Space"] * burst)
            taps += burst
            if rng.random() < 0.4:
                term.keys(rng.choice(["Enter", "f"]))
            time.sleep(rng.uniform(0.0, 0.4))
        time.sleep(rng.uniform(0.4, 0.9))  # long enough to have counted what was sent
        pid = term.pid()
        if pid:
            os.kill(pid, 9)
        term.close()
        os.environ["CALFTUI_DATA_DIR"] = str(home / "data")
        try:
            pending = checkpoints.load()
            counted = pending.counted_reps if pending else 0
        except checkpoints.CheckpointError:
            counted = -1
        finally:
            del os.environ["CALFTUI_DATA_DIR"]
        if ok and counted == taps and moment % 5 == 0:
            again = Term(home, "--no-sound")
            ok = again.wait(f"{taps} rep(s) counted")
            again.close()
        if ok and counted == taps:
            survived += 1
        else:
            lost.append(f"sent {taps}, recovered {counted}")
        shutil.rmtree(home, ignore_errors=True)
    record("kill -9 mid-session: every counted rep recoverable", moments, survived, "; ".join(lost[:3]))


# --- workout files -------------------------------------------------------------------------


def workout_fuzz(count: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [p.read_text() for p in sorted((ROOT / "workouts").glob("*.toml"))]
    tokens = ["=", '"', "[[exercise]]", "[exercise.say]", "\n", "-", "x", "0", "-1", "99999", '"12-10"', "amrap",
              "true", "tempo", "sets", "rset", "reps", "target", "duration", '"1h"', '"3-x-1"', "#", "[", "]", "\x00",
              "é", "kind", '"timed"', "per_side", "{", "}", ","]
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
        except Exception as exc:  # noqa: BLE001 - a traceback is exactly what is being looked for
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
    still listed (through the same cache calftui uses), and the file's bytes never change."""
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
            listed = {s.id for s in listing(path).summaries}
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
    record("torn and bit-flipped journals: intact sessions listed, bytes unchanged", cases, survived, "; ".join(notes[:2]))


ONE_REP = 'name = "One"\n[[exercise]]\nname = "Death"\ntarget = 3\n'


def two_at_once(rounds: int) -> None:
    """Two calftui processes, one journal, the last rep of each sent in the same instant."""
    survived, notes = 0, []
    for _ in range(rounds):
        home = Path(tempfile.mkdtemp(prefix="calftui-two-"))
        (home / "one.toml").write_text(ONE_REP)
        journal = home / "journal.toml"
        terms = [Term(home / name, "--no-sound", "--journal", str(journal), "run", str(home / "one.toml"))
                 for name in ("a", "b")]
        ready = all(t.wait("READY") for t in terms)
        for t in terms:
            t.keys("Space", "Space")
        time.sleep(0.5)
        for t in terms:  # the finishing taps, back to back
            t.keys("Space")
        done = all(t.wait("completed") for t in terms)
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


# --- the terminal and sound ----------------------------------------------------------------

RESIZE = 'name = "Resize"\n[[exercise]]\nname = "Raise"\nsets = 2\nreps = "amrap"\n'


def shrink_and_back() -> None:
    home = Path(tempfile.mkdtemp(prefix="calftui-resize-"))
    (home / "r.toml").write_text(RESIZE)
    term = Term(home, "--no-sound", "run", str(home / "r.toml"), size=(100, 30))
    ok = term.wait("READY")
    term.keys("Enter", *["Space"] * 7)
    time.sleep(0.5)
    tmux("resize-window", "-t", term.name, "-x", "40", "-y", "12")
    time.sleep(0.6)
    small = term.screen()
    term.keys(*["Space"] * 5)
    time.sleep(0.4)
    tmux("resize-window", "-t", term.name, "-x", "100", "-y", "30")
    ok = ok and term.wait("WORK") and term.pid() is not None
    os.environ["CALFTUI_DATA_DIR"] = str(home / "data")
    try:
        pending = checkpoints.load()
        counted = pending.counted_reps if pending else -1
    finally:
        del os.environ["CALFTUI_DATA_DIR"]
    term.close()
    shutil.rmtree(home, ignore_errors=True)
    record("terminal 40x12 and back mid-set: no state lost", 1, int(ok and counted == 12 and bool(small.strip())),
           f"(12 taps, {counted} counted)")


def silent_and_stuck_speech() -> None:
    """Sound on, but no speech program at all; then a speech program that never returns."""
    results = []
    for case in ("none", "hangs"):
        home = Path(tempfile.mkdtemp(prefix="calftui-sound-"))
        (home / "s.toml").write_text('name = "S"\n[[exercise]]\nname = "Hold"\nduration = 2\n[[exercise]]\nname = "R"\nreps = 3\n')
        bindir = home / "bin"
        bindir.mkdir()
        if case == "hangs":
            speaker = bindir / "espeak-ng"
            speaker.write_text("#!/bin/sh\nsleep 600\n")
            speaker.chmod(0o755)
        path = f"{bindir}:/bin:/usr/bin" if case == "hangs" else str(bindir)  # "none": nothing to speak with
        term = Term(home, "run", str(home / "s.toml"), env={"PATH": path})
        began = time.monotonic()
        ok = term.wait("READY")
        term.keys("Enter")
        ok = ok and term.wait("REST", timeout=20)  # the 2 s hold ended by itself (bells and speech on)
        term.keys("Enter")
        ok = ok and term.wait("goal 3 reps", timeout=20)
        term.keys("Enter", "Space", "Space", "Space", "Enter")  # a reps set ends with Enter
        ok = ok and term.wait("completed", timeout=20)
        elapsed = time.monotonic() - began
        journal = home / "data" / "journal.toml"
        ok = ok and journal.exists() and len(read_journal(journal).sessions) == 1
        results.append((case, ok, elapsed))
        term.close()
        subprocess.run(["pkill", "-f", str(home / "bin" / "espeak-ng")], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
    record("no speech program, and one that hangs: session unaffected", len(results), sum(ok for _, ok, _ in results),
           " ".join(f"({case}: {elapsed:.1f}s)" for case, _, elapsed in results))


# --- unwritable places ---------------------------------------------------------------------


def mount_tmpfs(path: Path, size: str, read_only: bool = False) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True).returncode == 0


def unmount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def read_only_and_full() -> None:
    for case in ("read-only data folder", "full disk"):
        home = Path(tempfile.mkdtemp(prefix="calftui-nospace-"))
        data = home / "data"
        journal_before = b""
        if case == "full disk":
            if not mount_tmpfs(data, "48k"):
                record(f"{case}: the session kept and the message names where", 0, 0, "(this machine cannot mount a tmpfs)")
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
        term = Term(home, "--no-sound", "run", str(home / "w.toml"))
        ok = term.wait("READY")
        term.keys("Enter", *["Space"] * 40, "Enter")
        ok = ok and term.wait("completed", timeout=20)
        screen = term.screen()
        alive = term.pid() is not None
        rescued = [p for p in Path(tempfile.gettempdir()).glob("calftui-unsaved-*.toml")
                   if p.stat().st_mtime > time.time() - 60]
        flat = "".join(screen.split())  # the message wraps; file names have no spaces
        named = any(p.name in flat for p in rescued) or "checkpoint" in flat
        intact = True
        if case == "full disk":
            intact = (data / "journal.toml").read_bytes() == journal_before  # ENOSPC: its own bytes taken back
        whole = any(len(read_journal(p).sessions) == 1 and read_journal(p).sessions[0].total_reps == 40 for p in rescued)
        term.close()
        unmount(data)
        for p in rescued:
            p.unlink()
        shutil.rmtree(home, ignore_errors=True)
        record(f"{case}: the session kept and the message names where", 1, int(ok and alive and named and whole and intact),
               f"(app alive {alive}, message names the file {named}, session whole {whole}, journal untouched {intact})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed: apt-get install tmux")
    rng = random.Random(args.seed)
    quick = args.quick
    tmux("new-session", "-d", "-s", "keeper", "sleep 3600")  # keeps this run's tmux server up
    steps: list[Callable[[], None]] = [
        lambda: kill_9(3 if quick else 50, rng),
        lambda: workout_fuzz(100 if quick else 1000),
        lambda: journal_damage(20 if quick else 200, rng),
        lambda: two_at_once(1 if quick else 5),
        shrink_and_back,
        silent_and_stuck_speech,
        read_only_and_full,
    ]
    try:
        for step in steps:
            step()
    finally:
        tmux("kill-server")
    print()
    print(f"{'fault':<72} {'survived':>10}")
    failed = False
    for name, cases, survived, detail in RESULTS:
        print(f"{name:<72} {survived:>4}/{cases:<5}")
        failed |= survived != cases or cases == 0
    print("result:", "everything survived" if not failed else "SOMETHING WAS LOST OR BROKE (see above)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

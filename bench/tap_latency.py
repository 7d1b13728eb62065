"""How soon a tap shows: a key sent through tmux, the pane polled until the count on it changes.

calftui runs a set (as many reps as you can, so it never ends by itself) in one tmux window and
a bare Textual app that counts key presses on a ``Digits`` widget runs in another; taps go to
them in turns, each at a random moment, so a slower minute of the machine falls on both alike.
Only the drawn number is compared (the block and box characters it is drawn with), so the
set's running clock never passes for a tap.

A rep shown is a rep kept: one frame (1/60 s) after each tap shows, calftui's checkpoint must
already hold it, and after the last tap it must hold every one.

    python bench/tap_latency.py            # 120 taps each
    python bench/tap_latency.py --taps 40  # fewer, for CI
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from terminal import Server, Terminal

BARE = """
from textual.app import App, ComposeResult
from textual.widgets import Digits, Footer


class Bare(App):
    BINDINGS = [("space", "tap", "Tap"), ("q", "quit", "Quit")]
    count = 0

    def compose(self) -> ComposeResult:
        yield Digits("0")
        yield Footer()

    def action_tap(self) -> None:
        self.count += 1
        self.query_one(Digits).update(str(self.count))


Bare().run()
"""
"""The floor: a Textual app that draws a number of key presses and nothing else."""
TAP_WORKOUT = 'name = "Bench taps"\n[[exercise]]\nname = "Raise"\nreps = "amrap"\n'
TARGET = 1.5
"""calftui within this ratio of the bare app, at the median and at p90."""
SIZE = (80, 24)
FRAME = 1 / 60


def drawn_number(screen: str) -> str:
    """Only the characters big numbers are drawn with (block elements and box drawing)."""
    return "".join(c for c in screen if "\u2500" <= c <= "\u259f" or c == "\n")


def tap(window: Terminal, timeout: float = 5.0) -> float:
    """Seconds from sending a space to the drawn number changing on the pane."""
    before = drawn_number(window.screen())
    began = time.perf_counter()
    window.keys("Space")
    end = began + timeout
    while time.perf_counter() < end:
        if drawn_number(window.screen()) != before:
            return time.perf_counter() - began
    raise SystemExit(f"a tap never showed in {window.name}; the screen:\n{window.screen()}")


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def checkpointed_reps(sessions: Path) -> int:
    """The reps the session in progress holds in its checkpoint (taps of the set in progress and sets done)."""
    for path in sessions.glob("*.json"):
        engine = json.loads(path.read_text())["engine"]
        return len(engine["taps"]) + sum(r["reps"] or 0 for r in engine["records"])
    return 0


def measure(python: str, taps: int, server: Server) -> dict[str, float]:
    """Medians and p90s of ``taps`` taps on each app, in seconds, and the reps checkpointed."""
    with tempfile.TemporaryDirectory(prefix="calftui-taps-") as tmp:
        folder = Path(tmp)
        env = {"CALFTUI_DATA_DIR": str(folder / "data"), "CALFTUI_CONFIG_DIR": str(folder / "config"),
               "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "HOME": str(folder)}
        (folder / "bare.py").write_text(BARE)
        (folder / "taps.toml").write_text(TAP_WORKOUT)
        ours = server.terminal(env, SIZE, name="calftui-taps")
        ours.run(f"{python} -m calftui --no-sound run {folder / 'taps.toml'}")
        bare = server.terminal(env, SIZE, name="bare-taps")
        bare.run(f"{python} {folder / 'bare.py'}")
        ours.wait_for("READY")
        bare.wait_for("Tap")
        ours.keys("Enter")
        ours.wait_for("WORK")
        times: dict[str, list[float]] = {"ours": [], "bare": []}
        sessions = folder / "data" / "sessions"
        for _ in range(3):  # warm both up: the first key of a session draws more than a tap
            tap(ours)
            tap(bare)
        sent = 3
        in_time = 0
        for _ in range(taps):
            for name, window in random.sample([("ours", ours), ("bare", bare)], 2):
                time.sleep(random.uniform(0.05, 0.12))  # each tap at another point of a frame
                times[name].append(tap(window))
                if name == "ours":
                    sent += 1
                    time.sleep(FRAME)
                    in_time += checkpointed_reps(sessions) == sent
        time.sleep(0.5)
        kept = checkpointed_reps(sessions)
        ours.close()
        bare.close()
    return {"ours_median": statistics.median(times["ours"]), "ours_p90": p90(times["ours"]),
            "bare_median": statistics.median(times["bare"]), "bare_p90": p90(times["bare"]),
            "kept": kept, "sent": sent, "in_time": in_time, "taps": taps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=120)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed: apt-get install tmux")
    with Server(f"calftui-taps-{os.getpid()}") as server:
        f = measure(sys.executable, args.taps, server)
    median, tail = f["ours_median"] / f["bare_median"], f["ours_p90"] / f["bare_p90"]
    print(f"{'tap to screen through tmux':<30} {'calftui':>9} {'bare Digits':>12} {'ratio':>6}  target")
    print(f"{'median':<30} {f['ours_median'] * 1000:>7.1f}ms {f['bare_median'] * 1000:>10.1f}ms {median:>6.2f}"
          f"  <= {TARGET}")
    print(f"{'p90':<30} {f['ours_p90'] * 1000:>7.1f}ms {f['bare_p90'] * 1000:>10.1f}ms {tail:>6.2f}  <= {TARGET}")
    print(f"{'reps in the checkpoint':<30} {f['kept']:>9.0f} {f['sent']:>10.0f} sent")
    print(f"{'… a frame after they showed':<30} {f['in_time']:>9.0f} {f['taps']:>10.0f} taps")
    ok = median <= TARGET and tail <= TARGET and f["kept"] == f["sent"] and f["in_time"] == f["taps"]
    print("result:", "PASS" if ok else "MISS")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

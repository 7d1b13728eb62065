"""Journals far past ten years, and the first start after a hand edit, in a real terminal.

- the session's ready screen (`calftui run death-set`) for a one-session journal, ten years
  (1,560 sessions) and a shared gym laptop's 100,000 sessions (~50 MB), each with a fresh cache
  and right after a hand edit (the cache then stale): ratios against the ten-year time;
- the picker's first screen after a hand edit against a fresh cache (ten years);
- `log --last 10`, `export --format csv` and `export --format json` of the 100,000 with no cache.

    python bench/large_journal.py            # 100,000 sessions, 5 runs each
    python bench/large_journal.py --quick    # 20,000 sessions, 2 runs each, for CI
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import journal_scale
import ui_perf


def hand_edit(journal: Path) -> None:
    """What an editor leaves after a lifter adds a comment at the end: the cache no longer fits."""
    with open(journal, "ab") as handle:
        handle.write(b"\n# checked by hand\n")


class Bench:
    def __init__(self, folder: Path, python: str) -> None:
        self.python = python
        self.env = {"CALFTUI_DATA_DIR": str(folder / "data"), "CALFTUI_CONFIG_DIR": str(folder / "config"),
                    "PYTHONPATH": str(HERE.parent), "TERM": "xterm-256color", "COLUMNS": "120"}

    @staticmethod
    def settle() -> None:
        """Wait for indexers a closed window or a `log` left running: they are not what is measured."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and subprocess.run(["pgrep", "-f", "calftui.indexer"],
                                                             capture_output=True).returncode == 0:
            time.sleep(0.1)

    def index(self, journal: Path) -> None:
        """A fresh cache, built as calftui builds it in the background."""
        self.settle()
        subprocess.run([self.python, "-m", "calftui.indexer", "--", str(journal)], check=True,
                       env={**os.environ, **self.env})

    def ready(self, journal: Path) -> float:
        return ui_perf.first_screen(f"{self.python} -m calftui --no-sound run death-set --journal {journal}", "READY",
                                    self.env)

    def picker(self, journal: Path) -> float:
        return ui_perf.first_screen(f"{self.python} -m calftui --no-sound --journal {journal}", "Soleus focus",
                                    self.env)

    def warm_and_edited(self, screen: str, journal: Path, runs: int) -> tuple[float, float]:
        """Medians of the screen with a fresh cache, and right after a hand edit."""
        show = getattr(self, screen)
        self.index(journal)
        show(journal)
        warm, edited = [], []
        for _ in range(runs):
            self.index(journal)
            warm.append(show(journal))
            hand_edit(journal)
            self.settle()
            edited.append(show(journal))
            time.sleep(0.2)  # (the window is gone; its indexer goes on in the background)
        self.index(journal)
        return statistics.median(warm), statistics.median(edited)

    def command(self, *args: str) -> float:
        """Seconds for one calftui command with no cache at all."""
        self.settle()
        shutil.rmtree(Path(self.env["CALFTUI_DATA_DIR"]) / "cache", ignore_errors=True)
        began = time.perf_counter()
        subprocess.run([self.python, "-m", "calftui", *args], check=True, capture_output=True,
                       env={**os.environ, **self.env})
        took = time.perf_counter() - began
        self.settle()
        return took


def measure(python: str, sessions: int, runs: int) -> dict[str, float]:
    """Every figure of this script; the caller keeps ``ui_perf.SERVER`` alive meanwhile."""
    with tempfile.TemporaryDirectory(prefix="calftui-large-") as tmp:
        folder = Path(tmp)
        one, ten, huge = folder / "one.toml", folder / "ten-years.toml", folder / "huge.toml"
        journal_scale.write_journal(one, 1)
        journal_scale.write_journal(ten, 1560)
        journal_scale.write_journal(huge, sessions, small=True)
        bench = Bench(folder, python)
        f: dict[str, float] = {"mb": huge.stat().st_size / 1e6}
        f["one_warm"], _ = bench.warm_and_edited("ready", one, runs)
        f["ten_warm"], f["ten_edited"] = bench.warm_and_edited("ready", ten, runs)
        f["huge_warm"], f["huge_edited"] = bench.warm_and_edited("ready", huge, runs)
        f["picker_warm"], f["picker_edited"] = bench.warm_and_edited("picker", ten, runs)
        out = folder / "out"
        f["log_cold"] = statistics.median(bench.command("log", "--last", "10", "--journal", str(huge))
                                          for _ in range(runs))
        f["csv"] = bench.command("export", "--format", "csv", "--force", "--out", str(out), "--journal", str(huge))
        f["json"] = bench.command("export", "--format", "json", "--force", "--out", str(out), "--journal", str(huge))
    return f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sessions, runs = (20_000, 2) if args.quick else (100_000, 5)
    with ui_perf.SERVER:
        f = measure(sys.executable, sessions, runs)
    for key, value in f.items():
        print(f"{key:<14} {value:8.3f}")


if __name__ == "__main__":
    main()

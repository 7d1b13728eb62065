"""A lifetime of journal in a real terminal, and journals with no store at all.

- the workout picker (until a workout's "done yesterday" shows, which needs the journal) and a
  session's ready screen (`calftui run death-set`, until its "last, …" line shows) on a lifetime
  (20,000 sessions) against one session: with a fresh store (target <= 1.3) and right after a hand
  edit in the middle of the journal (target <= 1.5);
- no store at all (a first start, or the cache deleted): the ready screen still comes at once
  (READY, against a fresh store's), and `log --last 10` on a lifetime and on 100,000 small
  sessions (target <= 3 s);
- `export --format csv` and `json` of the 100,000 sessions, with the store fresh (target <= 5 s)
  and with no store at all;
- five windows opened at once on a lifetime with no store: how long until all five have answered,
  their memory together, and how many sessions were read (once each: 20,000).

    python bench/large_journal.py            # 5 runs each
    python bench/large_journal.py --quick    # 2 runs each, for CI
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
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


class Bench:
    def __init__(self, folder: Path, python: str) -> None:
        self.python = python
        self.folder = folder
        self.env = {"CALFTUI_DATA_DIR": str(folder / "data"), "CALFTUI_CONFIG_DIR": str(folder / "config"),
                    "PYTHONPATH": str(HERE.parent), "TERM": "xterm-256color", "COLUMNS": "120"}

    def fresh(self, journal: Path) -> None:
        """The store brought up to date, as the last window to close left it."""
        subprocess.run([self.python, "-m", "calftui", "log", "--last", "1", "--journal", str(journal)], check=True,
                       capture_output=True, env={**os.environ, **self.env})

    def no_store(self) -> None:
        shutil.rmtree(Path(self.env["CALFTUI_DATA_DIR"]) / "cache", ignore_errors=True)

    def ready(self, journal: Path, marker: str = "last, ") -> float:
        command = f"{self.python} -m calftui --no-sound run death-set --journal {journal}"
        return ui_perf.first_screen(command, marker, self.env)

    def picker(self, journal: Path) -> float:
        command = f"{self.python} -m calftui --no-sound --journal {journal}"
        return ui_perf.first_screen(command, "done yesterday", self.env)

    def screens(self, screen: str, journals: list[Path], runs: int) -> dict[tuple[Path, str], float]:
        """Medians of the screen with a fresh store and right after a hand edit, journals in turns."""
        show = getattr(self, screen)
        found: dict[tuple[Path, str], list[float]] = {}
        for journal in journals:
            self.fresh(journal)
            show(journal)  # the files in the cache
        for _ in range(runs):
            for journal in journals:
                self.fresh(journal)
                found.setdefault((journal, "fresh"), []).append(show(journal))
                journal_scale.edit_in_the_middle(journal)
                found.setdefault((journal, "edited"), []).append(show(journal))
                time.sleep(0.2)  # (the window is gone)
        return {key: statistics.median(times) for key, times in found.items()}

    def log_cold(self, journal: Path, runs: int) -> float:
        times = []
        for _ in range(runs):
            self.no_store()
            times.append(journal_scale.command(journal, self.env, "log", "--last", "10"))
        return statistics.median(times)

    def five_at_once(self, journal: Path) -> tuple[float, float, int]:
        """Seconds until five `log` processes started at once on a journal with no store have all
        answered, their largest memory together (MB), and how many sessions the store read."""
        self.no_store()
        began = time.perf_counter()
        procs = [subprocess.Popen(["/usr/bin/time", "-f", "%M", self.python, "-m", "calftui", "log", "--last", "5",
                                   "--journal", str(journal)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env={**os.environ, **self.env}) for _ in range(5)]
        peaks = [int(p.communicate()[1].decode().strip().splitlines()[-1]) for p in procs]
        took = time.perf_counter() - began
        database = next((Path(self.env["CALFTUI_DATA_DIR"]) / "cache").glob("journal-*.sqlite3"))
        con = sqlite3.connect(database)
        (parsed,) = con.execute("SELECT value FROM meta WHERE key = 'parsed'").fetchone()
        con.close()
        return took, sum(peaks) / 1024, int(parsed)


def measure(python: str, runs: int, huge_sessions: int = 100_000) -> dict[str, float]:
    """Every figure of this script; the caller keeps ``ui_perf.SERVER`` alive meanwhile."""
    with tempfile.TemporaryDirectory(prefix="calftui-large-") as tmp:
        folder = Path(tmp)
        one, lifetime, huge = folder / "one.toml", folder / "lifetime.toml", folder / "huge.toml"
        journal_scale.write_journal(one, 1)
        journal_scale.write_journal(lifetime, journal_scale.LIFETIME)
        journal_scale.write_journal(huge, huge_sessions, small=True)
        bench = Bench(folder, python)
        f: dict[str, float] = {"mb": lifetime.stat().st_size / 1e6, "huge_mb": huge.stat().st_size / 1e6}
        for screen in ("picker", "ready"):
            found = bench.screens(screen, [one, lifetime], runs)
            for key in ("fresh", "edited"):
                f[f"{screen}_{key}_lifetime"], f[f"{screen}_{key}_one"] = found[(lifetime, key)], found[(one, key)]
        ready_fresh, ready_cold = [], []
        for _ in range(runs):
            bench.fresh(lifetime)
            ready_fresh.append(bench.ready(lifetime, "READY"))
            bench.no_store()
            ready_cold.append(bench.ready(lifetime, "READY"))
            time.sleep(0.2)
        f["ready_at_once_fresh"] = statistics.median(ready_fresh)
        f["ready_at_once_cold"] = statistics.median(ready_cold)
        f["log_cold_lifetime"] = bench.log_cold(lifetime, runs)
        f["log_cold_huge"] = bench.log_cold(huge, runs)
        out = str(folder / "out")
        for fmt in ("csv", "json"):
            bench.no_store()
            how = ("export", "--format", fmt, "--force", "--out", out)
            f[f"{fmt}_cold"] = journal_scale.command(huge, bench.env, *how)
            f[fmt] = journal_scale.command(huge, bench.env, *how)
        f["five_seconds"], f["five_mb"], f["five_parsed"] = bench.five_at_once(lifetime)
        bench.fresh(lifetime)
        f["one_seconds"] = journal_scale.command(lifetime, bench.env, "log", "--last", "10")
    return f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with ui_perf.SERVER:
        f = measure(sys.executable, 2 if args.quick else 5)
    for key, value in f.items():
        print(f"{key:<26} {value:10.3f}")


if __name__ == "__main__":
    main()

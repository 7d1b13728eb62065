"""Journals to measure with, and how long calftui's journal commands take on them.

A lifetime is 20,000 sessions (fifty years at five a week, or a long imported history) of
calftui's own death-set sessions, 15 sets each with every tap (about 80 MB); the baseline is the
same workout's one-session journal. ``small`` sessions (one set of twelve, about 450 bytes) make
the 100,000-session journal of a shared gym laptop.

    python bench/journal_scale.py            # `log --last 10` and `stats`, lifetime against one session
    python bench/journal_scale.py --quick    # fewer runs
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from journal_helpers import session_block

TZ = timezone(timedelta(hours=1))
LIFETIME = 20_000


def session(n: int, start: datetime) -> dict[str, Any]:
    sets = []
    for k in range(3):  # ramp-up
        sets.append({"exercise": "Standing calf raise, ramp-up", "kind": "reps", "set": k + 1, "side": "both",
                     "reps": 12, "target_reps": 12, "weight": 20.0, "unit": "kg", "duration_s": 21.4,
                     "rest_before_s": 60.0 * (k > 0),
                     "failure": False, "warmup": True, "rep_at_s": [round(1.7 * j, 3) for j in range(1, 13)]})
    for m in range(5):  # death set mini-sets
        sets.append({"exercise": "Standing calf raise death set", "kind": "target", "set": m + 1, "side": "both",
                     "reps": 20, "target_reps": 100, "weight": 40.0 + n % 7, "unit": "kg", "duration_s": 31.0 + m,
                     "rest_before_s": 10.0 if m else 120.0, "failure": m < 4, "warmup": False,
                     "rep_at_s": [round(1.4 * j + 0.05 * (j % 3), 3) for j in range(1, 21)]})
    for k in range(7):  # stretches, per side
        sets.append({"exercise": "Standing calf stretch", "kind": "timed", "set": k // 2 + 1,
                     "side": ("left", "right")[k % 2],
                     "duration_s": 30.0, "rest_before_s": 10.0, "failure": False, "warmup": False})
    return {"id": str(uuid.UUID(int=n + 1)), "workout": "Calf raise death set", "workout_file": "death-set.toml",
            "started_at": start, "ended_at": start + timedelta(minutes=14), "status": "completed", "notes": "",
            "sets": sets}


WORKOUTS = ("Calf raise death set", "Seated soleus raise", "Tibialis raise")


def small_session(n: int, start: datetime) -> dict[str, Any]:
    """One set of twelve: the sessions of a shared gym laptop or a long imported history (~450 bytes)."""
    return {"id": str(uuid.UUID(int=n + 1)), "workout": WORKOUTS[n % 3], "workout_file": "",
            "started_at": start, "ended_at": start + timedelta(minutes=3), "status": "completed", "notes": "",
            "sets": [{"exercise": "Standing calf raise", "kind": "reps", "set": 1, "side": "both", "reps": 12,
                      "target_reps": 12, "weight": 40.0 + n % 7, "unit": "kg", "duration_s": 21.4,
                      "rest_before_s": 0.0, "failure": False, "warmup": False,
                      "rep_at_s": [round(1.7 * j, 3) for j in range(1, 13)]}]}


def write_journal(path: Path, count: int, *, small: bool = False) -> None:
    """``count`` sessions ending now (``small``: one short set each, every 90 minutes; else five a
    week), written as calftui writes them."""
    end = datetime.now(TZ).replace(microsecond=0) - timedelta(days=1)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            back = count - 1 - n
            if small:
                out.write(("\n" if n else "") + session_block(small_session(n, end - timedelta(minutes=90 * back))))
            else:
                when = end - timedelta(days=(back // 5) * 7 + (back % 5))
                out.write(("\n" if n else "") + session_block(session(n, when)))
    os.chmod(path, 0o600)


def edit_in_the_middle(journal: Path) -> None:
    """What a lifter leaves after a note by hand half-way through: a comment line before the middle
    session, so every block after it moves (the store must move their rows)."""
    data = journal.read_bytes()
    middle = data.find(b"\n[[session]]", len(data) // 2)
    journal.write_bytes(data[:middle + 1] + b"# checked by hand\n" + data[middle + 1:])


def command(journal: Path, env: dict[str, str], *args: str) -> float:
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "calftui", *args, "--journal", str(journal)],
                            capture_output=True, env={**os.environ, **env}, cwd=ROOT)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"calftui {' '.join(args)} failed: {result.stderr.decode()}")
    return elapsed


def commands(lifetime: Path, one: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """Medians of alternating runs: `log --last 10` and `stats`, fresh store and right after an edit."""
    f: dict[str, float] = {}
    for name, args in (("log", ("log", "--last", "10")), ("stats", ("stats",))):
        for journal in (lifetime, one):
            command(journal, env, *args)  # the store made, and the files in the cache
        fresh: dict[Path, list[float]] = {lifetime: [], one: []}
        edited: dict[Path, list[float]] = {lifetime: [], one: []}
        for _ in range(runs):
            for journal in (one, lifetime):
                fresh[journal].append(command(journal, env, *args))
                edit_in_the_middle(journal)
                edited[journal].append(command(journal, env, *args))
        for key, found in (("fresh", fresh), ("edited", edited)):
            f[f"{name}_{key}_lifetime"] = statistics.median(found[lifetime])
            f[f"{name}_{key}_one"] = statistics.median(found[one])
    return f


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 9
    with tempfile.TemporaryDirectory(prefix="calftui-bench-") as tmp:
        folder = Path(tmp)
        env = {"CALFTUI_DATA_DIR": str(folder / "data"), "CALFTUI_CONFIG_DIR": str(folder / "config"),
               "COLUMNS": "120"}
        lifetime, one = folder / "lifetime.toml", folder / "one.toml"
        write_journal(lifetime, LIFETIME)
        write_journal(one, 1)
        f = commands(lifetime, one, env, runs)
    print(f"{'measure':<40} {'lifetime':>10} {'one':>10} {'ratio':>7}")
    for name in ("log", "stats"):
        for key, target in (("fresh", 1.3), ("edited", 1.5)):
            big, small = f[f"{name}_{key}_lifetime"], f[f"{name}_{key}_one"]
            print(f"{name + ', ' + key:<40} {big * 1000:>8.0f}ms {small * 1000:>8.0f}ms {big / small:>7.2f} "
                  f"(<= {target})")


if __name__ == "__main__":
    main()

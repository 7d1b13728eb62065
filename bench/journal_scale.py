"""Ten years of journal against one session: `calftui log --last 10`, warm, as a ratio.

Generates a ten-year journal (1,560 sessions, three a week) and a one-session journal, runs
`calftui log --last 10` on each, alternating, after one warm-up run apiece, and prints the
medians and their ratio (target <= 1.5). Also shows the cold first read and one append.

    python bench/journal_scale.py            # 15 runs each
    python bench/journal_scale.py --quick    # 5 runs each, for CI
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calftui.journal import append_session, session_block

TZ = timezone(timedelta(hours=1))


def session(n: int, start: datetime) -> dict:
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


def small_session(n: int, start: datetime) -> dict:
    """One set of twelve: the sessions of a shared gym laptop or a long imported history (~450 bytes)."""
    return {"id": str(uuid.UUID(int=n + 1)), "workout": WORKOUTS[n % 3], "workout_file": "",
            "started_at": start, "ended_at": start + timedelta(minutes=3), "status": "completed", "notes": "",
            "sets": [{"exercise": "Standing calf raise", "kind": "reps", "set": 1, "side": "both", "reps": 12,
                      "target_reps": 12, "weight": 40.0 + n % 7, "unit": "kg", "duration_s": 21.4,
                      "rest_before_s": 0.0, "failure": False, "warmup": False,
                      "rep_at_s": [round(1.7 * j, 3) for j in range(1, 13)]}]}


def write_journal(path: Path, count: int, *, small: bool = False) -> None:
    """``count`` sessions, three a week from 2016 (``small``: one short set each, every 90 minutes)."""
    start = datetime(2016, 11, 21, 18, 0, tzinfo=TZ)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            if small:
                out.write(("\n" if n else "") + session_block(small_session(n, start + timedelta(minutes=90 * n))))
            else:
                when = start + timedelta(days=(n // 3) * 7 + (n % 3) * 2)
                out.write(("\n" if n else "") + session_block(session(n, when)))
    os.chmod(path, 0o600)


def run_log(journal: Path, env: dict[str, str]) -> float:
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "calftui", "log", "--last", "10", "--journal", str(journal)],
                            capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"calftui log failed: {result.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int)
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 15)
    with tempfile.TemporaryDirectory(prefix="calftui-bench-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "CALFTUI_DATA_DIR": str(folder / "data"), "CALFTUI_CONFIG_DIR": str(folder / "config"),
               "COLUMNS": "120"}
        big, small = folder / "ten-years.toml", folder / "one-session.toml"
        write_journal(big, 1560)
        write_journal(small, 1)
        size = big.stat().st_size
        sets = sum(len(session(n, datetime.now(TZ))["sets"]) for n in range(1560))
        cold = run_log(big, env)
        run_log(small, env)
        timings: dict[Path, list[float]] = {big: [], small: []}
        for _ in range(runs):
            for journal in (small, big):
                timings[journal].append(run_log(journal, env))
        began = time.perf_counter()
        append_session(big, session(9999, datetime(2026, 11, 20, 18, 0, tzinfo=TZ)))
        append_cost = time.perf_counter() - began
        after_append = run_log(big, env)
    med_big, med_small = statistics.median(timings[big]), statistics.median(timings[small])
    ratio = med_big / med_small
    print(f"journal: 1,560 sessions, {sets:,} sets, {size / 1e6:.1f} MB; {runs} alternating warm runs each")
    print(f"{'measure':<44} {'median':>10}")
    print(f"{'log --last 10, one-session journal (baseline)':<44} {med_small * 1000:>8.1f}ms")
    print(f"{'log --last 10, ten-year journal':<44} {med_big * 1000:>8.1f}ms")
    print(f"{'ratio (target <= 1.5)':<44} {ratio:>10.2f}")
    print(f"{'first read of the ten-year journal (cold)':<44} {cold * 1000:>8.1f}ms")
    print(f"{'one append to the ten-year journal':<44} {append_cost * 1000:>8.1f}ms")
    print(f"{'log --last 10 right after that append':<44} {after_append * 1000:>8.1f}ms")
    print("result:", "PASS" if ratio <= 1.5 else "MISS")
    sys.exit(0 if ratio <= 1.5 else 1)


if __name__ == "__main__":
    main()

"""stats, run as a process, ends with what to do next time."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from journal_helpers import append_session, death


def test_stats_ends_with_next_time(tmp_path: Path) -> None:
    journal = tmp_path / "j.toml"
    for s in (death(0, [30, 30, 40], weight=40), death(7, [42, 30, 28], weight=40)):
        append_session(journal, s)
    result = run_cli("stats", "Calves", "--journal", str(journal))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("Next time: 42.5 kg")
    assert any(line.startswith("Records: Death: best score") for line in lines)
    assert any(line.startswith("Last 8 weeks: ") for line in lines)

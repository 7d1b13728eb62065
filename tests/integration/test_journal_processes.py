"""The journal against other processes: two appending at once, kill -9 mid-append, a full disk, a read-only folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from calftui.journal import (
    read_journal,
)

from conftest import REPO
from journal_helpers import append_session, make_session

WRITER = """
import sys
sys.path.insert(0, {repo!r}); sys.path.insert(0, {tests!r})
from pathlib import Path
from journal_helpers import append_session, make_session
path = Path(sys.argv[1])
for n in range(int(sys.argv[2])):
    append_session(path, make_session(n, sets=int(sys.argv[3]), workout=sys.argv[4]))
    print(n, flush=True)
"""


def writer(tmp_path: Path) -> Path:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(repo=str(REPO), tests=str(REPO / "tests")))
    return script


def test_two_processes_appending_at_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.toml"
    script = writer(tmp_path)
    procs = [subprocess.Popen([sys.executable, str(script), str(path), "50", "6", name]) for name in ("A", "B")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    reading = read_journal(path)
    assert reading.damage == []
    assert sorted(s.workout for s in reading.sessions) == ["A"] * 50 + ["B"] * 50
    assert all(len(s.sets) == 6 for s in reading.sessions)


def test_kill_9_mid_append_never_leaves_a_silently_short_session(tmp_path: Path) -> None:
    path = tmp_path / "journal.toml"
    script = writer(tmp_path)
    for attempt in range(5):
        proc = subprocess.Popen([sys.executable, str(script), str(path), "100000", "60", "K"], stdout=subprocess.PIPE,
                                text=True)
        acknowledged = 0
        for _ in range(3 + attempt * 2):
            assert proc.stdout is not None
            proc.stdout.readline()
            acknowledged += 1
        proc.kill()  # SIGKILL
        proc.wait()
        reading = read_journal(path)
        assert all(len(s.sets) == 60 for s in reading.sessions), "a session came back shorter than written"
        assert len(reading.sessions) >= acknowledged


def test_full_disk_takes_back_its_own_bytes_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "journal.toml"
    append_session(path, make_session(0))
    before = path.read_bytes()
    code = f"""
import resource, sys
sys.path.insert(0, {str(REPO)!r}); sys.path.insert(0, {str(REPO / 'tests')!r})
from pathlib import Path
from calftui.journal import JournalError
from journal_helpers import append_session, make_session
resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before) + 500}, resource.RLIM_INFINITY))
try:
    append_session(Path({str(path)!r}), make_session(1, sets=30))
except JournalError as exc:
    print(exc); sys.exit(3)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    assert "disk is full" in result.stdout and str(path) in result.stdout
    assert path.read_bytes() == before


def test_read_only_data_folder(tmp_path: Path) -> None:
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="calftui-ro-"))
    try:
        os.chmod(base, 0o755)
        folder = base / "data"
        folder.mkdir()
        os.chmod(folder, 0o555)
        code = f"""
import os, sys
sys.path.insert(0, {str(REPO)!r}); sys.path.insert(0, {str(REPO / 'tests')!r})
from pathlib import Path
from calftui.journal import JournalError
from calftui.live import checkpoint
from journal_helpers import append_session, make_session
if os.geteuid() == 0:
    os.setgid(65534); os.setuid(65534)  # root ignores permissions: test as an ordinary user
try:
    append_session(Path({str(folder / 'journal.toml')!r}), make_session(0))
except JournalError as exc:
    print(exc)
try:
    checkpoint.Store(Path({str(folder / 'sessions')!r})).claim("s1")
except checkpoint.CheckpointError as exc:
    print(exc)
"""
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == 2 and "Permission denied" in lines[0] and "Permission denied" in lines[1]
        assert list(folder.iterdir()) == []
    finally:
        os.chmod(base / "data", 0o755)
        import shutil

        shutil.rmtree(base)

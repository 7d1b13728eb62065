"""The journal's store is derived and hostile input too: a link, a spoilt or foreign database, a
folder that cannot be written, a process killed mid-refresh, five windows at once, a time zone
change, a dry run. None of them may cost a session, write the journal, or give a wrong answer."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from calftui.journal import Journal, JournalError, append_sessions, database_for, read_journal

from conftest import REPO, run_cli
from journal_helpers import TZ, as_session, make_session, session_block, write_journal


def journal_of(folder: Path, count: int, **how: object) -> Path:
    return write_journal(folder / "journal.toml", *(make_session(n, **how) for n in range(count)))  # type: ignore[arg-type]


def cache_files(journal: Path) -> dict[str, tuple[int, int]]:
    folder = database_for(journal).parent
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()} if folder.exists() else {}


def test_a_store_replaced_by_a_link_to_the_journal_never_writes_through_it(tmp_path: Path) -> None:
    path = journal_of(tmp_path, 3)
    journal = Journal(path)
    assert journal.count() == 3
    journal.close()
    database = database_for(path)
    for name in (database, database.with_name(database.name + "-wal")):
        name.unlink(missing_ok=True)
        name.symlink_to(path)  # planted: the store's files are links to the journal
    with open(path, "a") as out:
        out.write("\n" + session_block(make_session(3)))  # and the journal changed: the store must be written
    before = path.read_bytes()
    again = Journal(path)
    assert again.count() == 4 and [r.id for r in again.newest(1)] == [read_journal(path).sessions[-1].id]
    again.close()
    assert path.read_bytes() == before  # not one byte of the journal was touched
    assert not database.is_symlink() and database.is_file()


def test_a_link_to_an_empty_journal_is_never_made_a_database(tmp_path: Path) -> None:
    """An empty file is a valid SQLite database: a store that followed a planted link to a journal
    just created (empty) would write its tables into it."""
    path = tmp_path / "journal.toml"
    path.write_bytes(b"")
    database = database_for(path)
    database.parent.mkdir(parents=True, exist_ok=True)
    database.symlink_to(path)
    assert Journal(path).count() == 0
    assert path.read_bytes() == b"" and not database.is_symlink()


@pytest.mark.parametrize("spoil", ["garbage", "empty", "folder", "version", "foreign"])
def test_a_spoilt_or_foreign_store_is_made_again(tmp_path: Path, spoil: str) -> None:
    path = journal_of(tmp_path, 4)
    Journal(path).close() if Journal(path).count() else None
    database = database_for(path)
    if spoil in ("garbage", "empty", "folder"):
        for p in database.parent.glob(database.name + "*"):
            p.unlink()
        if spoil == "folder":
            database.mkdir()
        else:
            database.write_bytes(b"" if spoil == "empty" else b"SQLite format 3\x00" + os.urandom(4000))
    else:
        con = sqlite3.connect(database)
        if spoil == "version":
            con.execute("PRAGMA user_version = 99")
        else:
            con.execute("UPDATE meta SET value = '/somewhere/else.toml' WHERE key = 'journal'")
        con.commit()
        con.close()
    journal = Journal(path)
    assert journal.count() == 4 and journal.problems().damage == []
    assert [r.id for r in journal.newest(4)] == [s.id for s in reversed(read_journal(path).sessions)]
    journal.close()


def test_a_cache_folder_that_cannot_be_written_is_read_around_with_one_line(tmp_path: Path) -> None:
    path = journal_of(tmp_path, 3)
    data = Path(os.environ["CALFTUI_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    (data / "cache").write_text("not a folder")
    result = run_cli("log", "--journal", str(path), env={"COLUMNS": "120"})
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.count("2026-01-0") == 3
    assert len(result.stderr.strip().splitlines()) == 1 and "cache" in result.stderr


def test_a_dry_run_import_writes_nothing_not_even_the_store(tmp_path: Path) -> None:
    path = journal_of(tmp_path, 3)
    other = write_journal(tmp_path / "laptop.toml", make_session(7), make_session(8))
    for stale in (False, True):
        if stale:
            with open(path, "a") as out:  # the store no longer fits the journal: a dry run must not refresh it
                out.write("\n# by hand\n")
        before, journal_before = cache_files(path), path.read_bytes()
        result = run_cli("import", str(other), "--dry-run", "--journal", str(path))
        assert result.returncode == 0 and "Would add 2 session(s)" in result.stdout
        assert cache_files(path) == before and path.read_bytes() == journal_before
        journal = Journal(path)
        journal.count()  # (a store on disk for the second round)
        journal.close()


def test_a_time_zone_never_makes_log_and_export_disagree(tmp_path: Path) -> None:
    """Sessions written by hand without an offset are local time: under any zone, ``log`` and
    ``export`` place them alike, and a store made under another zone is placed again."""
    path = journal_of(tmp_path, 2)
    naive = session_block(make_session(2)).replace("2026-01-05 18:00:00+01:00", "2026-01-03 17:30:00")
    with open(path, "a") as out:
        out.write("\n" + naive.replace("+01:00", ""))
    ids = {s.started_at.isoformat(): s.id for s in read_journal(path).sessions}
    for zone in ("UTC", "Asia/Tokyo", "America/Los_Angeles", "UTC"):
        env = {"TZ": zone, "COLUMNS": "160"}
        log = run_cli("log", "--journal", str(path), env=env)
        exported = json.loads(run_cli("export", "--format", "json", "--journal", str(path), env=env).stdout)
        logged = [line.split()[0] + "T" + line.split()[1] for line in log.stdout.splitlines()
                  if line.strip()[:4] == "2026"]
        in_order = [s["id"] for s in exported["sessions"]]
        by_log = [next(i for w, i in ids.items() if w.replace(" ", "T").startswith(when)) for when in logged]
        assert by_log[::-1] == in_order, zone  # log: newest first; export: oldest first
        os.environ["TZ"] = zone
        time.tzset()
        try:
            expected = sorted(read_journal(path).sessions, key=lambda s: s.when)
        finally:
            os.environ.pop("TZ")
            time.tzset()
        assert in_order == [s.id for s in expected], zone


BUILD = """
import sys
sys.path.insert(0, {repo!r})
from pathlib import Path
from calftui.journal import Journal
print(Journal(Path(sys.argv[1])).count(), flush=True)
"""


def test_five_windows_opened_at_once_build_the_store_once(tmp_path: Path) -> None:
    path = journal_of(tmp_path, 2500, sets=6)
    script = tmp_path / "count.py"
    script.write_text(BUILD.format(repo=str(REPO)))
    procs = [subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True)
             for _ in range(5)]
    counts = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert counts == ["2500"] * 5
    con = sqlite3.connect(database_for(path))
    (parsed,) = con.execute("SELECT value FROM meta WHERE key = 'parsed'").fetchone()
    con.close()
    assert parsed == 2500  # every block read once, by one of the five


def test_a_refresh_killed_with_kill_9_is_continued_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = journal_of(tmp_path, 6000, sets=6)
    script = tmp_path / "count.py"
    script.write_text(BUILD.format(repo=str(REPO)))
    proc = subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE)
    database = database_for(path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until its first batch of sessions is committed
        try:
            con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            found = con.execute("SELECT value FROM meta WHERE key = 'read'").fetchone()
            con.close()
        except sqlite3.Error:
            found = None
        if found and found[0]:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    journal = Journal(path)
    assert journal.count() == 6000
    assert [r.id for r in journal.newest(2)] == [s.id for s in read_journal(path).sessions[-2:]][::-1]
    con = sqlite3.connect(database)
    (parsed,) = con.execute("SELECT value FROM meta WHERE key = 'parsed'").fetchone()
    con.close()
    assert parsed < 6000  # what the killed refresh committed was kept, not read again
    journal.close()
    assert sorted(cache_files(path)) == sorted([database.name, database.name + ".lock"])  # no -wal, no temp file


READER = """
import sys
sys.path.insert(0, {repo!r})
from pathlib import Path
from calftui.journal import Journal
journal, seen = Journal(Path(sys.argv[1])), 0
while seen < int(sys.argv[2]):
    count = journal.count()
    rows = journal.newest(count)
    assert len(rows) == count and len({{r.id for r in rows}}) == count, (count, len(rows))
    assert count >= seen, (count, seen)
    seen = count
print(seen)
"""


def test_one_window_saving_while_another_lists_never_sees_a_half_made_store(tmp_path: Path) -> None:
    from journal_helpers import append_session

    path = journal_of(tmp_path, 200)
    Journal(path).count()
    script = tmp_path / "reader.py"
    script.write_text(READER.format(repo=str(REPO)))
    reader = subprocess.Popen([sys.executable, str(script), str(path), "260"], stdout=subprocess.PIPE, text=True)
    for n in range(200, 260):
        append_session(path, make_session(n))
    out, _ = reader.communicate(timeout=300)
    assert reader.returncode == 0 and out.strip() == "260"


def test_sessions_without_an_id_keep_their_identity_through_an_import(tmp_path: Path) -> None:
    """Sessions written by hand without an id, at the same lines in two journals, are three sessions,
    not one: each is known by what it holds; importing twice adds each once."""
    def by_hand(day: int) -> str:
        return (f'[[session]]\nworkout = "By hand"\nstarted_at = 2026-03-0{day}T18:00:00\n\n'
                f'[[session.sets]]\nexercise = "Raise"\nreps = {10 + day}\n')

    laptop = tmp_path / "laptop.toml"
    laptop.write_text("\n".join(by_hand(d) for d in (1, 2, 3)))
    desktop = tmp_path / "desktop.toml"
    desktop.write_text(by_hand(5))  # at the same line as the laptop's first
    first = run_cli("import", str(laptop), "--journal", str(desktop))
    assert first.returncode == 0 and "Added 3 session(s)" in first.stdout, first.stdout + first.stderr
    again = run_cli("import", str(laptop), "--journal", str(desktop))
    assert "Added 0 session(s)" in again.stdout and "3 already there" in again.stdout
    assert [s.sets[0].reps for s in read_journal(desktop).sessions] == [15, 11, 12, 13]


def test_two_sessions_with_one_id_are_each_their_own_row_and_said_once(tmp_path: Path) -> None:
    monday = make_session(0, start=datetime(2026, 3, 2, 18, 0, tzinfo=TZ))
    friday = dict(monday, started_at=datetime(2026, 3, 6, 18, 0, tzinfo=TZ), notes="friday")  # a copied block
    path = write_journal(tmp_path / "journal.toml", monday, friday)
    journal = Journal(path)
    rows = journal.newest(5)
    assert [(r.id, r.started_at.day) for r in rows] == [(monday["id"], 6), (monday["id"], 2)]
    assert [journal.session(r.key).notes for r in rows] == ["friday", "session 0"]  # (each row its own block)
    result = run_cli("log", "--journal", str(path), env={"COLUMNS": "160"})
    said = [line for line in result.stderr.splitlines() if monday["id"] in line]
    assert len(said) == 1 and "2 sessions have the id" in said[0]


def test_the_store_and_its_companions_are_the_lifters_alone(tmp_path: Path) -> None:
    # SQLite gives the -wal and -shm files (which hold sessions too) the database file's mode: a
    # database made with the default umask left them readable by everyone on a shared laptop.
    old = os.umask(0o022)
    try:
        path = tmp_path / "data" / "calftui" / "journal.toml"
        append_sessions(path, [as_session(make_session(0))])
        journal = Journal(path)
        assert journal.count() == 1  # (the connection stays open: -wal and -shm are there)
        database = database_for(path)
        made = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
        assert all(p.exists() for p in made)
        assert {p.name: oct(p.stat().st_mode & 0o777) for p in made} == {p.name: "0o600" for p in made}
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        assert oct(path.parent.stat().st_mode & 0o777) == "0o700"  # the journal's own folder, made by calftui
        journal.close()
    finally:
        os.umask(old)


def test_a_journal_that_cannot_be_reached_is_not_fresh_and_says_why_when_asked(tmp_path: Path) -> None:
    # A journal path under a regular file (a slip in --journal): starting a session asks whether the
    # store is fresh, and that question once stopped calftui with a traceback.
    (tmp_path / "afile").write_text("")
    journal = Journal(tmp_path / "afile" / "journal.toml")
    assert journal.fresh() is False
    with pytest.raises(JournalError, match="Not a directory"):
        journal.count()
    journal.close()

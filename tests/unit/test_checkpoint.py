"""Checkpoints: one file per session, atomic, locked by their process, restorable exactly."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from calftui.journal import append_sessions, read_journal
from calftui.live import checkpoint as cp
from calftui.live.engine import Engine

from helpers import workout

BODY = '[[exercise]]\nname = "Death"\ntarget = 100\nrest_pause = 10\n'


def saved(engine: Engine, session_id: str, journal: Path, store: cp.Store | None = None) -> tuple[cp.Store, cp.Lock]:
    store = store or cp.Store()
    lock = store.claim(session_id)
    store.save(cp.make(engine, session_id=session_id, started_at=datetime.now().astimezone(), journal=journal))
    return store, lock


def left_behind(reps: int, session_id: str, journal: Path) -> cp.Pending:
    """A session with ``reps`` counted whose process is gone, as the next start offers it."""
    e = Engine(workout(BODY), 0.0)
    for i in range(reps):
        e.rep(1.0 + i)
    _, lock = saved(e, session_id, journal)
    lock.release()
    [pending] = cp.Store().offers().offers
    return pending


def test_save_offer_restore(isolated_home: Path) -> None:
    e = Engine(workout(BODY), 100.0)
    e.start(100.0)
    for i in range(7):
        e.rep(101.0 + i)
    store, lock = saved(e, "s1", isolated_home / "j.toml")
    path = isolated_home / "data" / "sessions" / "s1.json"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["s1.json", "s1.lock"]  # no temporary files left
    assert store.offers().offers == []  # its process holds the lock: never offered
    lock.release()  # the process is gone
    [pending] = store.offers().offers
    assert pending.checkpoint.counted_reps == 7 and "7 rep(s)" in pending.describe()
    engine = pending.checkpoint.restore(now=5.0)
    assert engine.paused and engine.view(5.0).total == 7
    assert cp.Store().offers().offers == []  # and while this process offers it, nobody else does
    pending.release()
    assert len(cp.Store().offers().offers) == 1


def test_every_path_it_records_is_absolute(isolated_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(isolated_home)
    w = workout(BODY)
    e = Engine(w, 0.0)
    e.rep(1.0)
    checkpoint = cp.make(e, session_id="a", started_at=datetime.now().astimezone(), journal=Path("j.toml"))
    assert checkpoint.journal == str(isolated_home / "j.toml")


def test_saving_an_offer_writes_it_once_then_removes_it(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    pending = left_behind(12, "s2", journal)
    assert pending.save() == journal
    [session] = read_journal(journal).sessions
    assert session.status == "partial" and session.total_reps == 12 and session.id == "s2"
    assert list((isolated_home / "data" / "sessions").iterdir()) == []


def test_an_offer_already_in_the_journal_is_not_written_again(isolated_home: Path) -> None:
    journal = isolated_home / "journal.toml"
    pending = left_behind(5, "twice", journal)
    append_sessions(journal, [pending.checkpoint.record()])  # it got there, and the process died before cleaning up
    pending.save()
    assert [s.id for s in read_journal(journal).sessions] == ["twice"]
    assert cp.Store().offers().offers == []


def test_a_checkpoint_with_nothing_done_is_never_offered(isolated_home: Path) -> None:
    e = Engine(workout(BODY), 0.0)  # closed on the ready screen
    _, lock = saved(e, "empty", isolated_home / "j.toml")
    lock.release()
    found = cp.Store().offers()
    assert found.offers == [] and found.problems == []
    assert list((isolated_home / "data" / "sessions").iterdir()) == []


def test_damaged_checkpoint_is_reported_left_and_never_replaced(isolated_home: Path) -> None:
    folder = isolated_home / "data" / "sessions"
    folder.mkdir(parents=True)
    path = folder / "torn.json"
    path.write_text('{"version": 2, "engine": ')
    found = cp.Store().offers()
    assert found.offers == [] and len(found.problems) == 1
    assert "torn.json" in found.problems[0] and "left there untouched" in found.problems[0]
    e = Engine(workout(BODY), 0.0)
    e.rep(1.0)
    saved(e, "new", isolated_home / "j.toml")  # another session starts: the damaged one stays as it was
    assert path.read_text() == '{"version": 2, "engine": '


# --- copies of a checkpoint (a file manager's "X (copy).json") ---------------------------------


def _copy(session_id: str) -> Path:
    folder = cp.Store().folder
    copy = folder / f"{session_id} (copy).json"
    copy.write_bytes((folder / f"{session_id}.json").read_bytes())
    return copy


def test_a_copied_checkpoint_is_offered_until_each_file_is_dismissed(isolated_home: Path) -> None:
    """Discarding an offer removes the file offered: the session's own checkpoint first, then the
    copy at the next start, and then nothing is offered any more."""
    left_behind(6, "s9", isolated_home / "j.toml").release()
    folder = cp.Store().folder
    _copy("s9")
    left = []
    for _ in range(4):  # four starts, each discarding whatever is offered
        for pending in cp.Store().offers().offers:
            pending.discard()
            left.append(sorted(p.name for p in folder.glob("*.json")))
    assert left == [["s9 (copy).json"], []]
    assert cp.Store().offers().offers == [] and list(folder.iterdir()) == []


def test_saving_a_copy_after_its_session_is_in_the_journal_adds_nothing_and_ends_the_offers(
        isolated_home: Path) -> None:
    journal = isolated_home / "j.toml"
    left_behind(6, "s8", journal).release()
    folder = cp.Store().folder
    _copy("s8")
    left = []
    for _ in range(3):
        for pending in cp.Store().offers().offers:
            pending.save()
            left.append(sorted(p.name for p in folder.glob("*.json")))
    assert left == [["s8 (copy).json"], []]
    assert [(s.id, s.total_reps) for s in read_journal(journal).sessions] == [("s8", 6)]
    assert cp.Store().offers().offers == []


def test_a_copy_of_a_live_session_is_never_offered(isolated_home: Path) -> None:
    e = Engine(workout(BODY), 0.0)
    for i in range(4):
        e.rep(1.0 + i)
    store, lock = saved(e, "live", isolated_home / "j.toml")  # running in another window
    copy = _copy("live")
    assert cp.Store().offers().offers == []
    assert (store.folder / "live.json").exists() and copy.exists()
    items, _ = cp.Store().unfinished()
    assert [(i.checkpoint.session_id, i.live) for i in items] == [("live", True)]  # listed once, in progress
    lock.release()


def test_a_copy_resumed_becomes_the_sessions_own_checkpoint(isolated_home: Path) -> None:
    from calftui.live.session import Session

    left_behind(5, "s7", isolated_home / "j.toml").release()
    folder = cp.Store().folder
    (folder / "s7.json").rename(folder / "s7 (copy).json")  # only the copy is left
    [pending] = cp.Store().offers().offers
    session = Session.resume(pending, 50.0)
    assert sorted(p.name for p in folder.glob("*.json")) == ["s7.json"]
    session.send("resume", 51.0)
    session.send("rep", 52.0)
    assert session.save().written
    assert [s.total_reps for s in read_journal(isolated_home / "j.toml").sessions] == [6]
    assert cp.Store().offers().offers == []


def test_the_single_checkpoint_of_earlier_releases_is_moved_in(isolated_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    e = Engine(workout(BODY), 0.0)
    for i in range(4):
        e.rep(1.0 + i)
    old = cp.make(e, session_id="old-one", started_at=datetime.now().astimezone(), journal=Path("j.toml"))
    data = {"version": 1, **{k: v for k, v in vars(old).items() if k not in ("finished", "notes")}}
    data["journal"] = "j.toml"  # earlier releases could record it relative
    legacy = isolated_home / "data" / "checkpoint.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(json.dumps(data))
    monkeypatch.chdir(isolated_home)
    [pending] = cp.Store().offers().offers
    assert pending.checkpoint.session_id == "old-one" and pending.checkpoint.counted_reps == 4
    assert pending.checkpoint.journal == str(isolated_home / "j.toml")
    assert not legacy.exists() and (isolated_home / "data" / "sessions" / "old-one.json").exists()

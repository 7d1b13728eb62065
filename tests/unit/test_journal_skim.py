"""Reading only the newest sessions gives exactly what reading the whole journal and sorting would."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calftui import journal_index
from calftui.journal import parse_bytes, session_block
from calftui.journal_index import cache_path, listing, recent_sessions
from calftui.journal_skim import newest, skim

from journal_helpers import TZ, make_session

WORKOUTS = ["Death set", "Soleus", 'Calf "raise" [bw]']

# Blocks a skim must not be fooled by: each is read whole, and what tomllib reads is what counts.
TRICKY = [
    # written by hand: a local time, no id
    b'\n[[session]]\nworkout = "Soleus"\nstarted_at = 2030-01-01T10:00:00\n[[session.sets]]\nexercise = "R"\n'
    b"reps = 5\n",
    # a multi-line note holding lines that look like the keys
    b'\n[[session]]\nnotes = """\nworkout = "Soleus"\nstarted_at = 2040-01-01T10:00:00Z\n"""\n'
    b'workout = "Death set"\nstarted_at = 2020-01-01T10:00:00Z\n[[session.sets]]\nexercise = "R"\nreps = 5\n',
    # quoted keys, and a set that carries a workout key of its own
    b'\n[[session]]\n"workout" = "Death set"\n"started_at" = 2041-01-01T10:00:00Z\n[[session.sets]]\n'
    b'exercise = "R"\nreps = 5\nworkout = "Soleus"\n',
    # damaged: the workout is not a string
    b'\n[[session]]\nworkout = 5\nstarted_at = 2042-01-01T10:00:00Z\n[[session.sets]]\nexercise = "R"\nreps = 5\n',
    # a key given twice
    b'\n[[session]]\nworkout = "Soleus"\nworkout = "Soleus"\nstarted_at = 2043-01-01T10:00:00Z\n'
    b'[[session.sets]]\nexercise = "R"\nreps = 5\n',
    # indented keys, CRLF line ends
    b'\r\n[[session]]\r\n  workout = "Soleus"\r\n  started_at = 2044-01-01T10:00:00Z\r\n[[session.sets]]\r\n'
    b'exercise = "R"\r\nreps = 5\r\n',
    # a comment before anything
    b"# my calf journal\n",
    # torn at the end of a header
    b"\n[[sess",
]

def written(workout: str, hours: int, sets: int) -> bytes:
    """A session as calftui appends it (hours apart: ties in time happen too)."""
    start = datetime(2026, 1, 1, tzinfo=TZ) + timedelta(hours=hours)
    return ("\n" + session_block(make_session(0, sets=sets, workout=workout, start=start))).encode()


blocks_strategy = st.lists(
    st.one_of(st.builds(written, st.sampled_from(WORKOUTS), st.integers(0, 40), st.integers(1, 3)),
              st.sampled_from(TRICKY)),
    max_size=14,
)


def truth(data: bytes, count: int, workout: str | None) -> list[str]:
    sessions = [s for s in parse_bytes(data).sessions if workout in (None, s.workout)]
    sessions.sort(key=lambda s: s.started_at.timestamp())  # stable: a tie keeps file order
    return [s.id for s in sessions[-count:]] if count else []


@settings(max_examples=300, deadline=None)
@given(blocks_strategy, st.integers(0, 6), st.sampled_from([None, *WORKOUTS]))
def test_newest_is_the_tail_of_a_full_read(parts: list[bytes], count: int, workout: str | None) -> None:
    data = b"".join(parts)
    found, _ = newest(data, count, workout)
    assert [s.id for _, s in found] == truth(data, count, workout)
    for offset, session in found:  # each points at its own block
        assert data[offset:].lstrip(b"\r\n \t").startswith(b"[[session]]") and session.workout


def test_the_skim_is_unsure_of_every_block_it_could_misread() -> None:
    heads = skim(b"".join(TRICKY))
    sure = [h for h in heads if h.workout is not None]
    assert sure == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks_strategy, st.integers(1, 6))
def test_a_large_journal_with_a_stale_cache_lists_its_newest_without_a_full_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: list[bytes], last: int) -> None:
    monkeypatch.setattr(journal_index, "SKIM_FROM", 0)
    journal = tmp_path / f"{len(list(tmp_path.iterdir()))}.toml"
    journal.write_bytes(b"".join(parts))
    quick = listing(journal, last)
    assert not quick.complete and not cache_path(journal).exists()  # nothing half-known is kept
    assert [s.id for s in quick.summaries] == truth(journal.read_bytes(), last, None)
    whole = listing(journal)
    assert whole.complete and quick.summaries == [
        replace(s, digest="") for s in whole.summaries[-last:]]
    assert {d.line for d in quick.damage} <= {d.line for d in whole.damage}


def test_recent_sessions_from_a_fresh_cache_and_from_the_skim_agree(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    data = b"".join(session_block(make_session(n, sets=1, workout=WORKOUTS[n % 3])).encode() + b"\n"
                    for n in range(40))
    journal.write_bytes(data + TRICKY[0])
    skimmed = [s.id for s in recent_sessions(journal, "Soleus")]  # no cache yet
    listing(journal)
    cached = [s.id for s in recent_sessions(journal, "Soleus")]
    assert skimmed == cached == truth(journal.read_bytes(), 8, "Soleus") and len(cached) == 8


SPLICES = st.lists(st.tuples(
    st.floats(0, 1),  # where, as a fraction of the journal
    st.integers(0, 60),  # how many bytes go
    st.lists(st.one_of(st.sampled_from([b"\n", b"[[session]]\n", b"# by hand\n", b"x", b"\r\n", b'"',
                                        b'workout = "Soleus"\n', b"started_at = 2045-01-01T10:00:00Z\n"]),
                       st.builds(written, st.sampled_from(WORKOUTS), st.integers(0, 60), st.integers(1, 2))),
             max_size=3),  # what comes in their place
), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks_strategy, SPLICES, st.sampled_from([1, 90, 400, 1 << 20]), st.sampled_from(WORKOUTS))
def test_after_any_edit_the_mended_cache_and_the_newest_sessions_are_a_full_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: list[bytes],
        splices: list[tuple[float, int, list[bytes]]], chunk: int, workout: str) -> None:
    """Bytes cut and put anywhere (inside a header, a string, a line end), with the cache's stretches
    as small as one block: the stale cache mended around the change, and the newest sessions found
    through it, are what reading the whole journal from nothing gives."""
    monkeypatch.setattr(journal_index, "CHUNK", chunk)
    journal = tmp_path / f"{len(list(tmp_path.iterdir()))}.toml"
    data = b"".join(parts)
    journal.write_bytes(data)
    listing(journal)  # the cache, as it was before the edit
    for where, cut, put in splices:
        at = round(where * len(data))
        data = data[:at] + b"".join(put) + data[at + cut:]
    journal.write_bytes(data)
    whole = parse_bytes(data).sessions
    expected = sorted((s for s in whole if s.workout == workout), key=lambda s: s.started_at.timestamp())[-8:]
    assert recent_sessions(journal, workout) == expected  # through the stale cache
    mended = listing(journal)
    kept = cache_path(journal).read_bytes()
    cache_path(journal).unlink()
    fresh = listing(journal)
    assert mended == fresh
    assert kept.partition(b"\n")[2] == cache_path(journal).read_bytes().partition(b"\n")[2]
    assert recent_sessions(journal, workout) == expected  # through the fresh cache


@pytest.mark.parametrize("edit", ["newline before a header", "torn header written on", "header line written on"])
def test_a_header_that_stops_being_one_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      edit: str) -> None:
    """The hashes of the stretches around an edit can all match while a block's start is gone: the
    line before its header joined onto it, or a header at the very end written on."""
    monkeypatch.setattr(journal_index, "CHUNK", 1)  # every block its own stretch
    journal = tmp_path / "journal.toml"
    data = b"".join(written(w, n, 1) for n, w in enumerate(WORKOUTS))
    tail = {"torn header written on": b"\n[[sess", "header line written on": b"\n[[session]]"}.get(edit, b"")
    journal.write_bytes(data + tail)
    listing(journal)
    if edit == "newline before a header":  # the header becomes the end of a comment
        at = data.rindex(b"\n[[session]]")
        data = data[:at] + b"#" + data[at + 1:]
    else:
        data += tail + b"ion]] = 1\n"
    journal.write_bytes(data)
    whole = parse_bytes(data)
    assert recent_sessions(journal, WORKOUTS[2]) == [s for s in whole.sessions if s.workout == WORKOUTS[2]]
    mended = listing(journal)
    assert [s.id for s in mended.summaries] == [s.id for s in whole.sessions]
    assert [d.line for d in mended.damage] == [d.line for d in whole.damage] != []

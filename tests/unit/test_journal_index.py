"""The summary cache is fast and never stale: appends, hand edits, replacements are all seen."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calftui import journal_index
from calftui.journal import append_session, blocks, read_journal
from calftui.journal_index import cache_path, listing, newest_if_fresh, overview, session_at

from journal_helpers import make_session


def notes(journal: Path, last: int | None = None) -> list[str]:
    return [s.id for s in listing(journal, last).summaries]


def truth(journal: Path) -> list[str]:
    return [s.id for s in read_journal(journal).sessions]


def test_listing_matches_a_full_read_through_every_kind_of_change(tmp_path: Path) -> None:
    journal = tmp_path / "elsewhere" / "journal.toml"
    for n in range(5):
        append_session(journal, make_session(n))
    assert notes(journal) == truth(journal)
    assert cache_path(journal).exists() and sorted(p.name for p in journal.parent.iterdir()) == ["journal.toml"]
    append_session(journal, make_session(5))  # an append (as from another process)
    assert notes(journal) == truth(journal) and len(truth(journal)) == 6
    # a hand edit that keeps the size: one id's character changed in the middle
    data = bytearray(journal.read_bytes())
    at = data.index(b'id = "') + 6
    data[at : at + 1] = b"Z" if data[at : at + 1] != b"Z" else b"Y"
    stat = journal.stat()
    with open(journal, "r+b") as handle:
        handle.write(bytes(data))
    os.utime(journal, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime put back
    assert notes(journal) == truth(journal) and truth(journal)[0].startswith(("Z", "Y"))
    # an editor that writes a new file in place of the old one, shorter
    text = journal.read_text()
    cut = text.index("[[session]]", 10)
    tmp = journal.with_suffix(".tmp")
    tmp.write_text(text[:cut])
    os.replace(tmp, journal)
    assert notes(journal) == truth(journal) and len(truth(journal)) == 1
    journal.write_text(text[:cut] + "\n[[session]]\nbroken = \n")  # a hand edit gone wrong
    found = listing(journal)
    assert [s.id for s in found.summaries] == truth(journal) and len(found.damage) == 1


def test_last_n_and_damage_survive_the_warm_path(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    for n in range(4):
        append_session(journal, make_session(n))
    with open(journal, "ab") as handle:
        handle.write(b"\n[[session]]\nworkout = \n")
    append_session(journal, make_session(4))
    cold = listing(journal, 2)
    warm = listing(journal, 2)
    assert [s.id for s in cold.summaries] == [s.id for s in warm.summaries] == truth(journal)[-2:]
    assert len(cold.damage) == len(warm.damage) == 1 and cold.count == warm.count == 5
    assert listing(journal, 0).summaries == []


def test_summary_points_at_its_whole_session(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    for n in range(3):
        append_session(journal, make_session(n, sets=4 + n))
    for summary, session in zip(listing(journal).summaries, read_journal(journal).sessions, strict=True):
        assert session_at(journal, summary) == session


def test_scores_and_bests_in_the_summary(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    append_session(journal, make_session(0, sets=5))
    [summary] = listing(journal).summaries
    [(exercise, side, _seconds, minis, reached, _short)] = summary.scores
    assert (exercise, side, minis, reached) == ("Death", "both", 4, False)
    death = next(b for b in summary.bests if b.name == "Death")
    assert death.reps == 24 and death.weight == 20.0
    stretch = next(b for b in summary.bests if b.name == "Stretch")
    assert stretch.hold == 30.0


HAND_WRITTEN = (b'\n[[session]]\nworkout = "By hand"\nstarted_at = 2026-03-01T10:00:00\n'
                b'[[session.sets]]\nexercise = "Raise"\nreps = 12\n')
"""A session with no id: its id is made from its line, so it must not be reused from elsewhere."""

edits = st.lists(st.tuples(st.sampled_from(["drop", "copy", "swap", "change", "damage", "hand", "append"]),
                           st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits, st.sampled_from([1, 300, 1 << 20]))
def test_after_any_edit_the_reused_summaries_equal_a_fresh_read(
        tmp_path: Path, monkeypatch, steps: list[tuple[str, int, int]], chunk: int) -> None:
    """Whatever a hand edit moves, copies, changes or breaks, the listing built from the old cache
    (reusing the summaries of unchanged blocks) is the listing built from nothing, however small the
    stretches the cache remembers."""
    monkeypatch.setattr(journal_index, "CHUNK", chunk)
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    journal = folder / "journal.toml"
    for n in range(6):
        append_session(journal, make_session(n, sets=2 + n % 3))
    listing(journal)
    for step, a, b in steps:
        parts = [chunk for _, _, chunk in blocks(journal.read_bytes())]
        i, j = a % len(parts), b % len(parts)
        if step == "drop":
            del parts[i]
        elif step == "copy":
            parts.insert(j, parts[i])
        elif step == "swap":
            parts[i], parts[j] = parts[j], parts[i]
        elif step == "change":
            parts[i] = parts[i].replace(b"reps = 2", b"reps = 3", 1).replace(b"workout = ", b"workout = \"x\"\n#", 1)
        elif step == "damage":
            parts.insert(i, b"\n[[session]]\nworkout = \n")
        elif step == "hand":
            parts.insert(i, HAND_WRITTEN)
        journal.write_bytes(b"".join(parts))
        if step == "append":
            append_session(journal, make_session(10 + a))
        reused = listing(journal)
        cache = cache_path(journal)
        kept = cache.read_bytes()
        cache.unlink()
        fresh = listing(journal)
        cache.write_bytes(kept)
        assert reused.summaries == fresh.summaries
        assert reused.damage == fresh.damage and reused.count == fresh.count


def test_the_pickers_overview_is_what_the_whole_listing_says(tmp_path: Path, monkeypatch) -> None:
    journal = tmp_path / "journal.toml"
    for n in range(70):
        append_session(journal, make_session(n, workout=("Death set", "Soleus focus")[n % 2]))
    with open(journal, "ab") as handle:
        handle.write(b"\n[[session]]\nworkout = \n")
    whole = listing(journal)
    expected = {}
    for s in whole.summaries:
        expected[s.workout.casefold()] = expected[s.workout_file.casefold()] = s.started_at
    for cache_writable in (True, False):
        if not cache_writable:
            cache_path(journal).unlink()
            monkeypatch.setattr(journal_index, "_write_cache", lambda *_: None)
        seen = overview(journal)
        assert seen.last_done == expected and seen.damaged == 1
        assert seen.recent == whole.summaries[-journal_index.RECENT:]
    assert overview(tmp_path / "none.toml") == journal_index.Overview({}, 0, [])


def test_a_pipe_where_the_cache_was_cannot_hang_a_listing(tmp_path: Path) -> None:
    journal = tmp_path / "journal.toml"
    for n in range(3):
        append_session(journal, make_session(n))
    cache = cache_path(journal)
    cache.unlink(missing_ok=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(cache)  # a plain open() would wait for a writer forever
    assert notes(journal) == truth(journal)


def test_a_summary_read_back_from_the_cache_is_the_one_that_was_written(tmp_path: Path) -> None:
    from journal_helpers import reps_set

    journal = tmp_path / "journal.toml"
    session = make_session(0, workout="Shin and calf")
    calf, tib = reps_set("Calf raise", 12), reps_set("Tib raise", 20)
    calf.update(group="A", round=1)
    tib.update(group="A", round=1)
    session["sets"] = [calf, tib, *session["sets"]]
    append_session(journal, session)
    append_session(journal, make_session(1))
    cold = listing(journal).summaries
    warm = listing(journal).summaries  # from the cache's lines
    assert warm == cold
    assert [b.group for b in warm[0].bests][:2] == ["A", "A"]  # `stats` labels a superset A1, A2 from these


SPOILT_STATES = ["fresh", "torn", "spoilt", "grown", "shrunk"]


def thirty_with_a_spoilt_cache(folder: Path, state: str, workouts: tuple[str, ...] = ("Calf raise death set",)) -> Path:
    """A journal of 30 sessions whose cache is then left as ``state`` says (its first line kept)."""
    journal = folder / f"{len(list(folder.iterdir()))}.toml"
    for n in range(30):
        append_session(journal, make_session(n, workout=workouts[n % len(workouts)]))
    listing(journal)
    cache = cache_path(journal)
    head, _, body = cache.read_bytes().partition(b"\n")
    if state == "torn":
        body = body[: len(body) // 2]
    elif state == "spoilt":
        body = body.replace(b'{"offset":', b'{"offzet":')
    elif state == "grown":  # a line more than the header counts, of the same length as one dropped
        lines = body.split(b"\n")
        body = b"\n".join([lines[0][:-40], *lines[1:-2], lines[-2], lines[-2][:39]]) + b"\n"
    elif state == "shrunk":  # the oldest line gone, its length made up in spaces the next one's JSON allows
        oldest, second, rest = body.split(b"\n", 2)
        body = b"{" + b" " * (len(oldest) + 1) + second[1:] + b"\n" + rest
    cache.write_bytes(head + b"\n" + body)
    return journal


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 400), st.sampled_from(SPOILT_STATES))
def test_the_newest_of_a_workout_read_from_the_caches_end(tmp_path: Path, monkeypatch, piece: int,
                                                          state: str) -> None:
    """Read back from the end a few bytes at a time, or from a cache that is torn or spoilt: always
    the sessions a full read gives."""
    from calftui.journal_index import recent_sessions

    monkeypatch.setattr(journal_index, "READ_BACK", piece)
    journal = thirty_with_a_spoilt_cache(tmp_path, state, ("Death set", "Soleus focus", "Death set x"))
    expected = [s for s in read_journal(journal).sessions if s.workout == "Death set"][-8:]
    assert recent_sessions(journal, "Death set") == expected and len(expected) == 8


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 400), st.sampled_from(SPOILT_STATES), st.integers(0, 35))
@example(piece=7, state="shrunk", last=30)
@example(piece=400, state="grown", last=3)
def test_the_newest_sessions_read_from_the_caches_end(tmp_path: Path, monkeypatch, piece: int, state: str,
                                                      last: int) -> None:
    """``listing(journal, last)`` reads a fresh cache from its end, a few bytes at a time here; a
    cache torn, spoilt, grown or shrunk is never trusted for it: always the sessions a full read gives."""
    monkeypatch.setattr(journal_index, "READ_BACK", piece)
    journal = thirty_with_a_spoilt_cache(tmp_path, state)
    quick = newest_if_fresh(journal, last)  # (history's first frame) before listing mends the cache
    found = listing(journal, last)
    assert [s.id for s in found.summaries] == (truth(journal)[-last:] if last else []) and found.count == 30
    assert quick is None or (quick.summaries, quick.count) == (found.summaries, 30)
    assert quick is not None or state != "fresh"


def test_the_newest_without_a_fresh_cache_are_not_read_on_the_spot(tmp_path: Path) -> None:
    """History's first frame only takes a fresh cache's end: no journal, no cache, or a journal
    changed since give None (the journal is then read in the background)."""
    journal = tmp_path / "journal.toml"
    assert newest_if_fresh(journal, 30) is None
    for n in range(3):
        append_session(journal, make_session(n))
    assert newest_if_fresh(journal, 30) is None  # no cache yet
    listing(journal)
    quick = newest_if_fresh(journal, 2)
    assert quick is not None and [s.id for s in quick.summaries] == truth(journal)[-2:] and quick.count == 3
    append_session(journal, make_session(3))  # another window saved a session
    assert newest_if_fresh(journal, 30) is None


def test_a_cache_replaced_while_it_is_read_is_looked_at_again_not_skimmed_whole(tmp_path: Path, monkeypatch) -> None:
    """An indexer in another process may swap the cache between the reads of its first line and of its
    lines: the newest sessions are then found through the new cache, not by skimming the journal."""
    from calftui.journal_index import recent_sessions

    journal = tmp_path / "journal.toml"
    for n in range(12):
        append_session(journal, make_session(n, workout=("Death set", "Soleus focus")[n % 2]))
    listing(journal)
    stale = journal_index._header(cache_path(journal))
    with open(journal, "ab") as handle:
        handle.write(b"\n# checked by hand\n")
    listing(journal)  # the other process's indexer: the cache is fresh again, with a new first line
    headers = iter([stale])
    real_header = journal_index._header
    monkeypatch.setattr(journal_index, "_header", lambda cache: next(headers, None) or real_header(cache))
    skimmed_whole = []
    real_newest = journal_index.newest
    monkeypatch.setattr(journal_index, "newest", lambda data, count, workout=None, **where: (
        skimmed_whole.append(not where) or real_newest(data, count, workout, **where)))
    expected = [s for s in read_journal(journal).sessions if s.workout == "Death set"][-8:]
    assert recent_sessions(journal, "Death set") == expected
    assert not any(skimmed_whole)


def test_the_session_before_a_torn_header_is_still_found_whole(tmp_path: Path) -> None:
    """calftui killed while appending the next session leaves a torn header at the end: the session
    before it is still the newest, read from its own block without the torn bytes."""
    from calftui.journal_index import recent_sessions

    journal = tmp_path / "journal.toml"
    for n in range(3):
        append_session(journal, make_session(n))
    with open(journal, "ab") as handle:
        handle.write(b"\n[[sess")
    found = listing(journal)  # the cache, fresh
    whole = read_journal(journal)
    assert [session_at(journal, s) for s in found.summaries] == whole.sessions
    assert recent_sessions(journal, whole.sessions[0].workout) == whole.sessions and len(whole.damage) == 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 70), st.integers(1, 31), st.integers(1, 400))
def test_pages_further_back_follow_on_from_the_newest(tmp_path: Path, monkeypatch, sessions: int, page: int,
                                                      piece: int) -> None:
    """Page after page from the cache the newest came from: every session once, in order; from any
    other cache (replaced meanwhile, or torn), nothing, so the caller reads the journal whole."""
    from calftui.journal_index import older

    monkeypatch.setattr(journal_index, "READ_BACK", piece)
    journal = tmp_path / f"{len(list(tmp_path.iterdir()))}.toml"
    for n in range(sessions):
        append_session(journal, make_session(n))
    first = listing(journal, page)
    assert first.source is not None or sessions == 0
    got = [s.id for s in first.summaries][::-1]
    while first.source is not None and (more := older(journal, first.source, len(got), page)):
        got.extend(s.id for s in more[::-1])
    assert got == truth(journal)[::-1]
    if first.source is not None:
        assert older(journal, first.source, len(got), page) == []  # past the oldest: nothing more
        append_session(journal, make_session(sessions))
        assert older(journal, first.source, 0, page) is not None  # the journal moved on, the cache did not yet
        listing(journal)
        assert older(journal, first.source, 0, page) is None  # that cache is gone
        fresh = listing(journal, page).source
        assert fresh is not None
        cache = cache_path(journal)
        cache.write_bytes(cache.read_bytes()[:-5])  # torn
        assert older(journal, fresh, 0, page) is None

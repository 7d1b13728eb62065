"""The summary cache is fast and never stale: appends, hand edits, replacements are all seen."""

from __future__ import annotations

import os
from pathlib import Path

from calftui.journal import append_session, read_journal
from calftui.journal_index import cache_path, listing, session_at

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

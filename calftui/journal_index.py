"""A cache of one-line session summaries, so ten years of journal list as fast as one week.

The cache lives in the data folder (``cache/``), never beside the journal, and is trusted
only while the journal's identity is unchanged: device, inode, size, modification time and
change time (which no editor or ``touch`` can set back). When the journal has grown and the
bytes already indexed hash the same, only the new tail is parsed. After any other change (a hand
edit, an import) every block is hashed and only the blocks whose bytes are new are parsed: the
summaries of the rest are reused. So a hand edit or an append from another process is always
seen, and seeing it costs about what reading the changed sessions does.

Layout: line 1 is a JSON header, then one JSON summary per session, in file order, so the
last N sessions are read without parsing the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from calftui import paths
from calftui.fsutil import atomic_write, open_regular, read_regular
from calftui.journal import (
    SESSION_HEADER,
    Damage,
    LoggedSession,
    LoggedSet,
    blocks,
    no_cycles_meanwhile,
    parse_block,
    read_bytes,
    target_scores,
)
from calftui.journal_skim import newest
from calftui.scoring import Score
from calftui.units import to_kg

VERSION = 8
"""3: every started_at has its offset (a naive one in the journal is read as local time).
4: skipped sets make no best; a score knows when its rest-pauses were cut short; per-side work.
5: the superset an exercise was done in. 6: the hash of each session's block. 7: when each
workout was last done, in the header. 8: each best keeps its superset (7 wrote it without)."""

WEAKER_FROM = 5
"""A side this many percent behind the other is called weaker; less is even."""


@dataclass(frozen=True)
class Balance:
    """Work done on each side of a per-side exercise: reps, or seconds held."""

    left: float
    right: float
    seconds: bool

    @property
    def gap(self) -> int:
        """How far the weaker side is behind the stronger, in percent of the stronger."""
        stronger = max(self.left, self.right)
        return round(100 * (1 - min(self.left, self.right) / stronger)) if stronger else 0

    def verdict(self) -> str:
        """``right 18 % weaker``, or ``even``."""
        if self.gap < WEAKER_FROM:
            return "even"
        return f"{'left' if self.left < self.right else 'right'} {self.gap} % weaker"

    def text(self) -> str:
        """``L 22 · R 18, right 18 % weaker`` (or ``even``)."""
        def amount(value: float) -> str:
            return f"{value:.0f} s" if self.seconds else f"{value:g}"

        return f"L {amount(self.left)} · R {amount(self.right)}, {self.verdict()}"


class ExerciseBest(NamedTuple):
    """One exercise's best in one session (a tuple: ten years of them are made in milliseconds)."""

    name: str
    kind: str
    reps: int | None
    weight: float | None
    unit: str | None
    hold: float | None
    working_sets: int
    left: float | None = None
    """Work done on the left side (reps, or seconds held), for a per-side exercise."""
    right: float | None = None
    group: str | None = None
    """The superset it was done in, if any."""

    @property
    def balance(self) -> Balance | None:
        """Each side against the other, for a per-side exercise done on both sides."""
        if self.left is None or self.right is None:
            return None
        return Balance(self.left, self.right, self.kind == "timed")


def _side_work(sets: list[LoggedSet], side: str) -> float | None:
    mine = [s for s in sets if s.side == side]
    if not mine:
        return None
    return float(sum(s.duration_s if s.kind == "timed" else (s.reps or 0) for s in mine))


@dataclass(frozen=True)
class Summary:
    offset: int
    line: int
    id: str
    workout: str
    workout_file: str
    started_at: datetime
    status: str
    duration_s: float
    total_reps: int
    scores: tuple[Score, ...]
    """Per target exercise (and side)."""
    bests: tuple[ExerciseBest, ...]
    digest: str = ""
    """The hash of the block's bytes: the same bytes anywhere in the journal are the same session."""

    @classmethod
    def of(cls, session: LoggedSession, offset: int, digest: str = "") -> Summary:
        bests = []
        for name in dict.fromkeys(s.exercise for s in session.sets):
            sets = [s for s in session.sets if s.exercise == name]
            working = [s for s in sets if s.counts]  # warm-ups and skipped sets never make a best
            weights = [(s.weight, s.unit) for s in working if s.weight is not None]
            heaviest: tuple[float | None, str | None] = max(weights, key=lambda w: to_kg(w[0], w[1]),
                                                            default=(None, None))
            bests.append(ExerciseBest(
                name=name,
                kind=sets[0].kind,
                reps=max((s.reps for s in working if s.reps is not None), default=None),
                weight=heaviest[0],
                unit=heaviest[1],
                hold=max((s.duration_s for s in working if s.kind == "timed"), default=None),
                working_sets=len(working),
                left=_side_work(working, "left"),
                right=_side_work(working, "right"),
                group=sets[0].group,
            ))
        return cls(
            offset=offset,
            line=session.line,
            id=session.id,
            workout=session.workout,
            workout_file=session.workout_file,
            started_at=session.started_at,
            status=session.status,
            duration_s=session.duration_s,
            total_reps=session.total_reps,
            scores=tuple(t.score() for t in target_scores(session.sets)),
            bests=tuple(bests),
            digest=digest,
        )

    def to_json(self) -> str:
        data = {k: getattr(self, k) for k in
                ("offset", "line", "id", "workout", "workout_file", "status", "duration_s", "total_reps", "digest")}
        data["started_at"] = self.started_at.isoformat()
        data["scores"] = [list(s) for s in self.scores]
        data["bests"] = [list(b) for b in self.bests]
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: bytes | str) -> Summary:
        return cls._of_dict(json.loads(text))

    @classmethod
    def many(cls, lines: list[bytes]) -> list[Summary]:
        """The summaries of these cache lines, parsed as one JSON document (one call, not one a line)."""
        if not lines:
            return []
        with no_cycles_meanwhile():
            return [cls._of_dict(d) for d in json.loads(b"[" + b",".join(lines) + b"]")]

    @classmethod
    def _of_dict(cls, d: dict[str, Any]) -> Summary:
        return cls(
            offset=d["offset"], line=d["line"], id=d["id"], workout=d["workout"], workout_file=d["workout_file"],
            started_at=datetime.fromisoformat(d["started_at"]), status=d["status"], duration_s=d["duration_s"],
            total_reps=d["total_reps"], scores=tuple(Score(*s) for s in d["scores"]),
            bests=tuple(ExerciseBest(*b) for b in d["bests"]), digest=d["digest"],
        )


@dataclass
class Listing:
    summaries: list[Summary]
    """Oldest first, by ``started_at``."""
    damage: list[Damage]
    count: int
    complete: bool = True
    """False when only the newest sessions of a large journal were read (the cache was stale): then
    ``count`` counts every block and ``damage`` is only what those reads found."""


SKIM_FROM = 8 << 20
"""A stale cache of a journal this large (about twenty years of three sessions a week) is not
rebuilt just to show the newest few sessions: they are read on their own (:mod:`journal_skim`)."""


def cache_path(journal: Path) -> Path:
    key = hashlib.blake2b(str(journal.resolve()).encode(), digest_size=10).hexdigest()
    return paths.cache_dir() / f"journal-{key}.jsonl"


def _identity(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def listing(journal: Path, last: int | None = None, *, skim_from: int | None = None) -> Listing:
    """Session summaries in the order they happened (by ``started_at``: a session added later by
    hand or by an import takes its place in time), all or the ``last`` newest, and every damaged
    block; never stale. (With ``last``, a journal of ``skim_from`` bytes or more (default
    :data:`SKIM_FROM`) whose cache must be rebuilt from the start gives only its newest sessions:
    see :attr:`Listing.complete`.)"""
    try:
        stat = journal.stat()
    except FileNotFoundError:
        return Listing([], [], 0)
    except OSError:
        read_bytes(journal)  # raises JournalError with the reason
        raise
    cache = cache_path(journal)
    first = _header(cache)
    fresh_and_ordered = first.get("identity") == _identity(stat) and first.get("ordered")
    header, lines = _read_cache(cache, last if fresh_and_ordered else None)
    if header is not None and header["identity"] == _identity(stat):
        with contextlib.suppress(*SPOILT):  # else read the journal as if there were no cache
            if header.get("ordered"):  # the usual case: the newest are the last lines
                chosen = lines if last is None else lines[-last:] if last else []
                return Listing(Summary.many(chosen), _damage(header), header["count"])
            return Listing(_newest(in_time_order(Summary.many(lines)), last), _damage(header), header["count"])
        header, lines = None, []
    return _rebuild(journal, cache, header, lines, last, SKIM_FROM if skim_from is None else skim_from)


SPOILT = (ValueError, KeyError, TypeError, IndexError)
"""What reading a cache line that is not a summary raises."""


def _indexed(lines: list[bytes]) -> list[Summary] | None:
    """The summaries of a stale cache, for reuse; None when any line is spoilt."""
    try:
        return Summary.many(lines)
    except SPOILT:
        return None


def in_time_order(summaries: list[Summary]) -> list[Summary]:
    """By ``started_at``; sessions that started at the same moment keep their order in the file."""
    return sorted(summaries, key=lambda s: s.started_at.timestamp())


def _newest(summaries: list[Summary], last: int | None) -> list[Summary]:
    return summaries if last is None else summaries[-last:] if last else []


def _header(cache: Path) -> dict[str, Any]:
    """The cache's first line (empty when there is none to read)."""
    try:
        with open_regular(cache) as handle:  # a pipe or a folder put there cannot hang or stop calftui
            header = json.loads(handle.readline())
    except (OSError, ValueError, RecursionError):
        return {}
    return header if isinstance(header, dict) else {}


def header_matches(cache: Path, stat: os.stat_result) -> bool:
    """Whether the cache was made from the journal as it is now (reads the first line only)."""
    return bool(_header(cache).get("identity") == _identity(stat))


def _read_cache(cache: Path, last: int | None = None) -> tuple[dict[str, Any] | None, list[bytes]]:
    """The header and the summary lines (only the last ``last`` of them when that is all that is wanted)."""
    try:
        raw = read_regular(cache)
        first, _, rest = raw.partition(b"\n")
        header = json.loads(first)
        if header.get("version") != VERSION or rest.count(b"\n") != header["count"]:
            return None, []
        if not rest:
            return header, []
        if last is not None:  # split off only the tail: ten years cost what a week does
            return header, rest.rsplit(b"\n", last + 1)[-(last + 1):-1] if last else []
        return header, rest.split(b"\n")[:-1]
    except (OSError, ValueError, KeyError, RecursionError):  # anything amiss: read the journal instead
        return None, []


def _damage(header: dict[str, Any]) -> list[Damage]:
    return [Damage(line, message) for _, line, message in header["damage"]]


def _rebuild(journal: Path, cache: Path, header: dict[str, Any] | None, lines: list[bytes],
             last: int | None, skim_from: int) -> Listing:
    stat = journal.stat()
    data = read_bytes(journal)
    summaries: list[Summary] = []
    damage: list[list[Any]] = []
    known: dict[str, Summary] = {}
    start, line = 0, 1
    appended = header is not None and header["identity"][:2] == _identity(stat)[:2] \
        and header["size"] <= len(data) and hashlib.blake2b(data[: header["size"]]).hexdigest() == header["hash"]
    indexed = _indexed(lines) if appended else None
    if header is not None and indexed is not None:
        # Appended to since: keep what came before the last indexed block, re-read from there.
        start, line = header["tail"]
        summaries = [s for s in indexed if s.offset < start]
        damage = [d for d in header["damage"] if d[0] < start]
    elif last is not None and len(data) >= skim_from:
        return _skimmed(data, last)
    else:  # edited: a block whose bytes were indexed before is the same session, wherever it now is
        known = {s.digest: s for s in _indexed(lines) or []}
    tail = (start, line)
    with no_cycles_meanwhile():
        tail = _index_blocks(data, start, line, known, summaries, damage) or tail
    ordered = all(a.started_at <= b.started_at for a, b in itertools.pairwise(summaries))
    last_done: dict[str, str] = {}
    for summary in summaries if ordered else in_time_order(summaries):
        when = summary.started_at.isoformat()
        last_done[summary.workout.casefold()] = last_done[summary.workout_file.casefold()] = when
    new_header = {
        "version": VERSION,
        "identity": _identity(stat),
        "size": len(data),
        "hash": hashlib.blake2b(data).hexdigest(),
        "tail": list(tail),
        "damage": damage,
        "count": len(summaries),
        "ordered": ordered,
        "last_done": last_done,
    }
    if len(data) == stat.st_size and _identity(journal.stat()) == new_header["identity"]:  # unchanged while read
        _write_cache(cache, new_header, summaries)
    return Listing(_newest(summaries if ordered else in_time_order(summaries), last), _damage(new_header),
                   len(summaries))


def _index_blocks(data: bytes, start: int, line: int, known: dict[str, Summary], summaries: list[Summary],
                  damage: list[list[Any]]) -> tuple[int, int] | None:
    """Every block from ``start`` on, summarised into ``summaries`` (reusing ``known`` ones by their
    bytes) or told in ``damage``; returns where the last block began (None when there is none)."""
    tail = None
    for offset, block_line, chunk in blocks(data[start:], start, line):
        tail = (offset, block_line)
        digest = block_digest(chunk)
        before = known.get(digest)
        if before is not None and before.id != f"line-{before.line}":  # (an id made from the line moves with it)
            summaries.append(replace(before, offset=offset, line=block_line))
            continue
        result = parse_block(chunk, block_line)
        if isinstance(result, LoggedSession):
            summaries.append(Summary.of(result, offset, digest))
        elif isinstance(result, Damage):
            damage.append([offset, result.line, result.message])
    return tail


def _skimmed(data: bytes, last: int) -> Listing:
    found, damage = newest(data, last)
    heads = data.count(b"[[session]]")  # every session there may be: nothing is parsed to count them
    return Listing([Summary.of(session, offset) for offset, session in found], damage, max(heads, len(found)),
                   complete=False)


def block_digest(chunk: bytes) -> str:
    return hashlib.blake2b(chunk, digest_size=12).hexdigest()


def _write_cache(cache: Path, header: dict[str, Any], summaries: list[Summary]) -> None:
    body = json.dumps(header, separators=(",", ":")) + "\n" + "".join(s.to_json() + "\n" for s in summaries)
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
        atomic_write(cache, body.encode("utf-8"), mode=0o600, durable=False)


@dataclass(frozen=True)
class Overview:
    """What the workout picker shows from the journal, read in the same time for any length of it."""

    last_done: dict[str, datetime]
    """When each workout was last done, by its name and by its file's name, casefolded."""
    damaged: int
    recent: list[Summary]
    """The newest sessions (at least those of the last week, for the word on rest days)."""


RECENT = 60


def overview(journal: Path) -> Overview:
    """When each workout was last done, how many blocks are damaged and the newest sessions: from
    the cache's first line and last lines when it is fresh (so ten years cost what a week does)."""
    newest = listing(journal, RECENT)
    try:
        stat = journal.stat()
    except FileNotFoundError:
        return Overview({}, 0, [])
    header = _header(cache_path(journal))
    if newest.complete and header.get("identity") == _identity(stat) and isinstance(header.get("last_done"), dict):
        last = {key: datetime.fromisoformat(when) for key, when in header["last_done"].items()}
        return Overview(last, len(newest.damage), newest.summaries)
    found = listing(journal)  # no cache to read it from (an unwritable cache folder, say)
    last = {}
    for summary in found.summaries:
        last[summary.workout.casefold()] = last[summary.workout_file.casefold()] = summary.started_at
    return Overview(last, len(found.damage), found.summaries[-RECENT:])


def session_at(journal: Path, summary: Summary) -> LoggedSession | None:
    """The whole session a summary points to, parsed from its own block only."""
    try:
        with open_regular(journal) as handle:
            handle.seek(summary.offset)
            chunk, end = b"", None
            while end is None:
                piece = handle.read(1 << 16)
                chunk += piece
                found = SESSION_HEADER.search(chunk, 1)
                end = found.start() if found else (len(chunk) if not piece else None)
    except OSError:
        return None
    result = parse_block(chunk[:end], summary.line)
    return result if isinstance(result, LoggedSession) else None


def recent_sessions(journal: Path, workout: str, count: int = 8, found: Listing | None = None) -> list[LoggedSession]:
    """The last ``count`` whole sessions of one workout, oldest first, each parsed from its own
    block: found through the cache when it is fresh, by skimming the journal when it is not (a
    whole journal is never parsed for these few)."""
    if found is None:
        try:
            stat = journal.stat()
        except FileNotFoundError:
            return []
        cache = cache_path(journal)
        first = _header(cache)
        mine_from_cache = _mine(cache, workout, count) if first.get("identity") == _identity(stat) \
            and first.get("ordered") else None
        if mine_from_cache is None:
            return [session for _, session in newest(read_bytes(journal), count, workout)[0]]
        mine = mine_from_cache
    else:
        mine = [s for s in found.summaries if s.workout == workout][-count:]
    sessions = [session_at(journal, s) for s in mine]
    return [s for s in sessions if s is not None]


def _mine(cache: Path, workout: str, count: int) -> list[Summary] | None:
    """The last ``count`` summaries of one workout in a fresh, ordered cache (None when it is spoilt)."""
    _, lines = _read_cache(cache)
    needle = b'"workout":' + json.dumps(workout).encode()
    mine_newest_first: list[Summary] = []
    try:
        for line in reversed(lines):
            if needle in line and len(mine_newest_first) < count:
                summary = Summary.from_json(line)
                if summary.workout == workout:
                    mine_newest_first.append(summary)
    except SPOILT:
        return None
    return mine_newest_first[::-1]


def index_elsewhere(journal: Path, *, wait: bool = True) -> None:
    """Bring the cache up to date in another process (a whole journal parsed there never holds this
    process's interpreter lock against the screen), waiting for it unless ``wait`` is False. It runs
    in a session of its own, so closing the terminal does not throw its work away. Nothing to do
    when the cache is fresh; whatever goes wrong only costs speed: :func:`listing` still works."""
    try:
        if header_matches(cache_path(journal), journal.stat()):
            return
        child = subprocess.Popen([sys.executable, "-m", "calftui.journal_index", "--", str(journal)],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        if wait:
            child.wait()
    except (OSError, subprocess.SubprocessError):
        return


def main(argv: list[str]) -> int:
    """``python -m calftui.journal_index -- JOURNAL``: build its cache (what :func:`index_elsewhere` runs)."""
    try:
        listing(Path(argv[-1]))
    except Exception:  # the caller reads the journal itself and reports what is wrong
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""A cache of one-line session summaries, so ten years of journal list as fast as one week.

The cache lives in the data folder (``cache/``), never beside the journal, and is trusted
only while the journal's identity is unchanged: device, inode, size, modification time and
change time (which no editor or ``touch`` can set back). After any change (an append from another
process, a hand edit, an import) the cache's stretches of the journal (see :data:`CHUNK`) are
hashed again to find the one stretch that changed: only its blocks are parsed (and of those, only
the ones whose bytes are new); the summaries before it are kept and those after it moved. So a
change is always seen, and seeing it costs about what reading the changed sessions does.

Layout: line 1 is a JSON header, then one JSON summary per session, in file order, so the
last N sessions are read without parsing the rest.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from calftui import paths
from calftui.fsutil import atomic_write, identity, open_regular, read_regular
from calftui.journal import (
    SESSION_HEADER,
    Damage,
    LoggedSession,
    LoggedSet,
    block_end,
    blocks,
    no_cycles_meanwhile,
    parse_block,
    read_bytes,
    target_scores,
)
from calftui.journal_skim import newest
from calftui.scoring import Score
from calftui.units import to_kg

VERSION = 9
"""3: every started_at has its offset (a naive one in the journal is read as local time).
4: skipped sets make no best; a score knows when its rest-pauses were cut short; per-side work.
5: the superset an exercise was done in. 6: the hash of each session's block. 7: when each
workout was last done, in the header. 8: each best keeps its superset (7 wrote it without).
9: the journal's stretches (``anchors``) and the length of the lines (``body``) in the header, in
place of one hash of the whole journal."""

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
    source: list[int] | None = None
    """The identity of the journal whose fresh, ordered cache the newest sessions were read from the
    end of: :func:`older` gives the sessions before them from that same cache, page by page."""


SKIM_FROM = 8 << 20
"""A stale cache of a journal this large (about twenty years of three sessions a week) is not
rebuilt just to show the newest few sessions: they are read on their own (:mod:`journal_skim`)."""


def cache_path(journal: Path) -> Path:
    return paths.cache_dir() / f"journal-{_key(str(journal.absolute()))}.jsonl"


@functools.lru_cache(maxsize=64)
def _key(journal: str) -> str:
    """The journal's cache name, from its real path: worked out once a run (resolving a path costs a
    system call per folder). Were a link retargeted meanwhile, the cache named still belongs to another
    journal, and its header says so."""
    return hashlib.blake2b(str(Path(journal).resolve()).encode(), digest_size=10).hexdigest()


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
    fresh_and_ordered = _fresh_and_ordered(first, stat)
    if fresh_and_ordered and last is not None and (found := _newest_listing(cache, first, last)) is not None:
        return found
    header, lines = _read_cache(cache, last if fresh_and_ordered else None)
    if header is not None and header["identity"] == identity(stat):
        with contextlib.suppress(*SPOILT):  # else read the journal as if there were no cache
            if header.get("ordered"):  # the usual case: the newest are the last lines
                chosen = lines if last is None else lines[-last:] if last else []
                return Listing(Summary.many(chosen), _damage(header), header["count"], source=header["identity"])
            return Listing(_newest(in_time_order(Summary.many(lines)), last), _damage(header), header["count"])
        header, lines = None, []
    return _rebuild(journal, cache, header, lines, last, SKIM_FROM if skim_from is None else skim_from)


def newest_if_fresh(journal: Path, last: int) -> Listing | None:
    """The ``last`` newest sessions as :func:`listing` gives them, when a fresh cache holds them:
    a read of the cache's end whatever the journal's length, cheap enough to wait for on screen.
    None when the journal must be read (no cache, a stale one, or none to read)."""
    try:
        stat = journal.stat()
    except OSError:
        return None
    cache = cache_path(journal)
    header = _header(cache)
    return _newest_listing(cache, header, last) if _fresh_and_ordered(header, stat) else None


def _fresh_and_ordered(header: dict[str, Any], stat: os.stat_result) -> bool:
    """Whether a cache whose first line is ``header`` is of the journal as it is now, in time order
    (so its newest sessions are its last lines)."""
    return bool(header.get("identity") == identity(stat) and header.get("ordered"))


def _newest_listing(cache: Path, header: dict[str, Any], last: int) -> Listing | None:
    lines = _tail(cache, header, last)
    summaries = None if lines is None else _indexed(lines)
    return None if summaries is None else Listing(summaries, _damage(header), header["count"],
                                                  source=header["identity"])


SPOILT = (ValueError, KeyError, TypeError, IndexError)
"""What reading a cache line that is not a summary raises."""


def _indexed(lines: list[bytes]) -> list[Summary] | None:
    """The summaries of these cache lines; None when any line is spoilt."""
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
    return bool(_header(cache).get("identity") == identity(stat))


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


CHUNK = 256 << 10
"""The cache remembers the journal in stretches of about this many bytes, each beginning at a block:
where it starts, its line and the hash of its bytes. After an edit anywhere, only the stretch that
changed is read again; the summaries before it are kept as they are and those after it are moved."""


class _Patch(NamedTuple):
    """How the journal differs from the one a stale cache was made from: one stretch changed."""

    start: int
    """Where the changed stretch begins, in both (a block's start): nothing before it changed."""
    old_end: int
    """Where it ended in the journal the cache was made from."""
    end: int
    """Where it ends now: everything after it is as it was, ``shift`` bytes on."""
    line: int
    """The line ``start`` is on."""
    shift: int
    line_shift: int
    kept: int
    """How many of the old stretches lie before ``start``."""
    moved: int
    """The first of the old stretches that lie after the change."""

    def where(self, offset: int, line: int) -> tuple[int, int] | None:
        """Where a block indexed at ``offset`` on ``line`` is now (None: it was in the changed stretch)."""
        if offset < self.start:
            return offset, line
        if offset >= self.old_end:
            return offset + self.shift, line + self.line_shift
        return None


def _chunk_digest(chunk: bytes | memoryview) -> str:
    return hashlib.sha256(chunk).hexdigest()[:32]


def _patch(header: dict[str, Any], data: bytes) -> _Patch | None:
    """The one stretch of ``data`` that differs from what ``header``'s cache indexed; None when
    the cache cannot tell (no stretches, or a header that is not calftui's)."""
    try:
        anchors = [(int(a), int(b), str(c)) for a, b, c in header["anchors"]]
        size = int(header["size"])
    except (*SPOILT, AttributeError):
        return None
    if header.get("version") != VERSION or not anchors or anchors[0][:2] != (0, 1):
        return None
    view, offsets = memoryview(data), [a[0] for a in anchors]
    ends, shift = [*offsets[1:], size], len(data) - size

    def same(k: int, by: int) -> bool:
        low, high = offsets[k] + by, ends[k] + by
        return 0 <= low <= high <= len(data) and _chunk_digest(view[low:high]) == anchors[k][2]

    def begins_block(at: int) -> bool:
        return at == 0 or SESSION_HEADER.match(data, at) is not None

    kept = 0
    while kept < len(anchors) and same(kept, 0):
        kept += 1
    kept = max(kept - 1, 0)  # the last unchanged stretch is read again: its last block may now run on
    while not begins_block(offsets[kept]):
        kept -= 1
    moved = len(anchors)
    while moved > kept + 1 and same(moved - 1, shift):
        moved -= 1
    while moved < len(anchors) and (offsets[moved] + shift < offsets[kept] or not begins_block(offsets[moved] + shift)):
        moved += 1
    start, line = offsets[kept], anchors[kept][1]
    old_end, end = (offsets[moved], offsets[moved] + shift) if moved < len(anchors) else (size, len(data))
    line_shift = line + data.count(b"\n", start, end) - anchors[moved][1] if moved < len(anchors) else 0
    return _Patch(start, old_end, end, line, shift, line_shift, kept, moved)


@dataclass
class _Built:
    """A cache as it is written: its header and one summary's JSON per session, in file order."""

    header: dict[str, Any]
    lines: list[bytes]
    parsed: list[Summary] | None = None
    """The summaries of ``lines``, when they were all made anyway."""

    def listing(self, last: int | None) -> Listing:
        header = self.header
        if header["ordered"]:
            chosen = self.lines if last is None else self.lines[-last:] if last else []
            found = Summary.many(chosen) if self.parsed is None else self.parsed[len(self.parsed) - len(chosen):]
            return Listing(found, _damage(header), header["count"], source=header["identity"])
        everything = Summary.many(self.lines) if self.parsed is None else self.parsed
        return Listing(_newest(in_time_order(everything), last), _damage(header), header["count"])


def _rebuild(journal: Path, cache: Path, header: dict[str, Any] | None, lines: list[bytes],
             last: int | None, skim_from: int) -> Listing:
    stat = journal.stat()
    data = read_bytes(journal)
    patch = _patch(header, data) if header is not None else None
    built = _patched(data, header, lines, patch) if header is not None and patch is not None else None
    if built is None:
        if last is not None and len(data) >= skim_from:
            return _skimmed(data, last)
        built = _built_from_nothing(data, {s.digest: s for s in _indexed(lines) or []})
    built.header["identity"] = identity(stat)
    if len(data) == stat.st_size and identity(journal.stat()) == built.header["identity"]:  # unchanged while read
        _write_cache(cache, built)
    return built.listing(last)


def _built_from_nothing(data: bytes, known: dict[str, Summary]) -> _Built:
    """Every block summarised (reusing ``known`` summaries by their bytes)."""
    summaries: list[Summary] = []
    damage: list[list[Any]] = []
    with no_cycles_meanwhile():
        marks = _index_blocks(data, 0, len(data), 1, known, summaries, damage)
    ordered = all(a.started_at <= b.started_at for a, b in itertools.pairwise(summaries))
    last_done = _last_done(summaries if ordered else in_time_order(summaries))
    header = _new_header(data, damage, len(summaries), ordered, last_done, _sealed(data, marks, len(data)))
    return _Built(header, [s.to_json().encode() for s in summaries], summaries)


def _patched(data: bytes, header: dict[str, Any], lines: list[bytes], patch: _Patch) -> _Built | None:
    """The stale cache mended: the changed stretch read again, the summaries after it moved (None
    when its lines cannot be trusted)."""
    try:
        before = bisect_left(lines, patch.start, key=_offset_of)
        after = bisect_left(lines, patch.old_end, key=_offset_of, lo=before)
        dropped = Summary.many(lines[before:after])
        summaries: list[Summary] = []
        damage: list[list[Any]] = []
        with no_cycles_meanwhile():
            marks = _index_blocks(data, patch.start, patch.end, patch.line, {s.digest: s for s in dropped},
                                  summaries, damage)
        tail = [_moved(line, data, patch) for line in lines[after:]]
        for offset, line, message in header["damage"]:
            where = patch.where(offset, line)
            if where is not None:
                damage.append([*where, message])
        damage.sort()
        edges = [*([Summary.from_json(lines[before - 1])] if before else []), *summaries,
                 *([Summary.from_json(tail[0])] if tail else [])]
        ordered = bool(header["ordered"]) and all(a.started_at <= b.started_at for a, b in itertools.pairwise(edges))
        new_lines = [*lines[:before], *(s.to_json().encode() for s in summaries), *tail]
        last_done = _last_done_after(header["last_done"], dropped, summaries) if ordered else None
        parsed = None
        if last_done is None:  # out of time order now, or a workout's newest session went: count again
            parsed = Summary.many(new_lines)
            ordered = all(a.started_at <= b.started_at for a, b in itertools.pairwise(parsed))
            last_done = _last_done(parsed if ordered else in_time_order(parsed))
        anchors = [*header["anchors"][:patch.kept], *_sealed(data, marks, patch.end),
                   *([o + patch.shift, n + patch.line_shift, d] for o, n, d in header["anchors"][patch.moved:])]
    except (*SPOILT, AttributeError):
        return None
    return _Built(_new_header(data, damage, len(new_lines), ordered, last_done, anchors), new_lines, parsed)


_POSITION = re.compile(rb'\{"offset":([0-9]+),"line":([0-9]+),')


def _offset_of(line: bytes) -> int:
    found = _POSITION.match(line)
    if found is None:
        raise ValueError("not a summary")
    return int(found[1])


def _moved(line: bytes, data: bytes, patch: _Patch) -> bytes:
    """The summary line of a block after the changed stretch, with its new offset and line."""
    if not patch.shift and not patch.line_shift:
        return line
    found = _POSITION.match(line)
    if found is None:
        raise ValueError("not a summary")
    offset, at = int(found[1]) + patch.shift, int(found[2]) + patch.line_shift
    if not (patch.line_shift and b'"id":"line-%d"' % int(found[2]) in line):
        return b'{"offset":%d,"line":%d,' % (offset, at) + line[found.end():]
    chunk = data[offset:block_end(data, offset)]  # an id made from its line moves with it: read it again
    session = parse_block(chunk, at)
    if not isinstance(session, LoggedSession):
        raise ValueError("a moved block is no longer a session")
    return Summary.of(session, offset, block_digest(chunk)).to_json().encode()


def _last_done(in_order: list[Summary]) -> dict[str, str]:
    """When each workout was last done, by its name and its file's name, casefolded."""
    last: dict[str, str] = {}
    for summary in in_order:
        last[summary.workout.casefold()] = last[summary.workout_file.casefold()] = summary.started_at.isoformat()
    return last


def _last_done_after(before: dict[str, str], dropped: list[Summary], added: list[Summary]) -> dict[str, str] | None:
    """``before`` with the changed stretch's sessions swapped (None when a workout's newest session
    left and only a full count can tell the one before it)."""
    def keys(summary: Summary) -> tuple[str, str]:
        return summary.workout.casefold(), summary.workout_file.casefold()

    gone: dict[str, datetime] = {}
    for summary in dropped:
        for key in keys(summary):
            gone[key] = max(gone.get(key, summary.started_at), summary.started_at)
    came: dict[str, Summary] = {}
    for summary in added:
        for key in keys(summary):
            if key not in came or summary.started_at >= came[key].started_at:
                came[key] = summary
    after = dict(before)
    for key in gone.keys() | came.keys():
        was = datetime.fromisoformat(before[key]) if key in before else None
        if key in came and (was is None or came[key].started_at >= was):
            after[key] = came[key].started_at.isoformat()
        elif key in gone and (was is None or gone[key] >= was):
            return None
    return after


def _new_header(data: bytes, damage: list[list[Any]], count: int, ordered: bool, last_done: dict[str, str],
                anchors: list[list[Any]]) -> dict[str, Any]:
    return {"version": VERSION, "identity": None, "size": len(data), "damage": damage, "count": count,
            "ordered": ordered, "last_done": last_done, "anchors": anchors}


def _sealed(data: bytes, marks: list[list[int]], end: int) -> list[list[Any]]:
    """Each stretch from a mark ([offset, line]) to the next (the last to ``end``) with its hash."""
    view = memoryview(data)
    ends = [m[0] for m in marks[1:]] + [end]
    return [[offset, line, _chunk_digest(view[offset:until])] for (offset, line), until in zip(marks, ends, strict=True)
            if until > offset or offset == 0]


def _index_blocks(data: bytes, start: int, end: int, line: int, known: dict[str, Summary], summaries: list[Summary],
                  damage: list[list[Any]]) -> list[list[int]]:
    """Every block from ``start`` to ``end``, summarised into ``summaries`` (reusing ``known`` ones by
    their bytes) or told in ``damage``; returns [offset, line] of a block's start every
    :data:`CHUNK` bytes or so, the first at ``start``."""
    marks: list[list[int]] = [[start, line]]
    for offset, block_line, chunk in blocks(data[start:end], start, line):
        if offset >= marks[-1][0] + CHUNK:
            marks.append([offset, block_line])
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
    return marks


def _skimmed(data: bytes, last: int) -> Listing:
    found, damage = newest(data, last)
    heads = data.count(b"[[session]]")  # every session there may be: nothing is parsed to count them
    return Listing([Summary.of(session, offset) for offset, session in found], damage, max(heads, len(found)),
                   complete=False)


def block_digest(chunk: bytes) -> str:
    return hashlib.blake2b(chunk, digest_size=12).hexdigest()


def _write_cache(cache: Path, built: _Built) -> None:
    body = b"".join(line + b"\n" for line in built.lines)
    built.header["body"] = len(body)
    head = json.dumps(built.header, separators=(",", ":")).encode()
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
        atomic_write(cache, head + b"\n" + body, mode=0o600, durable=False)


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
    if newest.complete and header.get("identity") == identity(stat) and isinstance(header.get("last_done"), dict):
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
                end = found.start() if found else (block_end(chunk, 0) if not piece else None)  # (at the end: torn?)
    except OSError:
        return None
    result = parse_block(chunk[:end], summary.line)
    return result if isinstance(result, LoggedSession) else None


def recent_sessions(journal: Path, workout: str, count: int = 8, found: Listing | None = None) -> list[LoggedSession]:
    """The last ``count`` whole sessions of one workout, oldest first, each parsed from its own
    block: found through the cache when it is fresh; when it is stale, through the cache for all
    but the stretch that changed, which is skimmed (a whole journal is never parsed for these few)."""
    if found is not None:
        sessions = [session_at(journal, s) for s in [s for s in found.summaries if s.workout == workout][-count:]]
        return [s for s in sessions if s is not None]
    try:
        stat = journal.stat()
    except FileNotFoundError:
        return []
    cache = cache_path(journal)
    data: bytes | None = None
    for _ in range(3):  # (an indexer in another process may replace the cache meanwhile: look again)
        first = _header(cache)
        if first.get("identity") == identity(stat) and first.get("ordered"):
            mine = _mine(cache, first, workout, count)
            if mine is not None:
                sessions = [session_at(journal, s) for s in mine]
                return [s for s in sessions if s is not None]
            continue
        data = read_bytes(journal) if data is None else data
        patch = _patch(first, data) if first.get("ordered") else None
        if patch is None:
            break
        mended = _recent_after_edit(data, cache, first, patch, workout, count)
        if mended is not None:
            return mended
    return [session for _, session in newest(read_bytes(journal) if data is None else data, count, workout)[0]]


def _recent_after_edit(data: bytes, cache: Path, header: dict[str, Any], patch: _Patch, workout: str,
                       count: int) -> list[LoggedSession] | None:
    """The stretch that changed skimmed, the rest found through the stale cache (None when the
    cache is spoilt or was replaced meanwhile)."""
    mine = _mine(cache, header, workout, count, patch)
    if mine is None:
        return None
    found = newest(data, count, workout, start=patch.start, end=patch.end, line=patch.line)[0]
    for summary in mine:
        session = parse_block(data[summary.offset:block_end(data, summary.offset)], summary.line)
        if not isinstance(session, LoggedSession):  # (its bytes are unchanged: it cannot be, but never guess)
            return None
        found.append((summary.offset, session))
    found.sort(key=lambda pair: (pair[1].started_at.timestamp(), pair[0]))
    return [session for _, session in found[-count:]]


def _mine(cache: Path, header: dict[str, Any], workout: str, count: int,
          patch: _Patch | None = None) -> list[Summary] | None:
    """The last ``count`` summaries of one workout in the ordered cache whose first line is
    ``header``, read from its end; with ``patch``, those of the changed stretch left out and the rest
    put where they are now (None when the cache is spoilt or no longer that one)."""
    needle = b'"workout":' + json.dumps(workout).encode()
    mine_newest_first: list[Summary] = []
    try:
        for line in _newest_lines(cache, header):
            if len(mine_newest_first) == count:
                break
            if needle not in line:
                continue
            summary = Summary.from_json(line)
            where = (summary.offset, summary.line) if patch is None else patch.where(summary.offset, summary.line)
            if summary.workout == workout and where is not None:
                mine_newest_first.append(replace(summary, offset=where[0], line=where[1]))
    except (*SPOILT, OSError, RecursionError):
        return None
    return mine_newest_first[::-1]


def _tail(cache: Path, header: dict[str, Any], last: int, skip: int = 0) -> list[bytes] | None:
    """The last ``last`` summary lines but ``skip`` of the ordered cache whose first line is
    ``header``, oldest first, read from its end (None when the cache is torn or was replaced meanwhile)."""
    try:
        lines = _newest_lines(cache, header)
        newest_first = list(itertools.islice(lines, skip, skip + last)) if last else []
        if len(newest_first) != max(0, min(last, header["count"] - skip)):
            return None
    except (*SPOILT, OSError, RecursionError):
        return None
    return newest_first[::-1]


def older(journal: Path, source: list[int], skip: int, count: int) -> list[Summary] | None:
    """The ``count`` sessions before the newest ``skip``, oldest first, from the cache that
    :attr:`Listing.source` names (so a page further back follows on from the ones before it, never
    shifted by a session saved meanwhile); None once that cache was replaced or cannot be read."""
    cache = cache_path(journal)
    header = _header(cache)
    if header.get("identity") != source or not header.get("ordered"):
        return None
    lines = _tail(cache, header, count, skip)
    return None if lines is None else _indexed(lines)


READ_BACK = 1 << 20
"""How much of the cache :func:`_newest_lines` reads at a time, from its end, at most."""
READ_FIRST = 32 << 10
"""Its first read: history's newest page (about 18 KB) or a workout's last sessions, usually; each
read after it is twice as large, up to :data:`READ_BACK`."""


def _newest_lines(cache: Path, header: dict[str, Any]) -> Iterator[bytes]:
    """The summary lines of the cache whose first line is ``header``, newest first, read from the end
    a piece at a time (so the newest of ten years cost what a week's do)."""
    with open_regular(cache) as handle:
        first = handle.readline()
        if json.loads(first) != header:
            raise ValueError("the cache was replaced meanwhile")
        top, end = len(first), os.fstat(handle.fileno()).st_size
        if end - top != header["body"]:
            raise ValueError("the cache is torn")
        rest, piece = b"", min(READ_FIRST, READ_BACK)
        while end > top:
            step = min(piece, end - top)
            end -= step
            handle.seek(end)
            lines = (handle.read(step) + rest).split(b"\n")
            rest = lines.pop(0) if end > top else b""
            yield from (line for line in reversed(lines) if line)
            piece = min(2 * piece, READ_BACK)

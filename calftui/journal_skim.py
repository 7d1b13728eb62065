"""The newest sessions of a journal, read without parsing the rest of it.

What a ready screen or ``log --last 10`` needs is a handful of sessions; a journal of a shared
gym laptop or an imported history holds a hundred thousand. :func:`skim` finds every block's
``workout`` and ``started_at`` lines with a few scans at C speed; :func:`newest` then parses
only the newest blocks, newest first, until it has enough sessions. A block the skim is not
sure of (written by hand in another layout, with a multi-line string, a date without an offset)
is always parsed, so what comes back is what a full read would give, only sooner.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime

from calftui.journal import Damage, LoggedSession, block_starts, parse_block

_WORKOUT = re.compile(rb'\nworkout = "([^"\\\x00-\x1f\x7f]*)"\r?\n')
_STARTED = re.compile(rb"\nstarted_at = ([0-9][0-9:T +.Z-]*)\r?\n")
_KEY_LINES = re.compile(rb'\n[ \t]*["\']?(?:workout|started_at)["\']?[ \t]*[=.]')
"""Every line that might give a ``workout`` or ``started_at`` (indented, quoted, dotted, or inside a
multi-line string): a block is sure only when there are just the two above."""


@dataclass(frozen=True)
class Head:
    offset: int
    end: int
    line: int
    workout: str | None
    """None when the skim is not sure: the block is parsed to know."""
    started_at: datetime | None


def _by_block(pattern: re.Pattern[bytes], data: bytes, starts: list[int]) -> dict[int, bytes | None]:
    """Per block, the one value the pattern finds there (None where it finds more than one)."""
    found: dict[int, bytes | None] = {}
    for match in pattern.finditer(data):
        block = bisect_right(starts, match.start()) - 1
        found[block] = None if block in found else match.group(1)
    return found


def skim(data: bytes) -> list[Head]:
    """Every block of the journal with the workout and start the skim is sure of, in file order."""
    starts = block_starts(data)
    workouts = _by_block(_WORKOUT, data, starts)
    started = _by_block(_STARTED, data, starts)
    key_lines: dict[int, int] = {}
    for match in _KEY_LINES.finditer(data):
        block = bisect_right(starts, match.start()) - 1
        key_lines[block] = key_lines.get(block, 0) + 1
    heads, line = [], 1
    ends = [*starts[1:], len(data)]
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        name, moment = workouts.get(i), started.get(i)
        when = _moment(moment) if name is not None and moment is not None and key_lines.get(i) == 2 else None
        heads.append(Head(start, end, line, name.decode("utf-8", "replace") if when and name else None, when))
        line += data.count(b"\n", start, end)
    return heads


def _moment(text: bytes) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.decode("ascii"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None  # local time: the journal's reader decides


def newest(data: bytes, count: int, workout: str | None = None, *, start: int = 0, end: int | None = None,
           line: int = 1) -> tuple[list[tuple[int, LoggedSession]], list[Damage]]:
    """The newest ``count`` sessions (of ``workout``, if given) by ``started_at``, oldest first, each
    with its block's offset; and the damage found in the blocks that had to be read. (Only the
    blocks from ``start`` to ``end``, when given: ``start`` is a block's start, on ``line``.)"""
    part = data[start:end] if start or end is not None else data
    heads = skim(part)
    unsure = [h for h in heads if h.workout is None]
    sure = sorted((h for h in heads if h.workout is not None and workout in (None, h.workout)),
                  key=lambda h: h.started_at.timestamp() if h.started_at else 0.0)
    chosen: list[tuple[Head, LoggedSession]] = []
    damage: list[Damage] = []

    def read(head: Head) -> LoggedSession | None:
        result = parse_block(part[head.offset:head.end], head.line + line - 1)
        if isinstance(result, Damage):
            damage.append(result)
        if isinstance(result, LoggedSession) and workout in (None, result.workout):
            return result
        return None

    for head in unsure:
        session = read(head)
        if session is not None:
            chosen.append((head, session))
    taken = 0
    for head in reversed(sure):
        if taken == count:
            break
        session = read(head)
        if session is not None:
            chosen.append((head, session))
            taken += 1
    chosen.sort(key=lambda pair: (pair[1].started_at.timestamp(), pair[0].offset))
    return [(start + head.offset, session) for head, session in chosen[-count:]] if count else [], damage

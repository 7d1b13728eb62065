"""Which lines the session's stage shows at a given size: the big number comes first.

The number keeps at least :data:`NUMBER_ROWS` rows, or about half the stage where the stage is
taller (as far as the window's width lets a drawing grow); the lines around it are taken in
order of importance while they leave it that, and the rest give way. Every line is one row: a
long one is shortened, never wrapped over the number.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from calftui.ui import font
from calftui.ui.widgets.bigtext import MAX_SCALE

NUMBER_ROWS = 7
"""The fewest rows the number is drawn in where a window of 50x16 or more has them: the large font
at twice its size (the one below it, 4 rows, is too small to read from the calf block)."""


@dataclass(frozen=True)
class Line:
    key: str
    rows: int = 1


@functools.cache
def number_heights(width: int, template: str) -> tuple[int, ...]:
    """Every height the number can be drawn in across ``width`` columns, smallest first."""
    heights = [font.size(font.SMALL, template, 1)[1]] if font.fits(font.SMALL, template) else []
    for scale in range(1, MAX_SCALE + 1):
        columns, rows = font.size(font.LARGE, template, scale)
        if columns <= width:
            heights.append(rows)
    return tuple(sorted(set(heights)))


def number_share(room: int, heights: Sequence[int]) -> int:
    """The rows the number keeps out of ``room``: the tallest drawing within half the room, and no
    less than :data:`NUMBER_ROWS` (nor more than there is)."""
    wanted = max(NUMBER_ROWS, room // 2)
    fitting = [h for h in heights if h <= wanted]
    return min(room, max(fitting) if fitting else min(heights, default=1))


def plan(room: int, lines: Sequence[Line], heights: Sequence[int]) -> set[str]:
    """The keys of the ``lines`` shown (given most important first) in a stage ``room`` rows tall."""
    keep = number_share(room, heights)
    shown: set[str] = set()
    left = room
    for line in lines:
        if left - line.rows >= keep:
            shown.add(line.key)
            left -= line.rows
    return shown


LINES = ("state", "hint", "exercise", "setline", "load", "last", "under", "rhythm", "tempo", "cues", "next")
"""The session's lines, top to bottom, around the number (between ``last`` and ``under``)."""


@functools.lru_cache(maxsize=64)
def session_lines(present: frozenset[str], urgent: bool, ready: bool, template: str, width: int, height: int,
                  word_rows: int) -> frozenset[str]:
    """The session's lines shown in a ``width`` x ``height`` window: the number first, then the lines
    with something to say (``present``) in order of importance. ``urgent`` (paused, a count typed)
    puts the hint straight after the set; on the ready screen the load and last time come next, as
    the line under the number only repeats the set line's goal there, and the hint the footer's
    start key. The state word and the tempo take ``word_rows`` rows (the tempo one more)."""
    order = ["exercise", "setline", *(["hint"] if urgent else []), *(["load", "last"] if ready else []),
             "tempo", "under", "load", "rhythm", "hint", "state", "last", "next", "cues"]
    rows = {"tempo": word_rows + 1, "state": word_rows}
    lines = [Line(line, rows.get(line, 1)) for line in dict.fromkeys(order) if line in present]
    return frozenset(plan(height - 4, lines, number_heights(width - 4, template)))  # top line, keys, border

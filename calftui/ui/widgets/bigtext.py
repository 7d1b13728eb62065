"""Text as large as the space allows: the counter, a countdown, the state, the tempo's words.

The largest drawing that fits wins: the 5x7 font at any whole scale, then the 3x5 one, then
plain bold text. Sizing goes by a ``template`` (``"0:00"`` for a countdown), so the scale holds
steady while the number changes. ``rows`` caps the height for words in a line of their own.

Drawn line by line (Textual's line API), centred here: text layout would trim the spaces a
drawing is made of.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from calftui.common import visible
from calftui.ui import font

MAX_SCALE = 12


class BigText(Widget):
    DEFAULT_CSS = """
    BigText { width: 100%; height: auto; text-style: bold; }
    """

    def __init__(self, text: str = "", *, template: str = "", rows: int = 0, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text
        self.template = template
        self.rows = rows
        """The most rows it may take; 0: as many as its height gives it."""
        self._drawn: tuple[tuple[str, int, int], tuple[str, ...]] | None = None
        self._style: Style | None = None
        self._canvas: tuple[tuple[str, int, int, int], tuple[str, ...]] | None = None

    def update(self, text: str, template: str | None = None) -> None:
        if text != self.text or (template is not None and template != self.template):
            # Sized by its template, a new text of no more characters takes the same room: the
            # screen is not laid out again, and only the cells that changed are drawn again (a tap
            # from 12 to 13 redraws the last digit), so a tap shows sooner.
            same_size = template in (None, self.template) and bool(self.template) \
                and len(text) <= len(self.template) and len(self.text) <= len(self.template)
            before = self.canvas() if same_size and self.size.area else None
            self.text = text
            if template is not None:
                self.template = template
            if before is None:
                self.refresh(layout=not same_size)
                return
            changed = _changed(before, self.canvas())
            if changed is not None:
                self.refresh(changed)

    def set_rows(self, rows: int) -> None:
        if rows != self.rows:
            self.rows = rows
            self.refresh(layout=True)

    def choice(self, width: int, height: int) -> tuple[dict[str, tuple[str, ...]], int] | None:
        """The font and scale of the largest drawing that fits ``width`` x ``height``, or None."""
        sized = self.template if len(self.template) >= len(self.text) else self.text
        for glyphs, scales in ((font.LARGE, range(MAX_SCALE, 0, -1)), (font.SMALL, (1,))):
            if not self.text or not (font.fits(glyphs, self.text) and font.fits(glyphs, sized)):
                continue
            for scale in scales:
                columns, rows = font.size(glyphs, sized, scale)
                drawn = font.size(glyphs, self.text, scale)[0]
                if max(columns, drawn) <= width and rows <= height:
                    return glyphs, scale
        return None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        chosen = self.choice(width, self.rows or viewport.height)
        return 1 if chosen is None else font.size(chosen[0], self.template or self.text, chosen[1])[1]

    def lines(self) -> tuple[str, ...]:
        """What is drawn at the widget's size: the drawing's rows, or the text as it is."""
        width, height = self.size
        key = (self.text, width, min(height, self.rows) if self.rows else height)
        if self._drawn is None or self._drawn[0] != key:
            chosen = self.choice(width, key[2])
            drawn = (visible(self.text),) if chosen is None else font.draw(chosen[0], self.text, chosen[1]).lines
            self._drawn = (key, drawn)
        return self._drawn[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = None  # worked out again, once, if a line is drawn (lines drawn before are kept)
        return super().render_lines(crop)

    def canvas(self) -> tuple[str, ...]:
        """Every row of the widget as drawn: the drawing centred, in spaces."""
        width, height = self.size
        key = (self.text, width, height, self.rows)
        if self._canvas is None or self._canvas[0] != key:
            drawn = self.lines()
            top = max(0, (height - len(drawn)) // 2)
            rows = []
            for y in range(height):
                line = drawn[y - top][:width] if top <= y < top + len(drawn) else ""
                left = max(0, (width - len(line)) // 2)
                rows.append(" " * left + line + " " * (width - left - len(line)))
            self._canvas = (key, tuple(rows))
        return self._canvas[1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        canvas = self.canvas()
        row = canvas[y] if 0 <= y < len(canvas) else " " * width
        if self._style is None:
            self._style = self.rich_style
        return Strip([Segment(row, self._style)], width)


def _changed(before: tuple[str, ...], after: tuple[str, ...]) -> Region | None:
    """The smallest region holding every cell that differs between two drawings of one size."""
    rows = [y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    if not rows:
        return None
    left = min(next(x for x, (a, b) in enumerate(zip(before[y], after[y], strict=True)) if a != b) for y in rows)
    right = max(len(before[y]) - next(x for x, (a, b) in enumerate(zip(reversed(before[y]), reversed(after[y]),
                                                                           strict=True)) if a != b) for y in rows)
    return Region(left, rows[0], right - left, rows[-1] - rows[0] + 1)

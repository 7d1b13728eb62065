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

from calftui.textsafe import visible
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

    def update(self, text: str, template: str | None = None) -> None:
        if text != self.text or (template is not None and template != self.template):
            # Sized by its template, a new text of no more characters takes the same room: only
            # the widget is drawn again, not the screen laid out (a tap shows sooner).
            same_size = template in (None, self.template) and bool(self.template) \
                and len(text) <= len(self.template) and len(self.text) <= len(self.template)
            self.text = text
            if template is not None:
                self.template = template
            self.refresh(layout=not same_size)

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
        self._style = self.rich_style  # worked out once for every line of the drawing
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        drawn = self.lines()
        top = max(0, (height - len(drawn)) // 2)
        style = self._style or self.rich_style
        if not top <= y < top + len(drawn):
            return Strip([Segment(" " * width, style)], width)
        line = drawn[y - top][:width]
        left = max(0, (width - len(line)) // 2)
        row = " " * left + line + " " * (width - left - len(line))
        return Strip([Segment(row, style)], width)

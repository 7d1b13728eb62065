"""A table whose rows are composed beforehand, one line each: history's sessions.

Textual's DataTable measures every row as it is added and draws each cell through a Rich
renderable of its own. History composes its rows to the screen's width already (see
:func:`calftui.ui.screens.history.line`), so this widget only has to cut each line to the view and
style it: the cursor, the zebra stripes and a header that stays put as the rows scroll. A
screenful of rows is drawn in about a third of the DataTable's time, which is what history's
newest page costs on top of an empty screen.

Where the cursor is shows as "12 of 1,566" in the bottom border, counting the rows not loaded yet:
a scrollbar could only show the part of ten years read so far.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

LINES_KEPT = 2000
"""Lines kept drawn, at most."""


class _RowMessage(Message):
    def __init__(self, table: RowTable, cursor_row: int) -> None:
        super().__init__()
        self.table, self.cursor_row = table, cursor_row

    @property
    def control(self) -> RowTable:
        return self.table


class RowTable(ScrollView, can_focus=True):
    """A header line and rows of one line each, under a row cursor; the rows are data, never markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Select", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("left", "scroll_left", "Left", show=False),
        Binding("right", "scroll_right", "Right", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-table--header", "row-table--cursor", "row-table--even-row"}
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-table--header { background-tint: $foreground 5%; }
        }
        & > .row-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .row-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .row-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .row-table--even-row { background: $surface-darken-1 40%; }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class RowHighlighted(_RowMessage):
        """The cursor moved to another row."""

    class RowSelected(_RowMessage):
        """Enter, or a click on the row under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.header = Text()
        self.rows: list[Text] = []
        self.cursor_row = 0
        self._width = 0
        """The widest line's cells."""
        self._total: int | None = None
        self._lines: dict[tuple[int, int, int], Strip] = {}
        """Each line drawn, by (row, scroll_x, width); -1 is the header. Emptied when a style changes."""

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> int | None:
        """How many rows there are, loaded or not (None: not known yet)."""
        return self._total

    @total.setter
    def total(self, total: int | None) -> None:
        self._total = total
        self.show_position()

    def set_header(self, header: Text) -> None:
        self.header = header
        self._width = max(self._width, header.cell_len)
        self._sized()
        self._changed()

    def add_rows(self, rows: list[Text]) -> None:
        self.rows.extend(rows)
        self._width = max([self._width, *(row.cell_len for row in rows)])
        self._sized()
        self.refresh()
        self.show_position()

    def update_row(self, row: int, text: Text) -> None:
        """Row ``row`` drawn as ``text`` from now on: that line alone is drawn again."""
        self.rows[row] = text
        self._width = max(self._width, text.cell_len)
        self._sized()
        self._forget(row)
        self.refresh_line(row + 1)

    def clear(self) -> None:
        """No rows, the cursor on the first one to come, scrolled to the start."""
        self.rows, self.cursor_row, self._width = [], 0, self.header.cell_len
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._sized()
        self._changed()
        self.show_position()

    def move_cursor(self, row: int) -> None:
        """The cursor to ``row`` (kept within the rows), scrolled into view."""
        row = max(0, min(row, len(self.rows) - 1))
        if row == self.cursor_row:
            return
        before, self.cursor_row = self.cursor_row, row
        self._forget(before, row)
        self.refresh_line(before + 1)
        self.refresh_line(row + 1)
        self._into_view()
        self.show_position()
        self.post_message(self.RowHighlighted(self, row))

    def show_position(self) -> None:
        """The cursor's row and the rows there are, in the bottom border (when it has one)."""
        total = max(self._total or 0, len(self.rows))
        self.border_subtitle = f" {self.cursor_row + 1:,} of {total:,} " if total else ""

    def on_resize(self) -> None:
        self._into_view()  # a shorter table: the cursor still in view

    def _into_view(self) -> None:
        below = self.scrollable_content_region.height - 1  # rows under the header
        if below <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + below:
            self.scroll_to(y=self.cursor_row - below + 1, animate=False, immediate=True)

    def _sized(self) -> None:
        self.virtual_size = Size(self._width, len(self.rows) + 1)

    def _forget(self, *rows: int) -> None:
        """These rows' lines drawn again when next shown."""
        self._lines = {key: line for key, line in self._lines.items() if key[0] not in rows}

    def _changed(self) -> None:
        self._lines.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # a theme, focus or size changed the styles: every line drawn again

    def on_focus(self, event: events.Focus) -> None:
        self._changed()

    def on_blur(self, event: events.Blur) -> None:
        self._changed()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        row = -1 if y == 0 else scroll_y + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        key = (row, scroll_x, width)
        line = self._lines.get(key)
        if line is None:
            if len(self._lines) > LINES_KEPT:  # (scrolled far back and forth)
                self._lines.clear()
            text = self.header if row < 0 else self.rows[row]
            style = self.rich_style + self._style_of(row)
            line = Strip(text.render(self.app.console), text.cell_len).crop_extend(scroll_x, scroll_x + width, None)
            line = self._lines[key] = line.apply_style(style)
        return line

    def _style_of(self, row: int) -> Style:
        if row < 0:
            return self.get_component_rich_style("row-table--header")
        if row == self.cursor_row:
            return self.get_component_rich_style("row-table--cursor")
        return self.get_component_rich_style("row-table--even-row") if row % 2 == 0 else Style()

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to a row; a click on the row under the cursor selects it."""
        if event.y == 0:
            return
        row = self.scroll_offset.y + event.y - 1
        if row >= len(self.rows):
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(row)

"""The table history's sessions are drawn in: what is on screen is always the rows at the scroll
position under a header that stays, the cursor always on a row and in view, every move told once."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings, strategies as st
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from calftui.ui.widgets.rows import RowTable

from helpers import drawn


class Table(App[None]):
    CSS = "RowTable { height: 1fr; border-bottom: solid $primary; border-subtitle-align: right; }"

    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[int] = []
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowTable(id="t")

    def on_mount(self) -> None:
        self.query_one(RowTable).set_header(Text(" # row", no_wrap=True, end=""))

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        self.highlighted.append(event.cursor_row)

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        self.selected.append(event.cursor_row)


def row(n: int, width: int) -> Text:
    """A row that would be bold and a link if it were taken for markup."""
    return Text(f" {n:>4} [b]{'x' * width}[/b] [@click=app.quit]", no_wrap=True, end="")


async def thirty_rows(pilot: Pilot[None]) -> RowTable:
    table = pilot.app.query_one(RowTable)
    table.add_rows([row(n, 5) for n in range(30)])
    await pilot.pause()
    return table


def check(table: RowTable) -> None:
    """What the table draws is its header and the rows at its scroll position; the cursor is on a
    row and in view; the border says where it is."""
    lines = drawn(table).splitlines()
    scroll_x, scroll_y = table.scroll_offset
    width, height = table.scrollable_content_region.size
    assert lines[0][:width] == table.header.plain[scroll_x:scroll_x + width].ljust(width)
    for y in range(1, height):
        at = scroll_y + y - 1
        wanted = table.rows[at].plain[scroll_x:scroll_x + width] if at < table.row_count else ""
        assert lines[y][:width] == wanted.ljust(width), (y, at)
    if table.row_count:
        assert 0 <= table.cursor_row < table.row_count
        if height > 1:
            assert scroll_y <= table.cursor_row < scroll_y + height - 1  # under the header, not behind it
        assert lines[-1].endswith(f" {table.cursor_row + 1} of {table.row_count} ─")
    else:
        assert table.cursor_row == 0 and "of" not in lines[-1]


async def test_a_row_never_hides_under_the_header() -> None:
    app = Table()
    async with app.run_test(size=(40, 10)) as pilot:
        table = await thirty_rows(pilot)
        await pilot.press("down", "down", "down", "down", "down", "down", "down", "down", "down")
        await pilot.pause()
        assert table.cursor_row == 9 and table.scroll_offset.y == 2  # rows 2-9 under the header
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 29 and drawn(table).splitlines()[-2].startswith("   29 [b]")
        await pilot.press("home", "enter")
        await pilot.pause()
        assert table.scroll_offset.y == 0 and app.selected == [0]
        check(table)


async def test_a_click_moves_the_cursor_and_a_second_click_opens_the_row() -> None:
    app = Table()
    async with app.run_test(size=(40, 10)) as pilot:
        table = await thirty_rows(pilot)
        await pilot.click(RowTable, offset=(3, 4))  # the fourth row (line 0 is the header)
        await pilot.pause()
        assert table.cursor_row == 3 and app.highlighted == [3] and app.selected == []
        await pilot.click(RowTable, offset=(3, 4))
        await pilot.click(RowTable, offset=(3, 0))  # the header: nothing
        await pilot.pause()
        assert table.cursor_row == 3 and app.selected == [3]


async def test_a_changed_row_is_drawn_again_and_a_theme_redraws_every_row() -> None:
    app = Table()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RowTable)
        table.add_rows([row(n, 5) for n in range(3)])
        await pilot.pause()
        table.update_row(1, row(99, 2))
        await pilot.pause()
        assert drawn(table).splitlines()[2].startswith("   99 [b]xx[/b] ")
        before = table.render_line(3)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert table.render_line(3).text == before.text  # the same text
        assert list(table.render_line(3)) != list(before)  # in the new theme's colours


operations = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 25)),
    st.tuples(st.just("key"), st.sampled_from(["up", "down", "pageup", "pagedown", "home", "end", "left", "right",
                                               "enter"])),
    st.tuples(st.just("update"), st.integers(0, 80)),
    st.tuples(st.just("clear"), st.none()),
    st.tuples(st.just("click"), st.integers(0, 11)),
    st.tuples(st.just("size"), st.sampled_from([(40, 12), (80, 24), (24, 6), (60, 3)])),
), max_size=20)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_whatever_happens_the_screen_shows_the_rows_and_the_cursor_in_view(steps: list[tuple[str, object]]) -> None:
    async def run() -> None:
        app = Table()
        async with app.run_test(size=(40, 12)) as pilot:
            table = app.query_one(RowTable)
            made = 0
            for op, arg in steps:
                cursor, told, chosen = table.cursor_row, len(app.highlighted), len(app.selected)
                if op == "add":
                    assert isinstance(arg, int)
                    table.add_rows([row(made + n, (made + n) % 40) for n in range(arg)])
                    made += arg
                elif op == "key":
                    await pilot.press(str(arg))
                elif op == "update" and table.row_count:
                    assert isinstance(arg, int)
                    table.update_row(arg % table.row_count, row(1000 + arg, arg % 50))
                elif op == "clear":
                    table.clear()
                elif op == "click":
                    assert isinstance(arg, int)
                    await pilot.click(RowTable, offset=(1, min(arg, table.size.height - 1)))
                elif op == "size":
                    assert isinstance(arg, tuple)
                    await pilot.resize_terminal(*arg)
                await pilot.pause()
                check(table)
                moved = op in ("key", "click") and table.cursor_row != cursor
                assert app.highlighted[told:] == ([table.cursor_row] if moved else [])  # each move told once
                if op == "key" and arg == "enter":
                    assert app.selected[chosen:] == ([table.cursor_row] if table.row_count else [])

    asyncio.run(run())

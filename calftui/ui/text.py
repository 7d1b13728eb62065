"""The one way file text reaches the screen: a ``rich.text.Text`` of the visible characters.

Never markup (``Calf raise [bw]`` is shown as written, ``[@click=app.quit]`` is only words),
never a terminal control code (see :mod:`calftui.common.textsafe`).
"""

from __future__ import annotations

from rich.text import Text

from calftui.common import visible


def plain(text: str, style: str = "", *, one_line: bool = True) -> Text:
    """``text`` exactly as written, safe to show; ``one_line`` turns new lines into spaces."""
    return Text(visible(text, one_line=one_line), style=style)

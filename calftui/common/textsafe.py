"""Text from files, made safe to show in a terminal.

Anything a lifter or another program wrote (names, cues, notes, phase words, ids) is data. It
reaches the screen through :func:`visible`, which turns every control character (an escape
sequence would retitle the terminal or clear the screen) and every bidirectional override (it
would disguise what is shown) into a visible escape such as ``\\x1b``. Emoji joiners and other
harmless formatting characters stay. In the TUI the result always goes into a
``rich.text.Text``, never through markup.
"""

from __future__ import annotations

import unicodedata

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Marks and overrides that reorder the text around them."""


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = True) -> str:
    """``text`` with every control character and bidirectional override shown as an escape.

    With ``one_line`` (names, table cells) new lines and tabs become spaces too; without it
    (notes, messages of several lines) they stay.
    """
    if text.isprintable():  # the usual case, and cheap: nothing to do
        return text
    out = []
    for char in text:
        if char in "\n\t":
            out.append(" " if one_line else char)
        elif _hidden(char):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def control_character(text: str, *, lines: bool = False) -> str | None:
    """The first control character or bidirectional override in ``text``, shown as an escape
    (``\\x1b``); None when there is none. With ``lines``, new lines and tabs are allowed."""
    for char in text:
        if lines and char in "\n\t\r":
            continue
        if _hidden(char):
            return _escape(char)
    return None


def echo(text: str, *, err: bool = False) -> None:
    """Print a line of the command line's output: file text in it is shown, never obeyed."""
    import sys

    print(visible(text, one_line=False), file=sys.stderr if err else sys.stdout)

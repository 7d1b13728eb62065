"""The journal's sessions as calftui writes them, read several times faster than tomllib can.

A journal of years holds hundreds of thousands of ``key = value`` lines, almost all in the one
plain form calftui writes: a bare key, `` = ``, and a basic string, a number, a boolean, a date
and time, or a one-line array of numbers. :func:`plain_session` reads exactly that form and
nothing else. On anything outside it (a comment, a multi-line string, a dotted or quoted key, an
escape it does not know, a repeated key, odd spacing) it answers ``None`` and the caller asks
tomllib, so a hand-edited session reads exactly as before. The tests hold it to that: for any
block, whatever it answers is what tomllib answers.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

_PAIR = re.compile(r"^([A-Za-z0-9_-]+) = (.*)$", re.M)
_SETS = "\n[[session.sets]]\n"
_PLAIN_STRING = re.compile(r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"')
_ESCAPED_STRING = re.compile(r'"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[btnfr"\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"')
_ESCAPE = re.compile(r'\\(?:([btnfr"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_INT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)")
_SPECIAL_FLOATS = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf, "nan": math.nan, "+nan": math.nan,
                   "-nan": math.nan}
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}"
                       r"(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ITEM = r"[ \t]*(?:[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[+-]?inf|[+-]?nan)[ \t]*"
_NUMBERS = re.compile(rf"\[(?:{_ITEM}(?:,{_ITEM})*)?\]")
"""A one-line array of numbers (a set's tap times), checked whole in one go."""


class _Other(Exception):
    """Not the plain form: tomllib decides."""


def _unescape(match: re.Match[str]) -> str:
    simple, short, long = match.groups()
    if simple is not None:
        return _SIMPLE[simple]
    code = int(short or long, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Other  # tomllib refuses it: let it say so
    return chr(code)


def _number(text: str) -> int | float:
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    raise _Other


def _value(text: str) -> Any:
    first = text[:1]
    if first == '"':
        if _PLAIN_STRING.fullmatch(text):
            return text[1:-1]
        if _ESCAPED_STRING.fullmatch(text):
            return _ESCAPE.sub(_unescape, text[1:-1])
        raise _Other
    if first == "[":
        if not _NUMBERS.fullmatch(text):
            raise _Other
        inside = text[1:-1]
        if not inside.strip():
            return []
        items = inside.split(",")
        if all("." in item for item in items):  # the tap times calftui writes: floats, read at C speed
            return list(map(float, items))
        return [_number(item.strip()) for item in items]
    if text == "true":
        return True
    if text == "false":
        return False
    if _DATETIME.fullmatch(text):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise _Other from None
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _Other from None
    return _number(text)


_KNOWN: dict[str, Any] = {}
"""Values already read, by their text: a journal says ``kind = "reps"`` and ``failure = false``
a hundred thousand times, and looking each text up at C speed is most of the speed. Only values
that cannot change are kept (no arrays: every reader gets its own list)."""
_KNOWN_MOST = 200_000


def _table(text: str) -> dict[str, Any] | None:
    """The ``key = value`` lines of one table; None if anything else is there."""
    if _PAIR.sub("", text).strip(" \t\n"):  # a comment, a header, odd spacing: not the plain form
        return None
    pairs = _PAIR.findall(text)
    if not pairs:
        return {}
    keys, texts = zip(*pairs, strict=True)
    values = list(map(_KNOWN.get, texts))  # None where not known yet (None is no TOML value)
    i = -1
    while None in values:  # the few new ones (an id, a time, the taps), found at C speed
        i = values.index(None, i + 1)
        values[i] = value = _value(texts[i])
        if type(value) is not list:
            if len(_KNOWN) >= _KNOWN_MOST:
                _KNOWN.clear()
            _KNOWN[texts[i]] = value
    table = dict(zip(keys, values, strict=True))
    return table if len(table) == len(keys) else None  # a key given twice: tomllib says what is wrong


def plain_session(text: str) -> dict[str, Any] | None:
    """``tomllib.loads(text)`` for a ``[[session]]`` block in calftui's own plain form; None for
    anything else (then tomllib reads it)."""
    before, header, rest = text.partition("[[session]]\n")
    if not header or before.strip(" \t\n"):
        return None
    head, *parts = rest.split(_SETS)
    try:
        session = _table(head)
        sets = [_table(part) for part in parts]
    except _Other:
        return None
    if session is None or None in sets:
        return None
    if sets:
        if "sets" in session:
            return None
        session["sets"] = sets
    return {"session": [session]}

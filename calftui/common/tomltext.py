"""TOML as people write it: where each key is, where a file stops parsing, which key was meant.

:mod:`tomllib` gives values without lines; these helpers give the lines every error message
names, for workout files, config.toml, theme files and the journal alike.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any, NamedTuple


class NestedTooDeep(tomllib.TOMLDecodeError):
    """tomllib recurses into nested arrays and tables: a file nested thousands deep would end in a
    RecursionError, which is no way to tell a lifter what is wrong with their file."""

    def __init__(self) -> None:
        ValueError.__init__(self, "arrays or tables nested too deeply to read")


def parse_toml(text: str) -> dict[str, Any]:
    """:func:`tomllib.loads`, where nesting too deep is a syntax error like any other."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise NestedTooDeep() from None


class TomlError(NamedTuple):
    """What tomllib said, in lower case without its own "(at line …)", and where."""

    message: str
    line: int | None
    column: int | None


_AT = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)\s*$", re.S)
_END = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)\s*$", re.S)


def toml_error(exc: tomllib.TOMLDecodeError) -> TomlError:
    text = str(exc)
    line = column = None
    if match := _AT.match(text):
        text, line, column = match["msg"], int(match["line"]), int(match["col"])
    elif match := _END.match(text):
        text = match["msg"] + " at the end of the file"
    return TomlError(text[:1].lower() + text[1:], line, column)


def did_you_mean(key: str, known: tuple[str, ...] | list[str]) -> str:
    """The nearest known key (``did you mean "sets"?``), or every key there is."""
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return "expected one of " + ", ".join(known)


_ARRAY_HEADER = re.compile(r"^\[\[\s*(?P<name>[^\[\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*(?P<name>[^\[\]]+?)\s*\]")
_NAME = r"""(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')"""
_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'""")
_KEY = re.compile(rf"^(?P<key>{_NAME}(?:\s*\.\s*{_NAME})*)\s*=(?P<rest>.*)$")


def _dotted(name: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""", name)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def key_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Map key paths such as ``("exercise", 2, "tempo")`` to the line they are written on.

    A light scan of the text, good for hand-written files; it only has to find lines,
    :mod:`tomllib` has already said the file is valid.
    """
    lines: dict[tuple[Any, ...], int] = {}
    counters: dict[tuple[str, ...], int] = {}
    table: tuple[Any, ...] = ()
    closing: str | None = None
    array: tuple[tuple[Any, ...], int, int, int] | None = None

    def resolve(names: list[str]) -> tuple[Any, ...]:
        path: list[Any] = []
        for i in range(len(names)):
            path.append(names[i])
            index = counters.get(tuple(names[: i + 1]))
            if index is not None:
                path.append(index)
        return tuple(path)

    for number, raw in enumerate(text.splitlines(), 1):
        if closing is not None:
            if closing in raw:
                closing = None
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := _ARRAY_HEADER.match(line):
            names = _dotted(match["name"])
            key = tuple(names)
            counters[key] = counters.get(key, -1) + 1
            for other in list(counters):  # nested arrays restart under a new parent
                if len(other) > len(key) and other[: len(key)] == key:
                    del counters[other]
            table = resolve(names)
            lines.setdefault(table[:-1], number)
            lines[table] = number
        elif match := _TABLE_HEADER.match(line):
            table = resolve(_dotted(match["name"]))
            lines[table] = number
        elif array is not None:  # a line of an array written over several lines
            array = _array_line(line, array, number, lines)
        elif match := _KEY.match(line):
            path = table + tuple(_dotted(match["key"]))
            for i in range(len(table) + 1, len(path) + 1):
                lines.setdefault(path[:i], number)
            rest = match["rest"]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    closing = quote
                    break
            else:
                if rest.lstrip().startswith("["):  # an array: its inline tables each on their line
                    array = _array_line(rest.lstrip()[1:], (path, -1, 1, 0), number, lines)
    return lines


def _array_line(line: str, array: tuple[tuple[Any, ...], int, int, int], number: int,
                lines: dict[tuple[Any, ...], int]) -> tuple[tuple[Any, ...], int, int, int] | None:
    """One line inside ``path = [ ... ]``: each inline table in it is the next element, with its keys
    on this line. Returns the array still open (path, last element, bracket and brace depth), or None."""
    path, index, brackets, braces = array
    bare = _STRING.sub('""', line).split("#", 1)[0]  # (strings emptied first: a "#" or "{" in one is text)
    for piece in re.finditer(r"[][{}]|(?P<key>[A-Za-z0-9_\-]+)\s*=", bare):
        text = piece.group(0)
        if text == "[":
            brackets += 1
        elif text == "]":
            brackets -= 1
            if brackets == 0:
                return None
        elif text == "{":
            if brackets == 1 and braces == 0:
                index += 1
                lines[(*path, index)] = number
            braces += 1
        elif text == "}":
            braces -= 1
        elif piece["key"] and brackets == 1 and braces == 1:
            lines.setdefault((*path, index, piece["key"]), number)
    return path, index, brackets, braces

"""Theme files: one TOML file per theme, shipped in ``themes/`` or kept in the user's ``themes/``.

Plain Python: reading and checking the files. The Textual side turns them into ``Theme`` objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calftui import paths
from calftui.common.fsutil import read_text
from calftui.common.tomltext import did_you_mean, key_lines, parse_toml, toml_error

DEFAULT = "dark"


def files() -> dict[str, Path]:
    """Theme file stem -> path; a user theme replaces a shipped one of the same stem."""
    found: dict[str, Path] = {}
    for folder in (paths.builtin_themes_dir(), paths.user_themes_dir()):
        try:
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = path
        except OSError:
            continue
    return found


def names() -> list[str]:
    return sorted(files())


def stem_of(name: str) -> str:
    """The theme's name as calftui uses it everywhere: its file name (``calftui-dark`` of earlier
    releases is ``dark``)."""
    return name.removeprefix("calftui-") if name.startswith("calftui-") and name[8:] in files() else name


def find(name: str) -> Path | None:
    """By stem (``dark``) or by full name (``calftui-dark``)."""
    known = files()
    if name in known:
        return known[name]
    if name.startswith("calftui-") and name[len("calftui-") :] in known:
        return known[name[len("calftui-") :]]
    return None


COLOURS = ("primary", "secondary", "accent", "background", "surface", "panel", "foreground",
           "warning", "error", "success", "boost")
REQUIRED = ("primary",)
MEANINGFUL = {
    "working": "#4CD97B", "resting": "#4EA8DE", "paused": "#FFB347", "failure": "#FF5C5C",
    "phase-down": "#7B8CDE", "phase-bottom": "#FF8C42", "phase-up": "#4CD97B", "phase-top": "#E6C84E",
}
"""The colours that mean something in a session, and their values when a theme leaves them out."""


class ThemeError(Exception):
    """A theme file that cannot be used: one line naming the file, line and key."""


HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
STYLE_WORDS = frozenset({"none", "not", "bold", "b", "dim", "d", "italic", "i", "underline", "u", "underline2", "uu",
                         "blink", "blink2", "reverse", "r", "strike", "s", "overline", "o", "conceal"})


def is_hex_colour(value: str) -> bool:
    return bool(HEX.match(value))


def parse(path: Path, colour: Callable[[str], bool] = is_hex_colour) -> dict[str, Any]:
    """Read and check one theme file; returns the keyword arguments for a Textual ``Theme``.

    ``colour`` says whether a value is a colour: the TUI passes Textual's own parser, so every
    colour a theme gives (``[variables]`` too) is checked before it can reach a stylesheet.
    Variables whose names say ``style`` take text styles (``"bold"``, ``"not underline"``).
    """
    import tomllib

    try:
        text = read_text(path, 1_000_000)
        data = parse_toml(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); expected a UTF-8 "
                         "TOML theme") from None
    except tomllib.TOMLDecodeError as exc:
        where = toml_error(exc)
        line = f":{where.line}" if where.line is not None else ""
        raise ThemeError(f"{path}{line}: TOML: {where.message}; "
                         'expected valid TOML such as primary = "#4EA8DE"') from None

    def fail(key: tuple[str, ...], message: str) -> ThemeError:
        line = key_lines(text).get(key)  # only for the message
        where = f"{path}:{line}" if line else str(path)
        return ThemeError(f"{where}: {'.'.join(key)}: {message}")

    allowed = set(COLOURS) | {"name", "dark", "variables"}
    for key in data:
        if key not in allowed:
            raise fail((key,), f"unknown key; {did_you_mean(key, sorted(allowed))}")
    for key in REQUIRED:
        if key not in data:
            raise fail((key,), f'is missing; expected a colour such as {key} = "#4EA8DE"')
    out: dict[str, Any] = {"name": data.get("name", f"calftui-{path.stem}")}
    if not isinstance(out["name"], str) or not out["name"].strip():
        raise fail(("name",), 'is not a name; expected text such as name = "my-theme"')
    if "dark" in data and not isinstance(data["dark"], bool):
        raise fail(("dark",), "is not true or false; expected dark = true or dark = false")
    out["dark"] = data.get("dark", True)
    for key in COLOURS:
        if key in data:
            if not isinstance(data[key], str) or not colour(data[key]):
                raise fail((key,), f'{data[key]!r} is not a colour; expected "#RRGGBB" such as "#4EA8DE"')
            out[key] = data[key]
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise fail(("variables",), "is not a table; expected [variables] with working = \"#4CD97B\" and so on")
    for key, value in variables.items():
        if not isinstance(value, str) or not value.strip():
            raise fail(("variables", key), 'is not a value; expected a colour such as "#4CD97B"')
        if "style" in key:
            if not set(value.split()) <= STYLE_WORDS:
                raise fail(("variables", key), f'{value!r} is not a text style; expected words such as "bold" or '
                                               '"not underline"')
        elif not colour(value):
            raise fail(("variables", key), f'{value!r} is not a colour; expected "#RRGGBB" such as "#4CD97B"')
    out["variables"] = {**MEANINGFUL, **variables}
    return out

"""Theme files: one TOML file per theme, shipped in ``themes/`` or kept in the user's ``themes/``.

Plain Python: reading and checking the files. The Textual side turns them into ``Theme`` objects.
"""

from __future__ import annotations

from pathlib import Path

from calftui import paths

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


def find(name: str) -> Path | None:
    """By stem (``dark``) or by full name (``calftui-dark``)."""
    known = files()
    if name in known:
        return known[name]
    if name.startswith("calftui-") and name[len("calftui-") :] in known:
        return known[name[len("calftui-") :]]
    return None

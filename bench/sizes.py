"""The largest classes and modules in calftui, in lines: what tests/unit/test_architecture.py holds
under its limit (a class of more than 450 lines fails it), printed by CI so that growth shows.

    python bench/sizes.py           # the ten largest of each
    python bench/sizes.py --top 25
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "calftui"


def classes(root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(lines, ``path:line Class``) for every class (nested ones too), largest first."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                found.append((lines, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"))
    return sorted(found, key=lambda item: (-item[0], item[1]))


def modules(root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(lines, path) for every module, largest first."""
    found = [(len(path.read_text(encoding="utf-8").splitlines()), str(path.relative_to(ROOT)))
             for path in root.rglob("*.py")]
    return sorted(found, key=lambda item: (-item[0], item[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="how many of each to print (default 10)")
    top = parser.parse_args().top
    for title, rows in (("largest classes", classes()), ("largest modules", modules())):
        print(f"{title} (lines):")
        for lines, name in rows[:top]:
            print(f"  {lines:5d}  {name}")


if __name__ == "__main__":
    main()

"""The shape of the house, held: classes small enough to read, packages entered through their face,
and faces that name only what is there. (bench/sizes.py prints the largest classes and modules.)"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import calftui

ROOT = Path(calftui.__file__).resolve().parent
MOST_LINES = 450
"""A class longer than this does more than one job: split it."""
KNOWN_LARGE: set[str] = set()  # (a class over the limit while it is being split; none now)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}
PACKAGES = sorted(name for name, path in MODULES.items() if path.name == "__init__.py")
FACELESS: set[str] = set()  # (every top-level package has a face; its inner folders are its own business)


def exported(package: str) -> list[str]:
    """The names a package's face gives (its ``__all__``); none for a package without a face."""
    return list(getattr(importlib.import_module(package), "__all__", []))


FACES = [package for package in PACKAGES if exported(package)]
"""Packages with a face: modules outside one import the package itself, never a module in it."""


def trees() -> list[tuple[str, Path, ast.Module]]:
    return [(name, path, ast.parse(path.read_text(encoding="utf-8"), str(path))) for name, path in MODULES.items()]


# --- (a) no class over the limit -------------------------------------------------------------

def large_classes() -> dict[str, int]:
    found = {}
    for _, path, tree in trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MOST_LINES:
                    found[f"{path.relative_to(ROOT.parent)} {node.name}"] = lines
    return found


def test_no_class_is_longer_than_the_limit() -> None:
    offenders = {name: lines for name, lines in large_classes().items() if name not in KNOWN_LARGE}
    assert not offenders, f"classes over {MOST_LINES} lines (split them): " + ", ".join(
        f"{name} ({lines} lines)" for name, lines in sorted(offenders.items()))


def test_a_known_exception_is_still_one() -> None:
    """An exception that got split must leave the list, so the limit holds it from then on."""
    assert set(KNOWN_LARGE) <= set(large_classes()), "under the limit now: remove from KNOWN_LARGE: " + ", ".join(
        sorted(set(KNOWN_LARGE) - set(large_classes())))


# --- (b) other packages come in through the face ----------------------------------------------

def imported(name: str, tree: ast.Module) -> list[tuple[int, str]]:
    """Every calftui module ``name`` imports (at any depth, type-checking imports too), with its line.
    ``from calftui.live import checkpoint`` imports the module ``calftui.live.checkpoint``."""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names
                      if f"{base}.{alias.name}" in MODULES and alias.name not in exported(base)]
    return [(line, target) for line, target in found if target.split(".")[0] == "calftui"]


def through_the_face(importer: str, target: str) -> bool:
    """A module outside a package with a face may import the package, never a module inside it."""
    parts = target.split(".")
    for depth in range(2, len(parts)):  # every package on the way to the target, calftui itself aside
        package = ".".join(parts[:depth])
        outside = importer != package and not importer.startswith(package + ".")
        if package in FACES and outside:
            return False
    return True


def test_other_packages_import_only_a_package_s_face() -> None:
    wrong = [f"{path.relative_to(ROOT.parent)}:{line} imports {target} (import {target.rpartition('.')[0]})"
             for name, path, tree in trees() for line, target in imported(name, tree)
             if not through_the_face(name, target)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("importer", "target", "allowed"), [
    ("calftui.live.session", "calftui.journal", True),
    ("calftui.live.session", "calftui.journal.store", False),
    ("calftui.live.session", "calftui.live.checkpoint", True),  # its own package
    ("calftui.live.checkpoint", "calftui.live.engine", True),
    ("calftui.live.checkpoint", "calftui.live.engine.machine", False),  # a package inside a package has a face too
    ("calftui.live.engine.view", "calftui.live.engine.transitions", True),
    ("calftui.ui.app", "calftui.ui.screens.session", True),  # a folder without a face
    ("calftui.cli", "calftui.ui.app", False),  # the shell has a face too
    ("calftui.cli", "calftui.ui", True),
])
def test_the_face_rule_itself(importer: str, target: str, allowed: bool) -> None:
    assert through_the_face(importer, target) is allowed


def test_a_from_import_of_a_module_is_seen() -> None:
    """``from calftui.insights import plan`` takes the module, not a name of the face (no face name is
    also a module's: tests/unit/test_faces.py)."""
    tree = ast.parse("from calftui.live import checkpoint\nfrom . import engine\nimport calftui.paths\n"
                     "from calftui.workouts import slug, starter\nfrom calftui.insights import plan\n")
    assert imported("calftui.live.session", tree) == [
        (1, "calftui.live"), (1, "calftui.live.checkpoint"), (2, "calftui.live"), (2, "calftui.live.engine"),
        (3, "calftui.paths"), (4, "calftui.workouts"), (4, "calftui.workouts.starter"), (5, "calftui.insights"),
        (5, "calftui.insights.plan")]


def test_the_faces_are_found() -> None:
    assert {"calftui.common", "calftui.journal", "calftui.live", "calftui.live.engine"} <= set(FACES)
    assert "calftui.ui" in FACES and "calftui.ui.screens" not in FACES


# --- (c) a face names only what is there --------------------------------------------------------

@pytest.mark.parametrize("package", PACKAGES)
def test_every_name_a_package_exports_exists(package: str) -> None:
    module = importlib.import_module(package)
    names = getattr(module, "__all__", [])
    assert len(names) == len(set(names)), f"{package}.__all__ names something twice"
    missing = [name for name in names if not hasattr(module, name)]
    assert not missing, f"{package}.__all__ names what it does not have: {', '.join(missing)}"


def test_every_top_level_package_has_a_face() -> None:
    faceless = [p for p in PACKAGES if p.count(".") == 1 and p not in FACELESS and p not in FACES]
    assert not faceless, f"packages without __all__ (their public face): {faceless}"

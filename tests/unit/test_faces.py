"""Each package's face (its ``__init__``): what other packages may import, loaded only when asked for.

The face lists its names three times for three readers (the type checker's imports, the map the
run time loads from, ``__all__``); these tests keep the three one list, and keep a face from
costing anything until a name is used."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import calftui

PACKAGES = ("common", "workouts", "journal", "insights", "live", "exchange", "ui")
ROOT = Path(calftui.__file__).parent


def face_of(package: str) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(name -> module.name as the type checker imports it, name -> module.name as loaded, __all__)."""
    tree = ast.parse((ROOT / package / "__init__.py").read_text())
    typed: dict[str, str] = {}
    loaded: dict[str, str] = {}
    listed: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If):  # if TYPE_CHECKING:
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                for alias in imp.names:
                    typed[alias.asname or alias.name] = f"{imp.module.rsplit('.', 1)[1]}.{alias.name}"
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):  # lazy_face(__name__, {...})
            mapping = node.value.args[1]
            assert isinstance(mapping, ast.Dict)
            for key, value in zip(mapping.keys, mapping.values, strict=True):
                assert isinstance(key, ast.Constant) and isinstance(value, ast.Constant)
                where = str(value.value)
                loaded[str(key.value)] = where if "." in where else f"{where}.{key.value}"
        elif isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            listed = [str(item.value) for item in node.value.elts]  # type: ignore[attr-defined]
    return typed, loaded, listed


@pytest.mark.parametrize("package", PACKAGES)
def test_a_face_is_one_list(package: str) -> None:
    typed, loaded, listed = face_of(package)
    assert typed, f"calftui.{package} offers nothing"
    assert typed == loaded, f"calftui.{package}: the type checker's imports and the run time's map differ"
    assert sorted(listed) == sorted(loaded), f"calftui.{package}: __all__ is not the face"


@pytest.mark.parametrize("package", PACKAGES)
def test_every_name_of_a_face_is_the_object_its_module_defines(package: str) -> None:
    face = importlib.import_module(f"calftui.{package}")
    _, loaded, _ = face_of(package)
    for name, where in loaded.items():
        module, inside = where.split(".")
        assert getattr(face, name) is getattr(importlib.import_module(f"calftui.{package}.{module}"), inside), name


@pytest.mark.parametrize("package", PACKAGES)
def test_no_face_name_is_also_a_module_of_its_package(package: str) -> None:
    # Importing a module sets the package's attribute of that name: a face name shared with a
    # module would be the module or the name depending on what was imported first.
    modules = {m.name for m in pkgutil.iter_modules([str(ROOT / package)])}
    _, loaded, _ = face_of(package)
    assert not modules & set(loaded)

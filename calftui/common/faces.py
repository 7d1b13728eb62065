"""A package's face, loaded lazily: ``from calftui.live import Session`` imports ``calftui.live.session``
and nothing else of the package (PEP 562). The first screen pays only for what it uses."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_face(package: str, face: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose ``face`` maps each public name to
    where it lives: ``"module"`` (the same name there) or ``"module.name"``."""

    def __getattr__(name: str) -> Any:
        where = face.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, inside = where.partition(".")
        value = getattr(importlib.import_module(f"{package}.{module}"), inside or name)
        setattr(sys.modules[package], name, value)  # (asked once: the next time is a plain attribute)
        return value

    def __dir__() -> list[str]:
        return sorted(face)

    return __getattr__, __dir__

"""Data calftui wrote and reads back (checkpoints), checked field by field before it is trusted.

A checkpoint is JSON on disk; a hand edit, a bit flip or another program could put anything in
it. :func:`fields_of` takes exactly the fields a dataclass declares, each of its declared type,
so nothing wrong gets as far as a sum or a screen.
"""

from __future__ import annotations

import math
from dataclasses import MISSING, fields
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints


def fields_of(kind: type[Any], data: object) -> dict[str, Any]:
    """The fields of dataclass ``kind`` from ``data``, each of its declared type (finite numbers,
    no bool for a number), or ValueError naming the first that is not. Unknown keys are left out."""
    if not isinstance(data, dict):
        raise ValueError(f"{kind.__name__.strip('_').lower()} is not a table")
    hints = get_type_hints(kind)
    out: dict[str, Any] = {}
    for spec in fields(kind):
        if spec.name not in data:
            if spec.default is MISSING and spec.default_factory is MISSING:
                raise ValueError(f"{spec.name} is missing")
            continue
        value = data[spec.name]
        if not conforms(value, hints[spec.name]):
            raise ValueError(f"{spec.name} = {value!r:.40} is not what it should be")
        out[spec.name] = value
    return out


def conforms(value: object, hint: Any) -> bool:
    """Whether ``value`` (as JSON gives it) is of type ``hint``."""
    if hint is Any:
        return True
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        return any(conforms(value, a) for a in args)
    if origin is Literal:
        return value in args
    if origin is list:
        return isinstance(value, list) and all(conforms(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(conforms(k, args[0]) and conforms(v, args[1])
                                               for k, v in value.items())
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return False

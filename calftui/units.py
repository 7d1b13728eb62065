"""Loads in kilograms and pounds: the one place that knows how they relate."""

from __future__ import annotations

LB_PER_KG = 2.20462262
UNITS = ("kg", "lb")


def default_step(unit: str | None) -> float:
    """What ] and [ change a load by, and what suggestions round to: 2.5 kg or 5 lb."""
    return 5.0 if unit == "lb" else 2.5


def to_kg(weight: float, unit: str | None) -> float:
    """A load in kilograms, whatever unit it was written in (no unit means kilograms)."""
    return weight / LB_PER_KG if unit == "lb" else weight


def convert(weight: float, unit: str | None, to: str) -> float:
    """A load written in ``unit`` (no unit means kilograms), as a load in ``to``."""
    kilograms = to_kg(weight, unit)
    return kilograms * LB_PER_KG if to == "lb" else kilograms

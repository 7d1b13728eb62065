"""Loads in kilograms and pounds: the one place that knows how they relate."""

from __future__ import annotations

from typing import NamedTuple

# The bounds of reason for what a session holds: beyond them a number is damage or a typing slip
# (one place, for the journal's reader, the engine's edits and the loader alike).

MOST_REPS = 100_000
HEAVIEST = 10_000.0
"""A load, in either unit."""
LONGEST_S = 10 * 366 * 24 * 3600.0
"""No set, rest or tap is longer than ten years (a gym laptop left on between two sets for months
is real; more is damage, and would overflow sums)."""


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


def in_unit(weight: float, written: str | None, unit: str) -> float:
    """A load as the lifter sees it: as written when it is in their unit, else converted to a tenth.
    The one rule every screen and command uses, so the same load is the same number everywhere."""
    if (written or "kg") == unit:
        return weight
    return round(convert(weight, written, unit), 1)


def load_text(weight: float, written: str | None, unit: str) -> str:
    """``22.5 kg``, ``50 lb``: a load in the lifter's unit (see :func:`in_unit`)."""
    return f"{in_unit(weight, written, unit):g} {unit}"


class Load(NamedTuple):
    """A load as it was written: its number and its unit (none means kilograms)."""

    weight: float
    unit: str | None

    @property
    def kg(self) -> float:
        return to_kg(self.weight, self.unit)

    def text(self, unit: str) -> str:
        """In the lifter's ``unit`` (see :func:`load_text`)."""
        return load_text(self.weight, self.unit, unit)

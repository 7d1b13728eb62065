"""Settings: what the lifter can change, with the defaults calftui uses without a config file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Settings:
    unit: str = "kg"
    """``kg`` or ``lb``: the unit every load is shown and written in."""
    sound: bool = True
    """Bell at 3, 2, 1 and zero of every countdown."""
    speech: bool = True
    """Spoken cues where the machine can speak."""
    bell_on_phase: bool = False
    """A bell at every tempo phase change too."""
    rest_step: float = 15.0
    """Seconds that + and - add to or take off a running rest."""
    load_step: float | None = None
    """What ] and [ change the load by; default 2.5 kg or 5 lb."""
    theme: str = "dark"

    @property
    def step(self) -> float:
        if self.load_step is not None:
            return self.load_step
        return 5.0 if self.unit == "lb" else 2.5

"""calftui: a terminal workout timer for calf training."""

__version__ = "0.1.0"

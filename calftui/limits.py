"""The bounds of reason for what a session holds: beyond them a number is damage or a typing slip.

One place, for the journal's reader, the engine's edits and the loader alike.
"""

MOST_REPS = 100_000
HEAVIEST = 10_000.0
"""A load, in either unit."""
LONGEST_S = 10 * 366 * 24 * 3600.0
"""No set, rest or tap is longer than ten years (a gym laptop left on between two sets for months
is real; more is damage, and would overflow sums)."""

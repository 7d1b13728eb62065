"""The commented starter workout that ``calftui new NAME`` writes."""

from __future__ import annotations

import re
import unicodedata

import tomli_w

TEMPLATE = """\
#:schema ./{schema}
# {title}: a calftui workout. Edit it freely:
#   calftui check {file}
# says exactly what is wrong (file, line, key) if something is.
# Lines starting with # are notes.

name = {name}
description = "What this workout is for."    # optional
tags = ["calves"]                            # optional
schedule = "2-3 times a week"                # optional, free text
source = ""                                  # optional: where it comes from

# Every [[exercise]] is done in order. The kind is inferred:
#   target = N     a target exercise: N reps over mini-sets, rest-pause between
#   duration = ... a timed exercise: a hold or timed work
#   otherwise      a reps exercise
# or set it yourself with kind = "reps", "target" or "timed".
# Durations: 90, "90s", "1m30s", "2 minutes", "1:30".

[[exercise]]
name = "Standing calf raise, ramp-up"
sets = 2              # sets (rounds for a timed exercise); default 1
reps = "10-12"        # 12, a range "12-15", or "amrap" (as many as possible)
rest = "60s"          # rest after each set; default 60s (10s when timed)
rest_after = "90s"    # rest before the next exercise; default: as rest
warmup = true         # ramp-up sets: logged, never counted for records
load = "light"        # free text about the load, shown during the set
cues = ["Knees straight", "Full range"]   # form cues shown during the set

[[exercise]]
name = "Standing calf raise"
sets = 3
reps = "12-15"
weight = 20           # starting load in your unit; [ and ] change it
tempo = "2-1-1-0"     # seconds down-bottom-up-top; X = explosive; 0 skips
starts = "up"         # "up": rise first (a calf raise); "down": lower first
notes = "Longer notes for yourself."

[exercise.say]        # optional words for each tempo phase
bottom = "Pause at the bottom"

# A superset: exercises next to each other with the same group are done in
# rounds, one set of each in turn. transition is the pause before the next
# one (default none); the rest of the round's last one follows each round.
# [[exercise]]
# name = "Seated calf raise"
# group = "A"
# sets = 3
# reps = 15
# transition = "15s"
#
# [[exercise]]
# name = "Tibialis raise"
# group = "A"
# sets = 3
# reps = 20
# rest = "90s"          # after each round

# A death set: 100 reps in as many mini-sets as it takes, 10 s rest at
# every failure. It cannot be part of a group.
# [[exercise]]
# name = "Calf raise death set"
# target = 100
# rest_pause = "10s"    # countdown after each failure; default 10s

[[exercise]]
name = "Standing calf stretch"
duration = "30s"      # each hold, at most 1 hour; "max": as long as you can
per_side = true       # every set left, then right
rest = "10s"
"""


STEM_BYTES = 120
"""A file stem this long in UTF-8 leaves room in the 255 bytes every file system allows a name."""
RESERVED = {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))}
"""Names Windows keeps for devices, whatever follows the dot."""


def slug(name: str) -> str:
    """A file stem that works on every system, from a workout's name as people write it: its
    letters and digits in any script, lower case, words joined by ``-`` (``"My calf day!"`` ->
    ``"my-calf-day"``, ``"ÄÖÜ 日本"`` -> ``"äöü-日本"``); a name of symbols alone is named by what
    they are (``"🏋️"`` -> ``"weight-lifter"``). Empty when the name has neither."""
    text = unicodedata.normalize("NFC", name).lower()
    words = _words(text)
    if not any(_kind(c) in "LN" for c in words):
        words = " ".join(unicodedata.name(c, "").casefold() for c in text if unicodedata.category(c) in _SYMBOLS)
        words = _words(words)
    stem = re.sub(r"-+", "-", words.strip().replace(" ", "-"))
    while len(stem.encode("utf-8")) > STEM_BYTES:
        stem = stem[:-1]
    stem = stem.strip("-")
    while stem and _kind(stem[0]) == "M":  # (a mark cut from its letter)
        stem = stem[1:]
    if stem in RESERVED:
        stem += "-workout"
    return stem


_SYMBOLS = ("So", "Sm", "Sc")
"""Symbols with a meaning of their own (not the modifiers that colour an emoji)."""


def _kind(char: str) -> str:
    return unicodedata.category(char)[0]


def _words(text: str) -> str:
    """Letters, digits and the marks on them, every other run of characters one space."""
    out: list[str] = []
    for char in text:
        keep = _kind(char) in "LN" or (_kind(char) == "M" and out and out[-1] != " ")
        out.append(char if keep else " ")
    return re.sub(" +", " ", "".join(out)).strip()


def starter(name: str) -> str:
    quoted = tomli_w.dumps({"name": name}).split("=", 1)[1].strip()
    from calftui.workouts.schema import FILE_NAME

    return TEMPLATE.format(title=name, name=quoted, file=slug(name) + ".toml", schema=FILE_NAME)

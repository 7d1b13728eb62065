"""The JSON Schema (draft 2020-12) of workout files, for editors: taplo and Even Better TOML
complete keys and flag mistakes as they are typed (``#:schema`` on a file's first line).

It is built from the loader's own tables (:mod:`calftui.workouts.loader`: which keys exist, which
kinds each belongs to, the bounds of every number), so the two cannot drift apart. The loader
still goes further (a range that runs backwards, a group label that comes back, a duration over
an hour written as text): ``calftui check`` is the last word.
"""

from __future__ import annotations

import json
from typing import Any

from calftui.common import UNIT_WORDS
from calftui.workouts.loader import (
    EXERCISE_KEYS,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SETS,
    MAX_TARGET,
    MAX_WEIGHT,
    MULTI_LINE,
    TOP_KEYS,
)
from calftui.workouts.model import COUNTS, KINDS
from calftui.workouts.tempo import MAX_PHASE_S, PHASES

SCHEMA_ID = "urn:calftui:workout-file"
FILE_NAME = "calftui-workout.schema.json"
"""What ``calftui new`` writes next to the starter, for its ``#:schema`` line."""


def _any_case(word: str) -> str:
    """``min`` -> ``[mM][iI][nN]``: editors' regex engines have no case-insensitive flag in a pattern."""
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in word)


_NUMBER = r"\d+(\.\d+)?"
_DURATION_TEXT = ("^(" + r"\s*" + _NUMBER + r"\s*$|" + r"\s*\d+:[0-5]\d\s*$|"
                  + "".join(rf"\s*({_NUMBER}\s*({'|'.join(_any_case(w) for w in words)}))?" for words in UNIT_WORDS)
                  + r"\s*$)")
ONE_LINE = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
SEVERAL_LINES = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
TEMPO_PART = r"\s*(\d+(\.\d+)?|[xX])\s*"

HELP = {
    "name": "Shown in the picker and on every screen, and written to the journal.",
    "description": "What this workout is for.",
    "tags": "Words to find it by in the picker.",
    "schedule": "How often, in words: \"2-3 times a week\".",
    "source": "Where the routine comes from.",
    "exercise": "The exercises, done in order.",
    "kind": "reps, target or timed; inferred when left out: target means target, duration means timed.",
    "sets": "Number of sets (rounds for a timed exercise).",
    "reps": "Per-set goal: 12, \"12-15\" or \"amrap\" (as many as possible).",
    "target": "Total reps to accumulate over any number of mini-sets (a death set).",
    "rest_pause": "The countdown after each failure in a target exercise.",
    "duration": "Length of each hold (at most an hour), or \"max\": as long as you can.",
    "per_side": "Each set is done for the left side, then the right.",
    "rest": "Rest after each set (after each round in a group).",
    "rest_after": "Rest before the next exercise.",
    "tempo": "Seconds down-bottom-up-top, X = explosive: \"3-1-1-0\"; or the phases by name: "
             "{ down = 3, bottom = 0, up = 2, top = 1 } (a phase left out is 0 s).",
    "count": "\"taps\": tap each rep; \"tempo\": every completed tempo cycle counts a rep by itself.",
    "starts": "\"up\" (rise first, as in a calf raise) or \"down\".",
    "say": "Words for each tempo phase: down, bottom, up, top.",
    "load": "Free text about the load, shown during the set.",
    "weight": "The starting load, in your unit (kg or lb).",
    "warmup": "Ramp-up sets: logged, never counted for records.",
    "cues": "Form cues shown during the set.",
    "notes": "Longer free text.",
    "group": "A superset or circuit label shared by exercises next to each other.",
    "transition": "In a group: the pause before the group's next member.",
}


def _text(key: str) -> dict[str, Any]:
    return {"type": "string", "pattern": SEVERAL_LINES if key in MULTI_LINE else ONE_LINE}


def _some_text(key: str) -> dict[str, Any]:
    return {"allOf": [_text(key), {"pattern": r"\S"}]}


def _duration() -> dict[str, Any]:
    return {"oneOf": [{"type": "number", "minimum": 0, "maximum": MAX_SECONDS},
                      {"type": "string", "allOf": [{"pattern": _DURATION_TEXT}, {"pattern": r"\d"}]}]}


def _value(key: str) -> dict[str, Any]:
    """What a key's value may be, as far as a schema can say."""
    if key in ("name", "group"):
        return _some_text(key)
    if key in ("description", "schedule", "source", "load", "notes"):
        return _text(key)
    if key in ("tags", "cues"):
        return {"type": "array", "items": _text(key)}
    if key == "kind":
        return {"enum": list(KINDS)}
    if key == "sets":
        return {"type": "integer", "minimum": 1, "maximum": MAX_SETS}
    if key == "target":
        return {"type": "integer", "minimum": 1, "maximum": MAX_TARGET}
    if key == "reps":
        return {"oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_REPS},
                          {"type": "string", "pattern": r"^\s*\d+\s*(-\s*\d+\s*)?$"},
                          {"type": "string", "pattern": "^\\s*" + _any_case("amrap") + "\\s*$"}]}
    if key in ("rest", "rest_after", "rest_pause", "transition"):
        return {"$ref": "#/$defs/duration"}
    if key == "duration":
        return {"oneOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": MAX_SECONDS},
                          {"type": "string", "allOf": [{"pattern": _DURATION_TEXT}, {"pattern": r"[1-9]"}]},
                          {"type": "string", "pattern": "^\\s*" + _any_case("max") + "\\s*$"}]}
    if key == "tempo":
        phase = {"oneOf": [{"type": "number", "minimum": 0, "maximum": MAX_PHASE_S},
                           {"type": "string", "pattern": r"^\s*[xX]\s*$"}]}
        return {"oneOf": [{"type": "string", "pattern": "^" + "-".join([TEMPO_PART] * 4) + "$"},
                          {"type": "object", "properties": {p: phase for p in PHASES}, "additionalProperties": False,
                           "minProperties": 1}]}
    if key == "count":
        return {"enum": list(COUNTS)}
    if key == "starts":
        return {"enum": ["up", "down"]}
    if key == "say":
        return {"type": "object", "properties": {p: _some_text("say") for p in PHASES}, "additionalProperties": False}
    if key == "weight":
        return {"type": "number", "minimum": 0, "maximum": MAX_WEIGHT}
    if key in ("per_side", "warmup"):
        return {"type": "boolean"}
    raise KeyError(key)


def _is(kind: str) -> dict[str, Any]:
    """The loader's rule for an exercise's kind (``loader.infer_kind``): ``kind`` when given, else
    target by ``target``, timed by ``duration``, otherwise reps."""
    declared = {"required": ["kind"], "properties": {"kind": {"const": kind}}}
    inferred: dict[str, Any] = {"not": {"anyOf": [{"required": [k]} for k in ("kind", "target", "duration")]}}
    if kind == "target":
        inferred = {"not": {"required": ["kind"]}, "required": ["target"]}
    elif kind == "timed":
        inferred = {"not": {"anyOf": [{"required": ["kind"]}, {"required": ["target"]}]}, "required": ["duration"]}
    return {"anyOf": [declared, inferred]}


REQUIRED = {"reps": "reps", "target": "target", "timed": "duration"}


def schema() -> dict[str, Any]:
    exercise_keys = list(EXERCISE_KEYS)
    exercise: dict[str, Any] = {
        "type": "object",
        "required": ["name"],
        "properties": {key: {**_value(key), "description": HELP[key]} for key in exercise_keys},
        "additionalProperties": False,
        "allOf": [
            *({"if": _is(kind), "then": {
                "required": [REQUIRED[kind]],
                "properties": {key: False for key in exercise_keys if kind not in EXERCISE_KEYS[key]},
            }} for kind in KINDS),
            {"if": {"not": {"required": ["group"]}}, "then": {"properties": {"transition": False}}},
        ],
    }
    top = {key: {**_value(key), "description": HELP[key]} for key in TOP_KEYS if key != "exercise"}
    top["exercise"] = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/exercise"},
                       "description": HELP["exercise"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "calftui workout file",
        "description": "A calftui workout: a name and its [[exercise]] tables. `calftui check FILE` has the last "
                       "word.",
        "type": "object",
        "required": ["name", "exercise"],
        "properties": top,
        "additionalProperties": False,
        "$defs": {"exercise": exercise, "duration": _duration()},
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"

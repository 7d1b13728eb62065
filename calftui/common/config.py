"""Settings: ``config.toml`` in the config folder, validated like a workout file.

calftui writes the file only when the lifter changes a setting in the app, and then edits only
that one key's line (or adds it), so comments and every value calftui does not own stay exactly
as they were. A bad value gets one line naming the file, the line, the key and what is expected,
and calftui carries on with the default for that key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calftui import paths
from calftui.common.fsutil import atomic_write, read_text
from calftui.common.tomltext import did_you_mean, key_lines, parse_toml, toml_error
from calftui.common.units import default_step

MAX_CONFIG_BYTES = 1_000_000
KEYS = ("unit", "sound", "speech", "bell_on_phase", "ask_rpe", "rest_step", "load_step", "theme", "keys", "profile")
PROFILE_KEYS = ("back_squat_1rm", "deadlift_1rm", "bench_press_1rm", "body_weight")


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
    ask_rpe: bool = False
    """Ask how hard each working set was (RPE 1-10) as it ends."""
    rest_step: float = 15.0
    """Seconds that + and - add to or take off a running rest."""
    load_step: float | None = None
    """What ] and [ change the load by; default 2.5 kg or 5 lb."""
    theme: str = "dark"
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, for ``App.set_keymap``: ``"session.rep" = "space,j"``."""
    profile: dict[str, float] = field(default_factory=dict)
    """Numbers loads are written against, in ``unit``: ``back_squat_1rm = 140``."""

    @property
    def step(self) -> float:
        return self.load_step if self.load_step is not None else default_step(self.unit)


Complaint = Callable[[tuple[str, ...], str], None]
"""Report a bad value: the key's path and what is wrong with it."""


@dataclass
class Loaded:
    settings: Settings
    problems: list[str]
    path: Path


KeymapJudge = Callable[[dict[str, str]], dict[str, tuple[str, bool]]]
"""Per binding id: (what is wrong with its remap, whether to drop it)."""


def check_keys(loaded: Loaded, binding_ids: set[str], judge: KeymapJudge | None = None) -> None:
    """Drop (and report) remaps of binding ids calftui does not have, and, with ``judge`` (the TUI
    knows what a key name is and which keys each screen uses), remaps onto keys that are none
    (dropped: the default stays) or that the same screen already uses (reported)."""
    try:
        lines = key_lines(read_text(loaded.path, MAX_CONFIG_BYTES))
    except (OSError, UnicodeDecodeError):
        lines = {}

    def report(binding: str, message: str) -> None:
        line = lines.get(("keys", binding)) or lines.get(("keys",))
        loaded.problems.append(f"{loaded.path}{':' + str(line) if line else ''}: keys.{binding}: {message}")

    for binding in list(loaded.settings.keys):
        if binding not in binding_ids:
            del loaded.settings.keys[binding]
            report(binding, f"is not a key of calftui's; {did_you_mean(binding, sorted(binding_ids))}")
    for binding, (message, drop) in (judge(loaded.settings.keys) if judge else {}).items():
        if drop:
            del loaded.settings.keys[binding]
        report(binding, message)


def load(path: Path | None = None, binding_ids: set[str] | None = None) -> Loaded:
    """Settings from ``config.toml``; a missing file means the defaults, a bad key its default."""
    path = path or paths.config_file()
    settings = Settings()
    problems: list[str] = []
    try:
        text = read_text(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Loaded(settings, [], path)
    except (OSError, UnicodeDecodeError) as exc:
        return Loaded(settings, [f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); using the "
                                 "defaults"], path)
    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        where = toml_error(exc)
        line = f":{where.line}" if where.line is not None else ""
        return Loaded(settings, [f"{path}{line}: TOML: {where.message}; expected key = value lines; "
                                 "using the defaults"], path)
    lines = key_lines(text)

    def bad(key: tuple[str, ...], message: str) -> None:
        line = lines.get(key) or lines.get(key[:1])
        problems.append(f"{path}{':' + str(line) if line else ''}: {'.'.join(key)}: {message}")

    for key, value in data.items():
        if key not in KEYS:
            bad((key,), f"unknown setting; {did_you_mean(key, KEYS)}")
        elif key == "unit":
            if value in ("kg", "lb"):
                settings.unit = value
            else:
                bad((key,), f'is {value!r}; expected "kg" or "lb"')
        elif key in ("sound", "speech", "bell_on_phase", "ask_rpe"):
            if isinstance(value, bool):
                setattr(settings, key, value)
            else:
                bad((key,), f"is {value!r}; expected true or false")
        elif key in ("rest_step", "load_step"):
            top = 600 if key == "rest_step" else 100
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= top:
                setattr(settings, key, float(value))
            else:
                limit = "600 seconds" if key == "rest_step" else "100"
                bad((key,), f"is {value!r}; expected a number above 0, at most {limit}")
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                settings.theme = value.strip()
            else:
                bad((key,), 'is not a theme name; expected text such as theme = "light"')
        elif key == "keys":
            settings.keys = _keys(value, bad, binding_ids)
        elif key == "profile":
            settings.profile = _profile(value, bad)
    return Loaded(settings, problems, path)


def _keys(value: Any, bad: Complaint, binding_ids: set[str] | None) -> dict[str, str]:
    if not isinstance(value, dict):
        bad(("keys",), 'is not a table; expected [keys] with lines such as "session.rep" = "space,j"')
        return {}
    out = {}
    for binding, keys in value.items():
        if binding_ids is not None and binding not in binding_ids:
            bad(("keys", binding), f"is not a key of calftui's; {did_you_mean(binding, sorted(binding_ids))}")
        elif not isinstance(keys, str) or not keys.strip() or any(not k.strip() for k in keys.split(",")):
            bad(("keys", binding), 'is not a key list; expected key names separated by commas, such as "space,j"')
        else:
            out[binding] = ",".join(k.strip() for k in keys.split(","))
    return out


def _profile(value: Any, bad: Complaint) -> dict[str, float]:
    if not isinstance(value, dict):
        bad(("profile",), "is not a table; expected [profile] with lines such as back_squat_1rm = 140")
        return {}
    out = {}
    for key, number in value.items():
        if key not in PROFILE_KEYS:
            bad(("profile", key), f"unknown; {did_you_mean(key, PROFILE_KEYS)}")
        elif isinstance(number, bool) or not isinstance(number, (int, float)) or not 0 < number <= 1000:
            bad(("profile", key), f"is {number!r}; expected a load above 0 in your unit, such as {key} = 140")
        else:
            out[key] = float(number)
    return out


# --- percentages of a lift ---------------------------------------------------------------

_PERCENT = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?:-|–|to)?\s*(?P<high>\d+(?:\.\d+)?)?\s*%\s*(?:of\s+)?(?:your\s+)?"
    r"(?P<lift>back[ -]?squat|deadlift|bench(?:[ -]?press)?|body[ -]?weight)(?:\s*1\s*RM)?",
    re.IGNORECASE,
)
_LIFTS = {"backsquat": "back_squat_1rm", "deadlift": "deadlift_1rm", "bench": "bench_press_1rm",
          "benchpress": "bench_press_1rm", "bodyweight": "body_weight"}


def actual_load(text: str, settings: Settings) -> str | None:
    """``"10-20% of back squat 1RM"`` with ``back_squat_1rm = 140`` -> ``"14-28 kg"``."""
    match = _PERCENT.search(text)
    if match is None:
        return None
    key = _LIFTS.get(re.sub(r"[\s-]", "", match["lift"].lower()))
    base = settings.profile.get(key or "")
    if base is None:
        return None
    low = float(match["low"]) / 100 * base
    high = float(match["high"]) / 100 * base if match["high"] else None
    def nice(x: float) -> str:  # the range as worked out, not squeezed to load steps
        return f"{round(x, 1):g}"

    return f"{nice(low)}-{nice(high)} {settings.unit}" if high is not None else f"{nice(low)} {settings.unit}"


# --- writing one setting -----------------------------------------------------------------


class ConfigWriteError(Exception):
    """config.toml cannot take the change; the message says why, and the file is left as it is."""


def save_setting(key: str, value: str | bool | float, path: Path | None = None) -> None:
    """Set one top-level key; every comment, every other key and the layout stay as written.

    tomlkit edits the parsed document, so a quoted key or a key's name inside a multi-line
    string is never mistaken for the setting. A file that is not valid TOML is never rewritten
    (that would lose what the lifter wrote); a symlinked config.toml is written through to its
    target. tomlkit is imported only here: reading settings never needs it.
    """
    import tomlkit

    path = path or paths.config_file()
    try:
        text = read_text(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        text = "# calftui settings; see the README for every key.\n"
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigWriteError(f"{path} cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigWriteError(f"{path} is not valid TOML ({exc}); it is left as it is, fix it first") from None
    document[key] = value
    try:
        atomic_write(path, tomlkit.dumps(document).encode("utf-8"))
    except OSError as exc:
        raise ConfigWriteError(f"cannot write {path}: {exc.strerror or exc}") from None

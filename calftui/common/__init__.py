"""Helpers every layer uses: text made safe for a terminal, files written whole, durations,
loads and their units, TOML as people write it, settings (``config.toml``) and theme files.

Other packages import from here only; the modules behind it are this package's own."""

from calftui.common.config import (
    ConfigWriteError,
    Settings,
    actual_load,
    save_setting,
)
from calftui.common.config import (
    check_keys as check_setting_keys,
)
from calftui.common.config import (
    load as load_settings,
)
from calftui.common.durations import (
    DURATION_FORMS,
    RUNAWAY_S,
    UNIT_WORDS,
    countdown_seconds,
    human,
    length,
    mmss,
    parse_duration,
    runaway,
)
from calftui.common.fsutil import (
    NotAFile,
    atomic_write,
    create_new,
    fsync_dir,
    identity,
    kind_of,
    read_regular,
    unlink,
)
from calftui.common.strict import (
    fields_of,
)
from calftui.common.textsafe import (
    control_character,
    echo,
    visible,
)
from calftui.common.theme_files import (
    DEFAULT as DEFAULT_THEME,
)
from calftui.common.theme_files import (
    MEANINGFUL as MEANINGFUL_COLOURS,
)
from calftui.common.theme_files import (
    ThemeError,
)
from calftui.common.theme_files import (
    files as theme_files_found,
)
from calftui.common.theme_files import (
    find as find_theme,
)
from calftui.common.theme_files import (
    names as theme_names,
)
from calftui.common.theme_files import (
    parse as parse_theme,
)
from calftui.common.theme_files import (
    stem_of as theme_stem,
)
from calftui.common.tomltext import (
    did_you_mean,
    key_lines,
    parse_toml,
    toml_error,
)
from calftui.common.units import (
    HEAVIEST,
    LONGEST_S,
    MOST_REPS,
    Load,
    convert,
    default_step,
    in_unit,
    load_text,
    to_kg,
)

__all__ = [
    "DEFAULT_THEME",
    "DURATION_FORMS",
    "HEAVIEST",
    "LONGEST_S",
    "MEANINGFUL_COLOURS",
    "MOST_REPS",
    "RUNAWAY_S",
    "UNIT_WORDS",
    "ConfigWriteError",
    "Load",
    "NotAFile",
    "Settings",
    "ThemeError",
    "actual_load",
    "atomic_write",
    "check_setting_keys",
    "control_character",
    "convert",
    "countdown_seconds",
    "create_new",
    "default_step",
    "did_you_mean",
    "echo",
    "fields_of",
    "find_theme",
    "fsync_dir",
    "human",
    "identity",
    "in_unit",
    "key_lines",
    "kind_of",
    "length",
    "load_settings",
    "load_text",
    "mmss",
    "parse_duration",
    "parse_theme",
    "parse_toml",
    "read_regular",
    "runaway",
    "save_setting",
    "theme_files_found",
    "theme_names",
    "theme_stem",
    "to_kg",
    "toml_error",
    "unlink",
    "visible",
]

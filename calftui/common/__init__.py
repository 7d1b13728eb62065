"""Helpers every layer uses: text made safe for a terminal, files written whole, durations,
loads and their units, TOML as people write it, settings (``config.toml``) and theme files.

Other packages import from here only. A name loads its module when first asked for, so importing
the package costs nothing until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common.faces import lazy_face

if TYPE_CHECKING:
    from calftui.common.clock import (
        Wall as Wall,
        local_now as local_now,
    )
    from calftui.common.config import (
        ConfigWriteError as ConfigWriteError,
        Settings as Settings,
        actual_load as actual_load,
        check_keys as check_setting_keys,
        load as load_settings,
        save_setting as save_setting,
    )
    from calftui.common.durations import (
        DURATION_FORMS as DURATION_FORMS,
        RUNAWAY_S as RUNAWAY_S,
        UNIT_WORDS as UNIT_WORDS,
        countdown_seconds as countdown_seconds,
        human as human,
        length as length,
        mmss as mmss,
        parse_duration as parse_duration,
        runaway as runaway,
    )
    from calftui.common.faces import (
        lazy_face as lazy_face,
    )
    from calftui.common.fsutil import (
        NotAFile as NotAFile,
        atomic_write as atomic_write,
        create_new as create_new,
        fsync_dir as fsync_dir,
        identity as identity,
        kind_of as kind_of,
        read_regular as read_regular,
        unlink as unlink,
    )
    from calftui.common.strict import (
        fields_of as fields_of,
    )
    from calftui.common.textsafe import (
        control_character as control_character,
        echo as echo,
        visible as visible,
    )
    from calftui.common.theme_files import (
        DEFAULT as DEFAULT_THEME,
        MEANINGFUL as MEANINGFUL_COLOURS,
        ThemeError as ThemeError,
        files as theme_files_found,
        find as find_theme,
        names as theme_names,
        parse as parse_theme,
        stem_of as theme_stem,
    )
    from calftui.common.tomltext import (
        did_you_mean as did_you_mean,
        key_lines as key_lines,
        parse_toml as parse_toml,
        toml_error as toml_error,
    )
    from calftui.common.units import (
        HEAVIEST as HEAVIEST,
        LONGEST_S as LONGEST_S,
        MOST_REPS as MOST_REPS,
        Load as Load,
        convert as convert,
        default_step as default_step,
        in_unit as in_unit,
        load_text as load_text,
        to_kg as to_kg,
    )

__getattr__, __dir__ = lazy_face(__name__, {
    "Wall": "clock",
    "local_now": "clock",
    "lazy_face": "faces",
    "ConfigWriteError": "config",
    "Settings": "config",
    "actual_load": "config",
    "check_setting_keys": "config.check_keys",
    "load_settings": "config.load",
    "save_setting": "config",
    "DURATION_FORMS": "durations",
    "RUNAWAY_S": "durations",
    "UNIT_WORDS": "durations",
    "countdown_seconds": "durations",
    "human": "durations",
    "length": "durations",
    "mmss": "durations",
    "parse_duration": "durations",
    "runaway": "durations",
    "NotAFile": "fsutil",
    "atomic_write": "fsutil",
    "create_new": "fsutil",
    "fsync_dir": "fsutil",
    "identity": "fsutil",
    "kind_of": "fsutil",
    "read_regular": "fsutil",
    "unlink": "fsutil",
    "fields_of": "strict",
    "control_character": "textsafe",
    "echo": "textsafe",
    "visible": "textsafe",
    "DEFAULT_THEME": "theme_files.DEFAULT",
    "MEANINGFUL_COLOURS": "theme_files.MEANINGFUL",
    "ThemeError": "theme_files",
    "find_theme": "theme_files.find",
    "parse_theme": "theme_files.parse",
    "theme_files_found": "theme_files.files",
    "theme_names": "theme_files.names",
    "theme_stem": "theme_files.stem_of",
    "did_you_mean": "tomltext",
    "key_lines": "tomltext",
    "parse_toml": "tomltext",
    "toml_error": "tomltext",
    "HEAVIEST": "units",
    "LONGEST_S": "units",
    "Load": "units",
    "MOST_REPS": "units",
    "convert": "units",
    "default_step": "units",
    "in_unit": "units",
    "load_text": "units",
    "to_kg": "units",
})

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
    "Wall",
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
    "lazy_face",
    "length",
    "load_settings",
    "load_text",
    "local_now",
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

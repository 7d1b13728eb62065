"""Helpers every layer uses: text made safe for a terminal, files written whole, durations,
loads and their units, TOML as people write it, settings (``config.toml``) and theme files.

Other packages import from here only. A name loads its module when first asked for, so importing
the package costs nothing until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common.faces import lazy_face

if TYPE_CHECKING:
    from calftui.common.config import (
        ConfigWriteError as ConfigWriteError,
    )
    from calftui.common.config import (
        Settings as Settings,
    )
    from calftui.common.config import (
        actual_load as actual_load,
    )
    from calftui.common.config import (
        check_keys as check_setting_keys,
    )
    from calftui.common.config import (
        load as load_settings,
    )
    from calftui.common.config import (
        save_setting as save_setting,
    )
    from calftui.common.durations import (
        DURATION_FORMS as DURATION_FORMS,
    )
    from calftui.common.durations import (
        RUNAWAY_S as RUNAWAY_S,
    )
    from calftui.common.durations import (
        UNIT_WORDS as UNIT_WORDS,
    )
    from calftui.common.durations import (
        countdown_seconds as countdown_seconds,
    )
    from calftui.common.durations import (
        human as human,
    )
    from calftui.common.durations import (
        length as length,
    )
    from calftui.common.durations import (
        mmss as mmss,
    )
    from calftui.common.durations import (
        parse_duration as parse_duration,
    )
    from calftui.common.durations import (
        runaway as runaway,
    )
    from calftui.common.faces import (
        lazy_face as lazy_face,
    )
    from calftui.common.fsutil import (
        NotAFile as NotAFile,
    )
    from calftui.common.fsutil import (
        atomic_write as atomic_write,
    )
    from calftui.common.fsutil import (
        create_new as create_new,
    )
    from calftui.common.fsutil import (
        fsync_dir as fsync_dir,
    )
    from calftui.common.fsutil import (
        identity as identity,
    )
    from calftui.common.fsutil import (
        kind_of as kind_of,
    )
    from calftui.common.fsutil import (
        read_regular as read_regular,
    )
    from calftui.common.fsutil import (
        unlink as unlink,
    )
    from calftui.common.strict import (
        fields_of as fields_of,
    )
    from calftui.common.textsafe import (
        control_character as control_character,
    )
    from calftui.common.textsafe import (
        echo as echo,
    )
    from calftui.common.textsafe import (
        visible as visible,
    )
    from calftui.common.theme_files import (
        DEFAULT as DEFAULT_THEME,
    )
    from calftui.common.theme_files import (
        MEANINGFUL as MEANINGFUL_COLOURS,
    )
    from calftui.common.theme_files import (
        ThemeError as ThemeError,
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
        did_you_mean as did_you_mean,
    )
    from calftui.common.tomltext import (
        key_lines as key_lines,
    )
    from calftui.common.tomltext import (
        parse_toml as parse_toml,
    )
    from calftui.common.tomltext import (
        toml_error as toml_error,
    )
    from calftui.common.units import (
        HEAVIEST as HEAVIEST,
    )
    from calftui.common.units import (
        LONGEST_S as LONGEST_S,
    )
    from calftui.common.units import (
        MOST_REPS as MOST_REPS,
    )
    from calftui.common.units import (
        Load as Load,
    )
    from calftui.common.units import (
        convert as convert,
    )
    from calftui.common.units import (
        default_step as default_step,
    )
    from calftui.common.units import (
        in_unit as in_unit,
    )
    from calftui.common.units import (
        load_text as load_text,
    )
    from calftui.common.units import (
        to_kg as to_kg,
    )

__getattr__, __dir__ = lazy_face(__name__, {
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

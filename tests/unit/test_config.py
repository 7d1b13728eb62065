"""Themes and config.toml as files: parsed, checked, and written one setting at a time."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from calftui.common import config, theme_files
from calftui.paths import builtin_themes_dir

THEMES = sorted(p.stem for p in builtin_themes_dir().glob("*.toml"))


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_at_least_dark_light_and_high_contrast() -> None:
    assert {"dark", "light", "high-contrast"} <= set(THEMES)
    for stem in THEMES:
        parsed = theme_files.parse(builtin_themes_dir() / f"{stem}.toml")
        assert set(theme_files.MEANINGFUL) <= set(parsed["variables"])


@pytest.mark.parametrize("text, line, words", [
    ('name = "x"\nprimary = "blue"\n', 2, "primary: 'blue' is not a colour"),
    ('name = "x"\nprimray = "#FFFFFF"\n', 2, 'did you mean "primary"'),
    ('name = "x"\ndark = "yes"\nprimary = "#FFFFFF"\n', 2, "dark = true"),
    ('name = "x"\n', None, "primary: is missing"),
    ('primary = "#FFFFFF"\n[variables]\nworking = "green"\n', 3, "variables.working"),
    ('primary = "#FFFFFF\n', None, "TOML"),
])
def test_bad_theme_files_name_file_line_and_key(tmp_path: Path, text: str, line: int | None, words: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(theme_files.ThemeError) as info:
        theme_files.parse(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}:" if line else str(path)) and words in message and "\n" not in message


def test_good_config(tmp_path: Path) -> None:
    loaded = config.load(write_config(tmp_path, 'unit = "lb"\nsound = false\nspeech = false\nbell_on_phase = true\n'
                                                'rest_step = 30\nload_step = 2.5\ntheme = "light"\n'
                                                '[keys]\n"session.rep" = "j, space"\n[profile]\nback_squat_1rm = '
                                                '300\n'))
    s = loaded.settings
    assert loaded.problems == []
    assert (s.unit, s.sound, s.speech, s.bell_on_phase, s.rest_step, s.step, s.theme) == \
        ("lb", False, False, True, 30, 2.5, "light")
    assert s.keys == {"session.rep": "j,space"} and s.profile == {"back_squat_1rm": 300}


def test_default_step_follows_the_unit(tmp_path: Path) -> None:
    assert config.load(write_config(tmp_path, 'unit = "lb"\n')).settings.step == 5.0
    assert config.load(tmp_path / "none.toml").settings.step == 2.5


@pytest.mark.parametrize("text, line, key, words", [
    ('unit = "stone"\n', 1, "unit", '"kg" or "lb"'),
    ('sound = "loud"\n', 1, "sound", "true or false"),
    ('rest_step = 0\n', 1, "rest_step", "above 0"),
    ('load_step = "big"\n', 1, "load_step", "above 0"),
    ('unti = "kg"\n', 1, "unti", 'did you mean "unit"'),
    ('theme = 3\n', 1, "theme", 'theme = "light"'),
    ('[keys]\n"session.rep" = ""\n', 2, "keys.session.rep", "separated by commas"),
    ('[profile]\nback_squat = 140\n', 2, "profile.back_squat", 'did you mean "back_squat_1rm"'),
    ('[profile]\nback_squat_1rm = -5\n', 2, "profile.back_squat_1rm", "above 0"),
])
def test_bad_config_names_file_line_key_and_expected(tmp_path: Path, text: str, line: int, key: str,
                                                     words: str) -> None:
    path = write_config(tmp_path, 'unit = "kg"\n' * 0 + text)
    loaded = config.load(path)
    [problem] = loaded.problems
    assert problem.startswith(f"{path}:{line}: {key}: ") and words in problem


def test_broken_toml_config_falls_back_to_defaults(tmp_path: Path) -> None:
    loaded = config.load(write_config(tmp_path, 'unit = "kg\n'))
    assert loaded.settings.unit == "kg" and "TOML" in loaded.problems[0] and ":1:" in loaded.problems[0]


@pytest.mark.parametrize("load, unit, profile, shown", [
    ("build toward 10-20% of your back squat 1RM", "kg", 140, "14-28 kg"),
    ("10-20% of back squat 1RM", "lb", 300, "30-60 lb"),
    ("15 % of back-squat 1RM", "kg", 100, "15 kg"),
    ("about 10% of bodyweight", "kg", None, None),
    ("light", "kg", 140, None),
])
def test_percentage_loads_in_the_lifters_unit(load: str, unit: str, profile: float | None, shown: str | None) -> None:
    settings = config.Settings(unit=unit, profile={"back_squat_1rm": profile} if profile else {})
    assert config.actual_load(load, settings) == shown


def test_save_setting_adds_a_missing_key_before_tables(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[profile]\nback_squat_1rm = 140\n')
    config.save_setting("unit", "lb", path)
    assert path.read_text() == 'unit = "lb"\n\n[profile]\nback_squat_1rm = 140\n'
    assert config.load(path).settings.profile == {"back_squat_1rm": 140}


def test_save_setting_changes_a_quoted_key_in_place(tmp_path: Path) -> None:
    path = write_config(tmp_path, '# mine\n"theme" = "dark"   # kept\nunit = "kg"\n')
    config.save_setting("theme", "light", path)
    assert path.read_text() == '# mine\n"theme" = "light"   # kept\nunit = "kg"\n'
    assert config.load(path).settings.theme == "light"


def test_save_setting_never_writes_into_a_multi_line_string(tmp_path: Path) -> None:
    text = 'notes = """\nunit = "kg"\n"""\n'  # an unknown key, reported, but the lifter's words
    path = write_config(tmp_path, text)
    config.save_setting("unit", "lb", path)
    assert tomllib.loads(path.read_text()) == {"notes": 'unit = "kg"\n', "unit": "lb"}


def test_save_setting_writes_through_a_symlinked_config(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles" / "calftui.toml"
    dotfiles.parent.mkdir()
    dotfiles.write_text('unit = "kg"\n')
    path = tmp_path / "config.toml"
    path.symlink_to(dotfiles)
    config.save_setting("unit", "lb", path)
    assert path.is_symlink() and dotfiles.read_text() == 'unit = "lb"\n'


def test_save_setting_leaves_an_invalid_config_as_it_is(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'unit = "kg\n[keys\n')
    with pytest.raises(config.ConfigWriteError, match="not valid TOML"):
        config.save_setting("unit", "lb", path)
    assert path.read_text() == 'unit = "kg\n[keys\n'

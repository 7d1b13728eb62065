"""Themes, config.toml, key remaps, percentage loads and editing routines from inside calftui."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from calftui import config, theme_files
from calftui.catalog import load_entry
from calftui.paths import builtin_themes_dir, builtin_workouts_dir
from calftui.ui.app import CalfApp
from calftui.ui.screens.picker import PickerScreen
from calftui.ui.screens.session import SessionScreen
from conftest import run_cli
from helpers import FakeClock, into_death_set, until

# --- themes ------------------------------------------------------------------------------------

THEMES = sorted(p.stem for p in builtin_themes_dir().glob("*.toml"))


def test_at_least_dark_light_and_high_contrast() -> None:
    assert {"dark", "light", "high-contrast"} <= set(THEMES)
    for stem in THEMES:
        parsed = theme_files.parse(builtin_themes_dir() / f"{stem}.toml")
        assert set(theme_files.MEANINGFUL) <= set(parsed["variables"])


@pytest.mark.parametrize("stem", ["dark", "light", "high-contrast"])
def test_session_screen_in_every_theme(snap_compare, stem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    clock = FakeClock()
    entry = load_entry(builtin_workouts_dir() / "death-set.toml", "built-in")
    app = CalfApp(journal=Path("journal.toml"), sound=False, clock=clock, start=entry, theme=stem)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await into_death_set(pilot, clock, 21)
        clock.advance(1.4)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


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


async def test_a_broken_user_theme_is_skipped_and_the_app_carries_on(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "neon.toml").write_text('primary = "#ZZZ"\n')
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, theme="neon")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "calftui-dark"
        assert any("neon.toml:1: primary" in e for e in app.theme_errors)


async def test_a_user_theme_is_used(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "gym.toml").write_text('name = "gym"\nprimary = "#FF0000"\n[variables]\nworking = "#00FF00"\n')
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, theme="gym")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "gym" and app.theme_variables["working"].upper() == "#00FF00"


def test_theme_option_accepts_user_themes_and_refuses_unknown(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "gym.toml").write_text('primary = "#FF0000"\n')
    assert run_cli("--theme", "gym", "list").returncode == 0
    refused = run_cli("--theme", "disco", "list")
    assert refused.returncode == 2 and "gym" in refused.stderr and "light" in refused.stderr


async def test_theme_switched_in_the_app_is_saved_keeping_everything_else(isolated_home: Path) -> None:
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('# my settings\nunit = "lb"   # my gym is in pounds\ntheme = "dark"\n\n[profile]\nback_squat_1rm = 300\n')
    loaded = config.load(path)
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, settings=loaded.settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "calftui-light"
        await pilot.pause()
    assert path.read_text() == '# my settings\nunit = "lb"   # my gym is in pounds\ntheme = "calftui-light"\n\n[profile]\nback_squat_1rm = 300\n'


# --- config.toml -------------------------------------------------------------------------------


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_good_config(tmp_path: Path) -> None:
    loaded = config.load(write_config(tmp_path, 'unit = "lb"\nsound = false\nspeech = false\nbell_on_phase = true\n'
                                                'rest_step = 30\nload_step = 2.5\ntheme = "light"\n'
                                                '[keys]\n"session.rep" = "j, space"\n[profile]\nback_squat_1rm = 300\n'))
    s = loaded.settings
    assert loaded.problems == []
    assert (s.unit, s.sound, s.speech, s.bell_on_phase, s.rest_step, s.step, s.theme) == ("lb", False, False, True, 30, 2.5, "light")
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
def test_bad_config_names_file_line_key_and_expected(tmp_path: Path, text: str, line: int, key: str, words: str) -> None:
    path = write_config(tmp_path, 'unit = "kg"\n' * 0 + text)
    loaded = config.load(path)
    [problem] = loaded.problems
    assert problem.startswith(f"{path}:{line}: {key}: ") and words in problem


def test_broken_toml_config_falls_back_to_defaults(tmp_path: Path) -> None:
    loaded = config.load(write_config(tmp_path, 'unit = "kg\n'))
    assert loaded.settings.unit == "kg" and "TOML" in loaded.problems[0] and ":1:" in loaded.problems[0]


def test_unknown_binding_ids_are_reported_and_dropped(tmp_path: Path) -> None:
    from calftui.ui.keys import binding_ids

    loaded = config.load(write_config(tmp_path, '[keys]\n"session.rpe" = "j"\n"session.pause" = "x"\n'))
    config.check_keys(loaded, binding_ids())
    assert loaded.settings.keys == {"session.pause": "x"}
    assert loaded.problems[0].startswith(f"{tmp_path / 'config.toml'}:2: keys.session.rpe:") and '"session.rep"' in loaded.problems[0]


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


# --- key remaps and the profile in a session ---------------------------------------------------


async def test_key_remaps_take_effect(isolated_home: Path) -> None:
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[keys]\n"session.rep" = "j"\n"session.pause" = "x"\n')
    loaded = config.load(path)
    workout = isolated_home / "w.toml"
    workout.write_text('name = "W"\n[[exercise]]\nname = "Raise"\nreps = 10\nload = "10-20% of back squat 1RM"\n')
    loaded.settings.profile = {"back_squat_1rm": 140}
    clock = FakeClock()
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, clock=clock, settings=loaded.settings,
                  start=load_entry(workout, "path"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), 'isinstance(app.screen, SessionScreen)')
        assert "10-20% of back squat 1RM = 14-28 kg" in str(app.screen.query_one("#setline").render())
        await pilot.press("enter", "j", "j", "space")
        assert app.screen.engine.view(clock.now).reps == 2  # j counts; space no longer does
        await pilot.press("x")
        assert app.screen.engine.paused


# --- editing routines --------------------------------------------------------------------------


def fake_editor(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


async def test_editing_a_builtin_copies_it_and_checks_it(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = fake_editor(isolated_home, 'printf \'\\n[[exercise]]\\nname = "Extra"\\nrset = 3\\nreps = 5\\n\' >> "$1"\n')
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    builtin = builtin_workouts_dir() / "death-set.toml"
    before = builtin.read_bytes()
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), 'isinstance(app.screen, PickerScreen)')
        await pilot.press("down", "e")  # the death set is second in the list
        await pilot.pause()
        copy = isolated_home / "config" / "workouts" / "death-set.toml"
        assert copy.exists() and builtin.read_bytes() == before
        messages = [str(n.message) for n in app._notifications]
        assert any("rset: unknown key" in m and f"{copy}:" in m for m in messages)
        entry = next(e for e in app.screen.entries if e.stem == "death-set")
        assert entry.origin == "user" and not entry.ok  # the picker shows the edited, broken file


async def test_picker_reloads_a_file_changed_on_disk(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "workouts"
    folder.mkdir(parents=True)
    mine = folder / "mine.toml"
    mine.write_text('name = "Before"\n[[exercise]]\nname = "a"\nreps = 5\n')
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), 'isinstance(app.screen, PickerScreen)')
        await pilot.pause()
        picker = app.screen
        assert any(e.name == "Before" for e in picker.entries)
        mine.write_text('name = "After, edited in another pane"\n[[exercise]]\nname = "a"\nreps = 6\n')
        os.utime(mine, ns=(mine.stat().st_atime_ns, mine.stat().st_mtime_ns + 10**9))
        picker._watch_files()  # what the two-second watch does
        assert any(e.name == "After, edited in another pane" for e in picker.entries)


def test_the_readme_names_every_binding_id() -> None:
    from calftui.ui.keys import binding_ids
    from conftest import REPO

    readme = (REPO / "README.md").read_text()
    assert sorted(i for i in binding_ids() if f"`{i}`" not in readme) == []

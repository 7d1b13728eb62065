"""Themes, key remaps, percentage loads and editing routines, in the app."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Static

from calftui.common import config
from calftui.paths import builtin_workouts_dir
from calftui.ui.app import CalfApp
from calftui.ui.screens.help import HelpScreen
from calftui.ui.screens.picker import PickerScreen
from calftui.ui.screens.session import SessionScreen
from calftui.workouts.catalog import load_entry

from helpers import FakeClock, into_death_set, until


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def fake_editor(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.parametrize("stem", ["dark", "light", "high-contrast"])
def test_session_screen_in_every_theme(snap_compare, stem: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
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


async def test_a_broken_user_theme_is_skipped_and_the_app_carries_on(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "neon.toml").write_text('primary = "#ZZZ"\n')
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, theme="neon")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        assert any("neon.toml:1: primary" in e for e in app.theme_errors)


async def test_a_user_theme_is_used(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "themes"
    folder.mkdir(parents=True)
    (folder / "gym.toml").write_text('name = "gym"\nprimary = "#FF0000"\n[variables]\nworking = "#00FF00"\n')
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, theme="gym")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "gym" and app.theme_variables["working"].upper() == "#00FF00"


async def test_theme_switched_in_the_app_is_saved_keeping_everything_else(isolated_home: Path) -> None:
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('# my settings\nunit = "lb"   # my gym is in pounds\ntheme = '
                    '"dark"\n\n[profile]\nback_squat_1rm = 300\n')
    loaded = config.load(path)
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, settings=loaded.settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "light"
        await pilot.pause()
    assert path.read_text() == ('# my settings\nunit = "lb"   # my gym is in pounds\ntheme = "light"\n\n'
                                '[profile]\nback_squat_1rm = 300\n')


async def test_one_set_of_theme_names_and_config_written_only_on_a_change_in_the_app(isolated_home: Path) -> None:
    from calftui.common import theme_files

    path = isolated_home / "config" / "config.toml"
    app = CalfApp(journal=isolated_home / "j.toml", sound=False)  # a first start: no config at all
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert sorted(app.available_themes) == theme_files.names()  # the palette offers these, and only these
        assert app.theme == "dark"
    assert not path.exists()  # nothing the lifter changed: nothing written
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, theme="light")  # --theme light, once
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "light"
    assert not path.exists()
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, theme="calftui-high-contrast")  # an old name
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "high-contrast"
        app.theme = "light"  # chosen in the palette
        await pilot.pause()
    assert config.load(path).settings.theme == "light" and path.read_text().endswith('\ntheme = "light"\n')


async def test_a_theme_of_textuals_saved_by_an_earlier_release_falls_back_with_a_notice(isolated_home: Path) -> None:
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, settings=config.Settings(theme="gruvbox"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "dark" and any("no theme 'gruvbox'" in e for e in app.theme_errors)


def test_unknown_binding_ids_are_reported_and_dropped(tmp_path: Path) -> None:
    from calftui.ui.keys import binding_ids

    loaded = config.load(write_config(tmp_path, '[keys]\n"session.rpe" = "j"\n"session.pause" = "x"\n'))
    config.check_keys(loaded, binding_ids())
    assert loaded.settings.keys == {"session.pause": "x"}
    assert loaded.problems[0].startswith(f"{tmp_path / 'config.toml'}:2: keys.session.rpe:")
    assert '"session.rep"' in loaded.problems[0]


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
        assert "10-20% of back squat 1RM = 14-28 kg" in str(app.screen.query_one("#load").render())
        await pilot.press("enter", "j", "j", "space")
        assert app.screen.engine.view(clock.now).reps == 2  # j counts; space no longer does
        working = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Rep (j)", "Load+ (])", "Help (?)"} <= set(working), working  # as shown, never by Textual's names
        await pilot.press("x")
        assert app.screen.engine.paused
        screen = app.screen
        assert screen.query_one("#hint", Static).render().plain == "press x to carry on"  # the key the lifter has
        await pilot.press("j")  # a tap while paused says how to carry on, by that key
        assert any("press x" in n.message for n in app.notices)
        commands = [c.title for c in app.get_system_commands(screen)]
        assert {"Pause (x)", "Help (?)"} <= set(commands), commands
        assert not any("question_mark" in c or "right_square_bracket" in c for c in commands)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        keys = dict(app.screen.rows)
        assert "x" in keys and "p" not in keys and "j" in keys


async def test_the_picker_names_its_keys_as_remapped(isolated_home: Path) -> None:
    settings = config.Settings(keys={"picker.history": "y", "picker.edit": "o"})
    app = CalfApp(journal=isolated_home / "j.toml", sound=False, settings=settings)
    app.set_keymap(settings.keys)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen), "the picker")
        title = app.screen.query_one("#title", Static).render().plain
        assert "y history" in title and "o edit" in title and "h history" not in title
        assert "start with o or y" in app.screen.query_one("#filter", Static).render().plain
        await pilot.press("h")  # not a key of its own any more: a letter of the filter
        assert app.screen.filter == "h"


async def test_editing_a_builtin_copies_it_and_checks_it(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = fake_editor(isolated_home, 'printf \'\\n[[exercise]]\\nname = "Extra"\\nrset = 3\\nreps = 5\\n\' >> '
                                        '"$1"\n')
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
        messages = [n.message for n in app.notices]
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


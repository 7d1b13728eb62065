"""The command line, run as a separate process the way a shell runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from calftui import __version__
from calftui.paths import builtin_workouts_dir

from conftest import run_cli


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_version() -> None:
    for option in ("--version", "-V"):
        result = run_cli(option)
        assert result.returncode == 0 and result.stdout.strip() == f"calftui {__version__}", option


def test_list_shows_builtins_with_kinds_and_origin() -> None:
    result = run_cli("list")
    assert result.returncode == 0
    death = [line for line in result.stdout.splitlines() if "death-set" in line]
    assert death and "Calf raise death set" in death[0] and "target" in death[0] and "built-in" in death[0]


def test_user_workout_replaces_builtin_and_shows_folder(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "workouts"
    folder.mkdir(parents=True)
    (folder / "death-set.toml").write_text('name = "My own death set"\n[[exercise]]\nname = "a"\ntarget = 50\n')
    result = run_cli("list")
    lines = [line for line in result.stdout.splitlines() if "death-set" in line]
    assert len(lines) == 1 and "My own death set" in lines[0] and str(folder) in lines[0]


def test_workouts_option_before_or_after_command(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "mine.toml").write_text('name = "Mine"\n[[exercise]]\nname = "a"\nreps = 5\n')
    for args in (["--workouts", str(extra), "list"], ["list", "--workouts", str(extra)]):
        result = run_cli(*args)
        assert result.returncode == 0 and "Mine" in result.stdout


def test_list_marks_broken_workouts(isolated_home: Path) -> None:
    folder = isolated_home / "config" / "workouts"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('name = "x"\n[[exercise]]\nrset = 1\n')
    result = run_cli("list")
    assert result.returncode == 0 and "INVALID" in result.stdout and "calftui check" in result.stdout


def test_check_good_and_bad(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('name = "g"\n[[exercise]]\nname = "a"\nreps = 5\n')
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "b"\n[[exercise]]\nname = "a"\nreps = "20-10"\n')
    ok = run_cli("check", str(good))
    assert ok.returncode == 0 and "ok" in ok.stdout
    result = run_cli("check", str(good), str(bad))
    no_traceback(result)
    assert result.returncode == 1
    assert f"{bad}:4: exercise[0].reps:" in result.stderr


def test_check_with_no_file_checks_every_folder_and_the_builtins(isolated_home: Path, tmp_path: Path) -> None:
    builtins = sorted(builtin_workouts_dir().glob("*.toml"))
    clean = run_cli("check")
    no_traceback(clean)
    assert clean.returncode == 0, clean.stderr
    assert all(f"{path}: ok" in clean.stdout for path in builtins)
    assert f"{len(builtins)} workout file(s) checked, all valid" in clean.stdout
    mine = isolated_home / "config" / "workouts"
    mine.mkdir(parents=True)
    (mine / "death-set.toml").write_text('name = "Mine"\n[[exercise]]\nname = "a"\nrset = 3\nreps = 5\n')
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "fine.toml").write_text('name = "Fine"\n[[exercise]]\nname = "a"\nreps = 5\n')
    result = run_cli("check", "--workouts", str(extra))
    no_traceback(result)
    assert result.returncode == 1
    assert f"{mine / 'death-set.toml'}:4: exercise[0].rset: unknown key" in result.stderr
    assert f"{extra / 'fine.toml'}: ok" in result.stdout and f"{builtins[0]}: ok" in result.stdout
    assert f"1 of {len(builtins) + 2} file(s) invalid" in result.stderr
    gone = run_cli("check", "--workouts", str(tmp_path / "nowhere"))
    assert gone.returncode == 1 and f"--workouts {tmp_path / 'nowhere'}: no such folder" in gone.stderr


def test_check_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "b.toml"
    binary.write_bytes(bytes(range(256)))
    result = run_cli("check", str(binary), str(tmp_path / "missing.toml"))
    no_traceback(result)
    assert result.returncode == 1 and "binary" in result.stderr and "cannot be read" in result.stderr


def test_new_writes_a_valid_commented_starter_and_never_overwrites(isolated_home: Path) -> None:
    result = run_cli("new", "Tuesday calves")
    assert result.returncode == 0
    path = isolated_home / "config" / "workouts" / "tuesday-calves.toml"
    text = path.read_text()
    assert text.count("#") > 10 and 'name = "Tuesday calves"' in text
    assert run_cli("check", str(path)).returncode == 0
    path.write_text(text + "\n# my edit\n")
    again = run_cli("new", "Tuesday calves")
    no_traceback(again)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text().endswith("# my edit\n")
    assert "Tuesday calves" in run_cli("list").stdout


def test_the_starter_fits_80_columns_and_its_commented_examples_are_valid() -> None:
    import re

    from calftui.workouts.loader import parse_workout
    from calftui.workouts.starter import starter

    text = starter("Tuesday calves")
    assert max(len(line) for line in text.splitlines()) < 80
    examples = "\n".join(line[2:] if line.startswith("# ") and re.match(r"(\[\[exercise]]|[a-z_]+ = )", line[2:])
                         else line for line in text.splitlines())
    workout = parse_workout(examples, "starter.toml")
    by_name = {e.name: e for e in workout.exercises}
    assert by_name["Seated calf raise"].group == by_name["Tibialis raise"].group == "A"
    assert by_name["Seated calf raise"].transition == 15 and by_name["Calf raise death set"].target == 100
    assert "max" in text and "group" in text and "transition" in text


def test_new_name_with_quotes_stays_valid(isolated_home: Path) -> None:
    assert run_cli("new", 'The "hard" one').returncode == 0
    path = isolated_home / "config" / "workouts" / "the-hard-one.toml"
    assert run_cli("check", str(path)).returncode == 0


def test_usage_errors_exit_2_with_one_line() -> None:
    for args in (["bogus"], ["log", "--last", "0"], ["--theme", "nope", "list"],
                 ["export", "--format", "xml"]):
        result = run_cli(*args)
        no_traceback(result)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_unknown_theme_names_the_themes() -> None:
    result = run_cli("list", "--theme", "neon")
    assert result.returncode == 2 and "dark" in result.stderr and "high-contrast" in result.stderr


def test_commands_without_tui_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from calftui.cli import main; "
        f"main(['list']); main(['check', {str(tmp_path / 'x.toml')!r}]); "
        "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, "a non-TUI command imported textual"

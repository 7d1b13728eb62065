"""Every place calftui reads or writes, in one module.

platformdirs gives the defaults; the ``CALFTUI_*`` environment variables and the
``--journal`` / ``--workouts`` options override them. Tests point the environment
variables at a temporary folder so no test ever touches a real home folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "calftui"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """Where config.toml, user workouts and user themes live."""
    override = _env_path("CALFTUI_CONFIG_DIR")
    if override is not None:
        return override
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)


def data_dir() -> Path:
    """Where the journal, the checkpoint and caches live."""
    override = _env_path("CALFTUI_DATA_DIR")
    if override is not None:
        return override
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def journal_path(option: str | os.PathLike[str] | None = None) -> Path:
    """``--journal`` wins, then ``CALFTUI_JOURNAL``, then ``journal.toml`` in the data folder.

    Always absolute: a checkpoint records it, and a session recovered from another folder must
    still be saved into the journal it was started with.
    """
    chosen = Path(option).expanduser() if option else _env_path("CALFTUI_JOURNAL") or data_dir() / "journal.toml"
    return Path(os.path.abspath(chosen))


def user_workouts_dir() -> Path:
    return config_dir() / "workouts"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def config_file() -> Path:
    return config_dir() / "config.toml"


def sessions_dir() -> Path:
    """One checkpoint and one lock file per session in progress."""
    return data_dir() / "sessions"


def legacy_checkpoint_file() -> Path:
    """The single checkpoint of earlier releases, moved into :func:`sessions_dir` on first start."""
    return data_dir() / "checkpoint.json"


def cache_dir() -> Path:
    return data_dir() / "cache"


def _shipped(name: str) -> Path:
    # An installed wheel carries workouts/ and themes/ inside the package, under shipped/; a
    # source checkout (or an editable install) has them at the repository root.
    inside = _PACKAGE_DIR / "shipped" / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def builtin_workouts_dir() -> Path:
    return _shipped("workouts")


def builtin_themes_dir() -> Path:
    return _shipped("themes")


def shown(path: Path) -> str:
    """A path as the lifter reads it: ``~/…`` for anything in the home folder."""
    home = os.path.expanduser("~")
    text = str(path)
    if home not in ("", "/") and (text == home or text.startswith(home.rstrip("/") + "/")):
        return "~" + text[len(home.rstrip("/")):]
    return text

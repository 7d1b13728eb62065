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
    """``--journal`` wins, then ``CALFTUI_JOURNAL``, then ``journal.toml`` in the data folder."""
    if option:
        return Path(option).expanduser()
    return _env_path("CALFTUI_JOURNAL") or data_dir() / "journal.toml"


def user_workouts_dir() -> Path:
    return config_dir() / "workouts"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def config_file() -> Path:
    return config_dir() / "config.toml"


def checkpoint_file() -> Path:
    """The session in progress, rewritten atomically after every rep and set change."""
    return data_dir() / "checkpoint.json"


def cache_dir() -> Path:
    return data_dir() / "cache"


def _shipped(name: str) -> Path:
    # An installed wheel carries workouts/ and themes/ inside the package; a source
    # checkout (or an editable install) has them at the repository root.
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def builtin_workouts_dir() -> Path:
    return _shipped("workouts")


def builtin_themes_dir() -> Path:
    return _shipped("themes")

"""Writing files so that a crash at any moment leaves the old bytes or the new ones, never half.

One home for what the checkpoint, the cache, config.toml and exports all need: a temporary
file beside the target, flushed and fsynced, renamed over the target, then the folder fsynced.
The temporary file is removed whatever goes wrong, so a full disk never fills up with them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, mode: int | None = None, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` in one step; raises :class:`OSError` and leaves no temporary file.

    ``mode`` defaults to the replaced file's own permissions, or owner-only for a new file.
    ``durable`` fsyncs the file and its folder (a checkpoint must survive a power cut; a cache
    need not). A symlink at ``path`` is written through to its target, so a dotfiles link stays a link.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = 0o600
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable; silently nothing where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unlink(path: Path) -> None:
    """Remove a file that may already be gone."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()

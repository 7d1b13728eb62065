"""Writing files so that a crash at any moment leaves the old bytes or the new ones, never half.

One home for what the checkpoint, the cache, config.toml and exports all need: a temporary
file beside the target, flushed and fsynced, renamed over the target, then the folder fsynced.
The temporary file is removed whatever goes wrong, so a full disk never fills up with them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO


def identity(info: os.stat_result) -> list[int]:
    """A file's identity: device, inode, size, modification and change time (no editor or ``touch``
    can set the change time back). Derived files (caches) keep it and are trusted while it holds."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


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


def create_new(folder: Path, prefix: str, suffix: str, data: bytes) -> Path:
    """A new owner-only file in ``folder`` holding ``data``, its name ``prefix``, random letters
    and ``suffix``; raises :class:`OSError`. It is created exclusively (``O_EXCL``): never a file
    that is there already, never through a link planted under the name, in a shared folder such
    as /tmp as much as in calftui's own."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


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


# --- reading what people point calftui at ------------------------------------------------


class NotAFile(OSError):
    """The path is a folder, a named pipe, a device or a socket: never read, never waited on.
    ``what`` says which, for messages: ``a named pipe (FIFO)``."""

    what: str = "not a regular file"


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """``path`` open for reading, refusing anything but a regular file before a byte is read.

    Opened without blocking, so a named pipe with no writer cannot hang calftui.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            error = NotAFile(errno.EINVAL, f"it is {kind_of(mode)}, not a file", str(path))
            error.what = kind_of(mode)
            raise error
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`). With ``limit``, at most
    ``limit + 1`` bytes are read, so the caller can tell a file that is too large without
    reading all of it."""
    with open_regular(path) as handle:
        return handle.read() if limit is None else handle.read(limit + 1)


def read_text(path: Path, limit: int) -> str:
    """A small UTF-8 text file people write (config, themes): regular, bounded, a BOM allowed.
    Raises :class:`OSError`, :class:`UnicodeDecodeError`, or :class:`TooLarge`."""
    raw = read_regular(path, limit)
    if len(raw) > limit:
        raise TooLarge(errno.EFBIG, f"it is larger than {limit // 1_000_000} MB", str(path))
    return raw.decode("utf-8-sig")


class TooLarge(OSError):
    """Far larger than a file of its kind can be."""

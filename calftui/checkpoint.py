"""The session in progress, saved after every rep and every set change.

One JSON file in the data folder, replaced atomically (temporary file, fsync, rename), so a
``kill -9`` or a flat battery at any moment leaves either the previous checkpoint or the new
one, never half of one. On the next start the lifter chooses: resume exactly where they were,
save what was done as a partial session, or discard it. The file goes only after that choice.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from calftui import paths
from calftui.engine import Engine
from calftui.journal import JournalError, append_session, session_block
from calftui.model import Workout
from calftui.record import session_record
from calftui.workout_file import parse_workout

VERSION = 1


class CheckpointError(Exception):
    """The checkpoint cannot be read or written; the message says which file and why."""


@dataclass
class Checkpoint:
    session_id: str
    workout_name: str
    workout_path: str
    workout_text: str
    journal: str
    started_at: str
    saved_at: str
    engine: dict[str, Any]

    def workout(self) -> Workout:
        """The workout exactly as it was when the session began, even if the file changed since."""
        path = Path(self.workout_path) if self.workout_path else None
        return parse_workout(self.workout_text, self.workout_path or self.workout_name, path)

    def restore(self, now: float | None = None) -> Engine:
        return Engine.from_dict(self.engine, self.workout(), now)

    @property
    def sets_done(self) -> int:
        return len(self.engine["records"])

    @property
    def counted_reps(self) -> int:
        done = sum(r.get("reps") or 0 for r in self.engine["records"])
        return done + (len(self.engine["taps"]) if self.engine["state"] == "working" else 0)

    def describe(self) -> str:
        started = datetime.fromisoformat(self.started_at).strftime("%a %d %b %H:%M")
        return f"{self.workout_name}, started {started}\n{self.sets_done} set(s) done, {self.counted_reps} rep(s) counted"


def make(engine: Engine, *, session_id: str, started_at: datetime, journal: Path) -> Checkpoint:
    workout = engine.workout
    return Checkpoint(
        session_id=session_id,
        workout_name=workout.name,
        workout_path=str(workout.path) if workout.path else "",
        workout_text=workout.text,
        journal=str(journal),
        started_at=started_at.isoformat(),
        saved_at=datetime.now().astimezone().isoformat(),
        engine=engine.to_dict(),
    )


def save(checkpoint: Checkpoint, path: Path | None = None) -> None:
    path = path or paths.checkpoint_file()
    data = json.dumps({"version": VERSION, **asdict(checkpoint)}, separators=(",", ":")).encode()
    _atomic_write(path, data)


def _atomic_write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".checkpoint-", dir=path.parent)
    except OSError as exc:
        raise CheckpointError(f"cannot save the session in progress in {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:  # mkstemp files are owner-only already
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise CheckpointError(f"cannot save the session in progress to {path}: {exc.strerror or exc}") from None
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def load(path: Path | None = None) -> Checkpoint | None:
    """The checkpoint, or None when there is none. A damaged one raises, and is left in place."""
    path = path or paths.checkpoint_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CheckpointError(f"cannot read the unfinished session {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
        if data.pop("version", None) != VERSION:
            raise ValueError("unknown version")
        checkpoint = Checkpoint(**data)
        checkpoint.restore()  # it must rebuild, or it is no use
    except Exception as exc:  # noqa: BLE001 - any defect means the same thing to the user
        raise CheckpointError(f"the unfinished session in {path} cannot be read ({exc}); it is left there untouched") from None
    return checkpoint


def clear(path: Path | None = None) -> None:
    path = path or paths.checkpoint_file()
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def record(checkpoint: Checkpoint, status: str = "partial", ended_at: datetime | None = None) -> dict[str, Any]:
    return session_record(
        checkpoint.restore(),
        session_id=checkpoint.session_id,
        started_at=datetime.fromisoformat(checkpoint.started_at),
        ended_at=ended_at or datetime.fromisoformat(checkpoint.saved_at),
        status=status,
    )


def save_partial(checkpoint: Checkpoint, path: Path | None = None) -> None:
    """Write the unfinished session to its journal as partial; only then remove the checkpoint."""
    append_session(Path(checkpoint.journal), record(checkpoint))
    clear(path)


def rescue(session: dict[str, Any]) -> Path:
    """Last resort when neither the journal nor the checkpoint can be written: the session as
    TOML in the temporary folder, so the message can name where it is."""
    folder = Path(tempfile.gettempdir())
    target = folder / f"calftui-unsaved-{session['id']}.toml"
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(session_block(session))
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise JournalError(f"cannot write the session anywhere (last try: {target}: {exc.strerror or exc})") from None
    return target

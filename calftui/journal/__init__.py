"""The journal: the TOML file that is the truth (:mod:`.tomlfile`), one shape for its sessions
(:mod:`.entries`), what each session says (:mod:`.facts`), and the derived SQLite store
(:mod:`.store`) that :class:`Journal` reads it through. Everything else imports from here.

Other packages import from here only. A name loads its module when first asked for, so importing
the package costs nothing until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common import lazy_face

if TYPE_CHECKING:
    from calftui.journal.entries import (
        SHORT_REST_SLACK_S as SHORT_REST_SLACK_S,
        LoggedSession as LoggedSession,
        LoggedSet as LoggedSet,
    )
    from calftui.journal.facade import (
        Best as Best,
        Done as Done,
        ExerciseStats as ExerciseStats,
        Journal as Journal,
        Problems as Problems,
        Row as Row,
        WorkoutStats as WorkoutStats,
        database_for as database_for,
        point as point,
    )
    from calftui.journal.facts import (
        Balance as Balance,
        ExerciseFacts as ExerciseFacts,
        Score as Score,
        SessionFacts as SessionFacts,
        e1rm as e1rm,
        load_class as load_class,
        scores as scores,
        session_facts as session_facts,
        superset_labels as superset_labels,
        target_seconds as target_seconds,
    )
    from calftui.journal.store import (
        Progress as Progress,
    )
    from calftui.journal.tomlfile import (
        SESSION_HEADER as SESSION_HEADER,
        AlreadyInJournal as AlreadyInJournal,
        Block as Block,
        Damage as Damage,
        JournalError as JournalError,
        Reading as Reading,
        WouldNotReadBack as WouldNotReadBack,
        append_blocks as append_blocks,
        append_sessions as append_sessions,
        as_written as as_written,
        blocks as blocks,
        content_id as content_id,
        parse_block as parse_block,
        parse_bytes as parse_bytes,
        read_bytes as read_bytes,
        read_journal as read_journal,
        session_block as session_block,
        set_table as set_table,
    )

__getattr__, __dir__ = lazy_face(__name__, {
    "LoggedSession": "entries",
    "LoggedSet": "entries",
    "SHORT_REST_SLACK_S": "entries",
    "Best": "facade",
    "Done": "facade",
    "ExerciseStats": "facade",
    "Journal": "facade",
    "Problems": "facade",
    "Row": "facade",
    "WorkoutStats": "facade",
    "database_for": "facade",
    "point": "facade",
    "Balance": "facts",
    "ExerciseFacts": "facts",
    "Score": "facts",
    "SessionFacts": "facts",
    "e1rm": "facts",
    "load_class": "facts",
    "scores": "facts",
    "session_facts": "facts",
    "superset_labels": "facts",
    "target_seconds": "facts",
    "Progress": "store",
    "AlreadyInJournal": "tomlfile",
    "Block": "tomlfile",
    "Damage": "tomlfile",
    "JournalError": "tomlfile",
    "Reading": "tomlfile",
    "SESSION_HEADER": "tomlfile",
    "WouldNotReadBack": "tomlfile",
    "append_blocks": "tomlfile",
    "append_sessions": "tomlfile",
    "as_written": "tomlfile",
    "blocks": "tomlfile",
    "content_id": "tomlfile",
    "parse_block": "tomlfile",
    "parse_bytes": "tomlfile",
    "read_bytes": "tomlfile",
    "read_journal": "tomlfile",
    "session_block": "tomlfile",
    "set_table": "tomlfile",
})

__all__ = [
    "SESSION_HEADER",
    "SHORT_REST_SLACK_S",
    "AlreadyInJournal",
    "Balance",
    "Best",
    "Block",
    "Damage",
    "Done",
    "ExerciseFacts",
    "ExerciseStats",
    "Journal",
    "JournalError",
    "LoggedSession",
    "LoggedSet",
    "Problems",
    "Progress",
    "Reading",
    "Row",
    "Score",
    "SessionFacts",
    "WorkoutStats",
    "WouldNotReadBack",
    "append_blocks",
    "append_sessions",
    "as_written",
    "blocks",
    "content_id",
    "database_for",
    "e1rm",
    "load_class",
    "parse_block",
    "parse_bytes",
    "point",
    "read_bytes",
    "read_journal",
    "scores",
    "session_block",
    "session_facts",
    "set_table",
    "superset_labels",
    "target_seconds",
]

"""The journal: the TOML file that is the truth (:mod:`.tomlfile`), one shape for its sessions
(:mod:`.entries`), what each session says (:mod:`.facts`), and the derived SQLite store
(:mod:`.store`) that :class:`Journal` reads it through. Everything else imports from here."""

from calftui.journal.entries import SHORT_REST_SLACK_S, LoggedSession, LoggedSet
from calftui.journal.facade import Best, Done, Journal, Problems, Row, database_for, point
from calftui.journal.facts import (
    Balance,
    ExerciseFacts,
    Score,
    SessionFacts,
    e1rm,
    scores,
    session_facts,
    superset_labels,
)
from calftui.journal.store import Progress
from calftui.journal.tomlfile import (
    SESSION_HEADER,
    AlreadyInJournal,
    Block,
    Damage,
    JournalError,
    Reading,
    WouldNotReadBack,
    append_blocks,
    append_sessions,
    as_written,
    blocks,
    content_id,
    parse_block,
    parse_bytes,
    read_bytes,
    read_journal,
    session_block,
    set_table,
)

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
    "WouldNotReadBack",
    "append_blocks",
    "append_sessions",
    "as_written",
    "blocks",
    "content_id",
    "database_for",
    "e1rm",
    "parse_block",
    "parse_bytes",
    "point",
    "read_bytes",
    "read_journal",
    "scores",
    "session_block",
    "session_facts",
    "set_table",
    "superset_labels"
]

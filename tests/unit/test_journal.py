"""The journal: append-only, block by block, never losing or rewriting what is there."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calftui.journal import (
    SESSION_HEADER,
    JournalError,
    LoggedSession,
    blocks,
    parse_bytes,
    read_journal,
    scores,
)

from conftest import examples
from journal_helpers import append_session, as_session, make_session, session_block


def as_logged(session: dict) -> dict:
    """What reading a written session must give back, field for field."""
    return {k: session[k] for k in ("id", "workout", "workout_file", "started_at", "ended_at", "status", "notes")}


def logged_fields(s: LoggedSession) -> dict:
    return {"id": s.id, "workout": s.workout, "workout_file": s.workout_file, "started_at": s.started_at,
            "ended_at": s.ended_at, "status": s.status, "notes": s.notes}


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
seconds = st.floats(0, 3600, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3))
optional = st.fixed_dictionaries({}, optional={  # the keys written only when they apply (SPEC §4)
    "reps_typed": st.just(True), "reps_edited": st.just(True), "count": st.just("tempo"),
    "rpe": st.sampled_from([6.0, 7.5, 8.0, 10.0]), "note": text.filter(str.strip), "rest_planned_s": seconds})
sets = st.one_of(
    st.builds(lambda name, reps, dur, rest, fail, warm, w, taps, extra: {
        "exercise": name, "kind": "reps", "set": 1, "side": "both", "reps": len(taps), "target_reps": reps,
        **({"weight": w, "unit": "kg"} if w is not None else {}), "duration_s": dur, "rest_before_s": rest,
        "failure": fail, "warmup": warm, "rep_at_s": sorted(taps), **extra},
        text.filter(bool), st.integers(1, 50), seconds, seconds, st.booleans(), st.booleans(),
        st.none() | st.floats(0, 500, allow_nan=False).map(lambda x: round(x, 2)), st.lists(seconds, max_size=40),
        optional),
    st.builds(lambda name, n: {"exercise": name, "kind": "reps", "set": n, "side": "both", "target_reps": 12,
                               "duration_s": 0.0, "rest_before_s": 0.0, "failure": False, "warmup": False,
                               "skipped": True, "rep_at_s": []},
              text.filter(bool), st.integers(1, 9)),  # passed over: no reps at all, and not torn for it
    st.builds(lambda name, dur, side, planned: {"exercise": name, "kind": "timed", "set": 2, "side": side,
                                                "duration_s": dur, "rest_before_s": 0.0, "failure": False,
                                                "warmup": False, **planned},
              text.filter(bool), seconds, st.sampled_from(["left", "right", "both"]),
              st.fixed_dictionaries({}, optional={"planned_s": seconds})),
)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.sampled_from([UTC, timezone(timedelta(hours=-7, minutes=-30))])).map(
    lambda d: d.replace(microsecond=0))
sessions = st.builds(lambda i, w, s, e, status, notes, ss: {
    "id": i, "workout": w, "workout_file": "x.toml", "started_at": s, "ended_at": e, "status": status,
    "notes": notes, "sets": ss}, st.uuids().map(str), text, moments, moments, st.sampled_from(["completed", "partial"]),
    text, st.lists(sets, min_size=1, max_size=6))


@settings(max_examples=examples(200, 40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(session=sessions)
def test_any_session_round_trips_exactly(session: dict) -> None:
    reading = parse_bytes(session_block(session).encode())
    assert reading.damage == []
    [back] = reading.sessions
    assert logged_fields(back) == as_logged(session)
    assert len(back.sets) == len(session["sets"])
    for written, read in zip(session["sets"], back.sets, strict=True):
        for key, value in written.items():
            got = getattr(read, key)
            assert (list(got) if key == "rep_at_s" else got) == value, key


def test_append_creates_owner_only_file_and_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "journal.toml"
    append_session(path, make_session(0))
    assert (path.stat().st_mode & 0o777) == 0o600
    assert len(read_journal(path).sessions) == 1


def test_appending_never_touches_earlier_bytes(tmp_path: Path) -> None:
    path = tmp_path / "journal.toml"
    path.write_text("# my training log, by hand\n\n[[session]]\nworkout = \"By hand\"\nstarted_at = "
                    "2026-01-01T10:00:00\n\n"
                    "[[session.sets]]\nexercise = \"Raise\"\nkind = \"reps\"\nreps = 12\n")
    before = path.read_bytes()
    for n in range(3):
        append_session(path, make_session(n))
        assert path.read_bytes().startswith(before)
    reading = read_journal(path)
    assert [s.workout for s in reading.sessions] == ["By hand"] + ["Calf raise death set"] * 3
    assert reading.damage == []


def test_spec_example_written_by_hand_is_read() -> None:
    spec = textwrap.dedent('''\
        [[session]]
        id = "0f6c1c3e-6a0f-4a7e-9a57-2f1f0b2d9a11"    # unique
        workout = "Calf raise death set"
        workout_file = "death-set.toml"
        started_at = 2026-11-20T18:02:11+01:00
        ended_at = 2026-11-20T18:14:40+01:00
        status = "completed"                           # or "partial"
        notes = ""

        [[session.sets]]
        exercise = "Standing calf raise death set"
        kind = "target"                                # reps | target | timed
        set = 1                                        # set or mini-set number within the exercise
        side = "both"                                  # both | left | right
        reps = 27                                      # reps and target sets
        target_reps = 100                              # the goal that applied (reps: the top of the range)
        duration_s = 41.3                              # time working
        rest_before_s = 0.0                            # rest actually taken before this set
        failure = true
        warmup = false
        weight = 20.0                                  # when a load was set
        unit = "kg"
        rep_at_s = [1.2, 3.1, 5.0]                     # when each rep was tapped, seconds from the set's start
        ''').encode()
    reading = parse_bytes(spec)
    assert reading.damage == []
    [session] = reading.sessions
    assert session.sets[0].reps == 27 and session.sets[0].rep_at_s == (1.2, 3.1, 5.0)
    assert session.duration_s == 749


def test_torn_last_block_at_every_offset(tmp_path: Path) -> None:
    path = tmp_path / "journal.toml"
    append_session(path, make_session(0))
    intact = path.read_bytes()
    append_session(path, make_session(1, sets=4))
    whole = path.read_bytes()
    full = read_journal(path).sessions[1]
    for cut in range(len(intact), len(whole)):
        reading = parse_bytes(whole[:cut])
        assert len(reading.sessions) >= 1
        assert logged_fields(reading.sessions[0]) == logged_fields(read_journal(path).sessions[0])
        assert reading.sessions[0].sets == read_journal(path).sessions[0].sets
        if len(reading.sessions) == 2:  # only where nothing that matters was cut: trailing white space
            assert reading.sessions[1] == full, f"cut at {cut} came back shorter"
        else:
            tail = whole[len(intact):cut]
            silent = not reading.damage and tail.strip(b"\n") and b"[[session]]" in tail
            assert not silent, f"cut at {cut} vanished silently"


def test_garbage_in_the_middle_costs_only_its_block(tmp_path: Path) -> None:
    path = tmp_path / "journal.toml"
    for n in range(2):
        append_session(path, make_session(n))
    with open(path, "ab") as f:
        f.write(b"\n[[session]]\nworkout = \"oops\nthis = is not toml\n\x00\xff\xfe\n")
    for n in range(2, 4):
        append_session(path, make_session(n))
    before = path.read_bytes()
    reading = read_journal(path)
    assert [s.notes for s in reading.sessions] == ["session 0", "session 1", "session 2", "session 3"]
    [damage] = reading.damage
    header = before[: before.index(b'workout = "oops')].count(b"\n")  # the garbage block's [[session]] line
    assert header <= damage.line <= header + 3
    assert path.read_bytes() == before


def test_hand_written_session_without_sets_is_reported(tmp_path: Path) -> None:
    reading = parse_bytes(b'[[session]]\nworkout = "x"\nstarted_at = 2026-01-01T10:00:00\n')
    assert not reading.sessions and "no [[session.sets]]" in reading.damage[0].message


@pytest.mark.parametrize("taps", ["[1.0, nan]", "[nan, 1.0]", "[1.0, 2.0, inf]", "[1.0, -0.5]", "[1.0, true]",
                                  '[1.0, "2"]', "[1.0, 1e12]", "[[1.0]]", '"1.0"'])
def test_tap_times_that_are_not_seconds_cost_only_their_session(taps: str) -> None:
    good = '[[session]]\nworkout = "x"\nstarted_at = 2026-01-01T10:00:00Z\n[[session.sets]]\nexercise = "Raise"\n'
    reading = parse_bytes(f"{good}rep_at_s = [1.0, 2.0]\n\n{good}rep_at_s = {taps}\n".encode())
    assert len(reading.sessions) == 1 and reading.sessions[0].sets[0].rep_at_s == (1.0, 2.0)
    [damage] = reading.damage
    assert damage.line == 11 and "set 1: rep_at_s" in damage.message, damage  # the line of the set's table


def test_missing_journal_is_empty(tmp_path: Path) -> None:
    reading = read_journal(tmp_path / "none.toml")
    assert reading.sessions == [] and reading.damage == []


def test_journal_that_is_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="folder"):
        read_journal(tmp_path)


def test_scores_follow_the_spec() -> None:
    session = parse_bytes(session_block(make_session(0, sets=5)).encode()).sessions[0]
    [score] = scores(session.sets)
    minis = [s for s in session.sets if s.kind == "target"]
    assert score.mini_sets == len(minis) == 4
    assert score.seconds == pytest.approx(sum(s.duration_s for s in minis) + sum(s.rest_before_s for s in minis[1:]))


def test_unwritable_folder_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(JournalError, match="cannot open the journal"):
        append_session(blocker / "journal.toml", make_session(0))


def test_an_id_already_in_the_journal_is_refused(tmp_path: Path) -> None:
    from calftui.journal import AlreadyInJournal, append_sessions

    path = tmp_path / "journal.toml"
    first, second = make_session(0), make_session(1)
    append_session(path, first)
    before = path.read_bytes()
    with pytest.raises(AlreadyInJournal):
        append_session(path, first)
    assert path.read_bytes() == before
    written = append_sessions(path, [as_session(t) for t in (first, second, second)], skip_present=True)
    assert written == [second["id"]]
    assert [s.id for s in read_journal(path).sessions] == [first["id"], second["id"]]


def test_an_id_in_a_hand_written_session_counts_too(tmp_path: Path) -> None:
    from calftui.journal import AlreadyInJournal

    path = tmp_path / "journal.toml"
    session = make_session(0)
    path.write_text(f"[[session]]\n  id='{session['id']}'   # by hand\nworkout = \"W\"\n")
    with pytest.raises(AlreadyInJournal):
        append_session(path, session)
    other = make_session(1)
    path.write_text(f'[[session]]\nnotes = "{other["id"]}"\n')  # the id as text elsewhere is not a session's id
    append_session(path, other)


header_bits = st.lists(st.sampled_from([b"[[session]]", b"[[ session ]]", b"[[session.sets]]", b"\n", b"\r\n",
                                        b" ", b"\t", b"# [[session]]", b"\xef\xbb\xbf", b"x", b'"[[session]]"',
                                        b"]]", b"[["]),
                       max_size=40).map(b"".join)


@given(header_bits)
def test_blocks_start_exactly_where_the_header_pattern_finds_a_header(data: bytes) -> None:
    starts = [b.offset for b in blocks(data)]
    expected = [m.start() for m in SESSION_HEADER.finditer(data)]
    last = data.rfind(b"\n") + 1
    if data[last:].strip() and b"[[session]]".startswith(data[last:].strip()) and data[last:].strip() != b"[[session]]":
        expected.append(last)  # a header torn part-way: the start of a (damaged) block of its own
    assert [s for s in starts if s] == [e for e in expected if e]  # (text before the first header: its own block)
    assert b"".join(b.data for b in blocks(data)) == data  # every byte in exactly one block


def test_a_note_that_quotes_a_journal_keeps_its_session_whole(tmp_path: Path) -> None:
    """A multi-line string may hold a [[session]] line (a note pasting another journal's lines):
    it is no header, and the session is read whole, not as two damaged halves."""
    note = 'notes = """copied from my old log:\n[[session]]\nworkout = "old"\n"""\n'
    block = session_block(make_session(1)).replace('notes = "session 1"\n', note)
    data = (session_block(make_session(0)) + "\n" + block + "\n" + session_block(make_session(2))).encode()
    reading = parse_bytes(data)
    assert reading.damage == [] and [s.notes for s in reading.sessions] == [
        "session 0", 'copied from my old log:\n[[session]]\nworkout = "old"\n', "session 2"]
    path = tmp_path / "journal.toml"
    path.write_bytes(data)
    from calftui.journal import Journal

    journal = Journal(path)
    assert journal.count() == 3 and journal.problems().damage == []
    with open(path, "ab") as out:  # a torn write that ends inside such a note costs only its own block
        out.write(b'\n[[session]]\nworkout = "W"\nnotes = """half\n')
    assert journal.count() == 3 and len(journal.problems().damage) == 1


@pytest.mark.parametrize("header", ["[session]", "[[sessions]]", "[sessions]", "[[Session]]", "[[session]",
                                    " [ session ] # typed by hand"])
def test_a_mistyped_session_header_costs_only_its_own_session(tmp_path: Path, header: str) -> None:
    # Joined to the session above it, a mistyped header once made that session unreadable too.
    tables = [make_session(n) for n in range(3)]
    blocks_written = [session_block(table) for table in tables]
    second = blocks_written[1].replace("[[session]]", header, 1)
    path = tmp_path / "journal.toml"
    path.write_text(blocks_written[0] + second + blocks_written[2])
    before = path.read_bytes()
    reading = read_journal(path)
    assert [s.id for s in reading.sessions] == [tables[0]["id"], tables[2]["id"]]
    [damage] = reading.damage
    assert damage.line == blocks_written[0].count("\n") + 1
    typed = header.split("#")[0].strip()
    assert damage.message == f"{typed} is no journal header (a session starts with [[session]]), skipped"
    assert path.read_bytes() == before


def test_a_header_typed_inside_a_note_is_part_of_the_note(tmp_path: Path) -> None:
    table = make_session(1)
    table["notes"] = "copied from my old log:\n[session]\n[[sessions]]\nall good"
    path = tmp_path / "journal.toml"
    path.write_text(session_block(make_session(0)) + session_block(table))
    reading = read_journal(path)
    assert not reading.damage and reading.sessions[1].notes == table["notes"]

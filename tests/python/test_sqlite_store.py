"""The SQLite store from Python: everything survives closing the engine and reopening the file in
a new one, SLA clocks included; bad files raise StorageError."""
import datetime as dt
import gc
import sqlite3

import pytest

import ticketflow as tf
from ticketflow import sla

HOUR = dt.timedelta(hours=1)


def reopen(path, clock):
    return tf.Engine(tf.SqliteStore(str(path)), clock)


def test_a_new_engine_on_the_file_finds_everything(tmp_path, clock, draft, customer, owner,
                                                   supervisor):
    path = tmp_path / "tickets.db"
    engine = reopen(path, clock)
    first = engine.open(draft, customer)
    engine.assign(first.id, supervisor, owner.id)
    engine.add_note(first.id, owner, "看过了", tf.Visibility.customer)
    before = engine.get(first.id)
    trail = engine.audit_trail(first.id)
    status = engine.sla_status(first.id)
    del engine
    gc.collect()

    engine = reopen(path, clock)
    assert engine.get(first.id) == before
    assert engine.find_by_number(before.number) == before
    assert engine.audit_trail(first.id) == trail
    assert engine.sla_status(first.id) == status
    # The number sequence carries on.
    second = engine.open(draft, customer)
    assert second.number == "HT202310010002"


def test_sla_deadlines_survive_the_restart(tmp_path, clock, draft, customer):
    path = tmp_path / "tickets.db"
    engine = reopen(path, clock)
    ticket = engine.open(draft, customer)
    del engine
    gc.collect()
    clock.advance(2 * HOUR)
    engine = reopen(path, clock)
    report = engine.tick()
    assert [e.action for e in report.events] == ["sla_warning", "sla_breach", "sla_escalation"]
    assert engine.sla_status(ticket.id).metric(sla.Metric.first_response).breached_at is not None


def test_options_and_schema_version(tmp_path):
    store = tf.SqliteStore(str(tmp_path / "t.db"), synchronous=tf.Durability.normal,
                           busy_timeout=dt.timedelta(milliseconds=250))
    assert store.path.endswith("t.db")
    assert tf.SqliteStore.schema_version >= 1


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database, just some text " * 100)
    with pytest.raises(tf.StorageError):
        tf.SqliteStore(str(path))


def test_a_read_only_store_refuses_writes(tmp_path, clock, draft, customer):
    path = tmp_path / "tickets.db"
    engine = reopen(path, clock)
    ticket = engine.open(draft, customer)
    del engine
    gc.collect()
    engine = tf.Engine(tf.SqliteStore(str(path), read_only=True), clock)
    assert engine.get(ticket.id).id == ticket.id
    with pytest.raises(tf.StorageError):
        engine.open(draft, customer)


def test_a_full_store_raises_storage_error_and_stays_usable(tmp_path, clock, draft, customer):
    engine = tf.Engine(tf.SqliteStore(str(tmp_path / "t.db"), max_size_bytes=256 * 1024), clock)
    draft.description = "x" * 15000
    opened = []
    with pytest.raises(tf.StorageError, match="full"):
        for _ in range(1000):
            opened.append(engine.open(draft, customer))
    assert len(opened) >= 2
    assert [engine.get(ticket.id) for ticket in opened] == opened
    assert engine.find(tf.TicketQuery(limit=100)).items == opened


def test_group_commit_stores_every_write_of_concurrent_threads(tmp_path, clock, draft, customer,
                                                               owner):
    store = tf.SqliteStore(str(tmp_path / "grouped.db"), group_commit=32)
    assert store.group_commit == 32
    engine = tf.Engine(store, clock)
    tickets = [engine.open(draft, customer).id for _ in range(4)]
    # The engine releases the GIL while it waits for the commit, so the native threads overlap.
    added = tf._ticketflow._testing.add_notes_from_native_threads(
        engine, tickets, owner, threads=8, notes_per_thread=25)
    assert added == 200
    assert sum(engine.get(t).version for t in tickets) == 4 + 200
    del engine, store
    gc.collect()
    reopened = tf.Engine(tf.SqliteStore(str(tmp_path / "grouped.db")), clock)
    assert sum(len(reopened.audit_trail(t)) for t in tickets) == 4 + 200


def damage(path, sql, *args):
    """Changes the file behind the store's back, as anything outside ticketflow could."""
    with sqlite3.connect(str(path)) as raw:
        raw.execute(sql, args)
    raw.close()


def four_tickets(path, clock, draft, customer, owner, supervisor):
    """Three open tickets and one closed one (the second), all owned by `owner`."""
    engine = reopen(path, clock)
    tickets = [engine.open(draft, customer).id for _ in range(4)]
    for id in tickets:
        engine.assign(id, supervisor, owner.id)
        engine.start(id, owner)
    engine.resolve(tickets[1], owner, "更换定影辊")
    engine.confirm(tickets[1], customer, 5)
    stored = engine.find().items
    del engine
    gc.collect()
    return stored


@pytest.mark.parametrize("which", ["open", "closed"])
def test_a_damaged_row_is_corrupt_for_its_ticket_only(tmp_path, clock, draft, customer, owner,
                                                      supervisor, which):
    path = tmp_path / "tickets.db"
    tickets = four_tickets(path, clock, draft, customer, owner, supervisor)
    hurt = tickets[2] if which == "open" else tickets[1]
    assert hurt.state == (tf.TicketState.in_progress if which == "open" else
                          tf.TicketState.closed)
    damage(path, "update tickets set document = '{' where id = ?", hurt.id)

    store = tf.SqliteStore(str(path))
    engine = tf.Engine(store, clock)  # starts: the damage does not stop it
    with pytest.raises(tf.CorruptRecord) as raised:
        engine.get(hurt.id)
    assert raised.value.ticket == hurt.id
    assert isinstance(raised.value, tf.StorageError)
    with pytest.raises(tf.CorruptRecord):
        engine.find_by_number(hurt.number)
    with pytest.raises(tf.CorruptRecord):
        engine.add_note(hurt.id, owner, "还在吗？")

    page = engine.find()
    assert page.damaged == [hurt.id]
    assert page.items == [t for t in tickets if t.id != hurt.id]
    for ticket in page.items:
        assert engine.get(ticket.id) == ticket
        assert len(engine.audit_trail(ticket.id)) == ticket.version
        if ticket.state != tf.TicketState.closed:
            engine.add_note(ticket.id, owner, "损坏之后仍可处理")
    assert engine.next_sla_deadline() is not None

    [record] = store.verify()
    assert (record.ticket, record.kind, record.row) == (hurt.id, tf.RecordKind.ticket, 0)
    assert "document is unreadable" in record.what


def test_verify_names_a_damaged_audit_event_and_its_trail_is_corrupt(tmp_path, clock, draft,
                                                                     customer, owner, supervisor):
    path = tmp_path / "tickets.db"
    tickets = four_tickets(path, clock, draft, customer, owner, supervisor)
    damage(path, "insert into audit_events (ticket_id, sequence, at, document) "
                 "values (?, 99, 0, 'not json')", tickets[0].id)
    store = tf.SqliteStore(str(path))
    engine = tf.Engine(store, clock)
    with pytest.raises(tf.CorruptRecord, match="audit event 99"):
        engine.audit_trail(tickets[0].id)
    assert engine.get(tickets[0].id) == tickets[0]
    [record] = store.verify()
    assert (record.ticket, record.kind, record.row) == (tickets[0].id, tf.RecordKind.audit_event,
                                                        99)
    assert "audit event 99" in record.what


def test_a_healthy_file_verifies_empty(tmp_path, clock, draft, customer, owner, supervisor):
    path = tmp_path / "tickets.db"
    four_tickets(path, clock, draft, customer, owner, supervisor)
    assert tf.SqliteStore(str(path)).verify() == []
    assert tf.MemoryStore().verify() == []

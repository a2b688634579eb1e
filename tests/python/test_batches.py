"""Batches from Python: `with store.batch():` and `with engine.batch():` commit the block's units
of work in one transaction, roll all of it back when an exception leaves the block, and leave a
refused unit out; other threads wait. Every store kind, a store written in Python included."""
import threading
import time

import pytest

import ticketflow as tf
from conftest import START, make_draft
from python_stores import BatchingStore, DelegatingStore


@pytest.fixture(params=["memory", "sqlite", "python"])
def store(request, tmp_path):
    if request.param == "memory":
        return tf.MemoryStore()
    if request.param == "sqlite":
        return tf.SqliteStore(str(tmp_path / "batches.db"))
    return BatchingStore()


def create(store):
    ticket = tf.Ticket(**{name: getattr(make_draft(), name) for name in tf.TicketDraft._fields},
                       version=1)
    opened = tf.AuditEvent(at=START, actor=tf.Actor.customer("cust-1001"), action="open")
    return store.create(tf.TicketCreation(ticket, [opened], "K", lambda seq: f"N-{seq}"))


def change(ticket):
    changed = tf.Ticket(**{name: getattr(ticket, name) for name in tf.Ticket._fields})
    changed.version = ticket.version + 1
    noted = tf.AuditEvent(at=START, actor=tf.Actor.agent("eng-li"), action="add_note")
    return tf.TicketUpdate(changed, ticket.version, [noted])


def numbers(store):
    return [t.number for t in store.find(tf.TicketQuery()).items]


def test_a_batch_stores_its_units_together_and_reads_its_own_writes(store):
    with store.batch() as batch:
        assert batch.active
        first = create(store)
        second = create(store)
        assert store.load(first.id) == first
        assert store.load_by_number("N-2") == second
    assert not batch.active
    assert numbers(store) == ["N-1", "N-2"]


def test_an_exception_leaving_the_block_rolls_the_whole_batch_back(store):
    create(store)
    with pytest.raises(RuntimeError, match="row 3"):
        with store.batch():
            create(store)
            store.next_sequence("other")
            raise RuntimeError("row 3 is malformed")
    assert numbers(store) == ["N-1"]
    assert store.next_sequence("other") == 1
    assert create(store).number == "N-2"


def test_a_refused_unit_changes_nothing_and_the_batch_goes_on(store):
    ticket = create(store)
    with store.batch():
        store.update(change(ticket))
        with pytest.raises(tf.VersionConflict):
            store.update(change(ticket))
        create(store)
    assert numbers(store) == ["N-1", "N-2"]
    assert len(store.audit_trail(ticket.id)) == 2


def test_a_batch_inside_a_batch_raises_and_the_outer_goes_on(store):
    with store.batch():
        with pytest.raises(tf.ValidationError, match="do not nest"):
            with store.batch():
                pass
        create(store)
    assert numbers(store) == ["N-1"]


def test_commit_and_roll_back_may_be_called_inside_the_block(store):
    with store.batch() as batch:
        create(store)
        batch.roll_back()
    assert numbers(store) == []
    with store.batch() as batch:
        create(store)
        batch.commit()
        create(store)  # after the batch: stored on its own
    assert numbers(store) == ["N-1", "N-2"]


def test_a_python_store_without_batch_methods_stores_each_unit_on_its_own():
    store = DelegatingStore()
    with pytest.raises(RuntimeError):
        with store.batch():
            create(store)
            raise RuntimeError("nothing to undo it with")
    assert numbers(store) == ["N-1"]


def test_a_python_store_is_asked_to_begin_and_end_its_batches():
    store = BatchingStore()
    with store.batch():
        create(store)
    with pytest.raises(RuntimeError):
        with store.batch():
            raise RuntimeError("abandoned")
    assert [c for c in store.calls if c.endswith("_batch")] == [
        "begin_batch", "commit_batch", "begin_batch", "roll_back_batch"]


@pytest.fixture
def batch_engine(store, clock):
    return tf.Engine(store, clock)


def test_an_engine_batch_saves_its_commands_together(batch_engine, draft, customer, owner,
                                                     supervisor):
    with batch_engine.batch():
        opened = batch_engine.open(draft, customer)
        batch_engine.assign(opened.id, supervisor, owner.id)
        with pytest.raises(tf.InvalidTransition):
            batch_engine.confirm(opened.id, customer, 5)  # nothing to confirm yet
    assert batch_engine.get(opened.id).state == tf.TicketState.assigned
    assert [e.action for e in batch_engine.audit_trail(opened.id)] == ["open", "assign"]


def test_an_abandoned_engine_batch_leaves_the_engine_as_the_store_is(batch_engine, store, clock,
                                                                     draft, customer):
    kept = batch_engine.open(draft, customer)
    deadline = batch_engine.next_sla_deadline()
    assert deadline is not None
    with pytest.raises(RuntimeError):
        with batch_engine.batch():
            batch_engine.cancel(kept.id, customer, "duplicate")
            assert batch_engine.next_sla_deadline() is None
            raise RuntimeError("abandoned")
    assert batch_engine.next_sla_deadline() == deadline
    assert batch_engine.get(kept.id).state == tf.TicketState.new
    assert tf.Engine(store, clock).next_sla_deadline() == deadline


def test_another_thread_waits_for_the_engine_batch(batch_engine, draft, customer, owner):
    ticket = batch_engine.open(draft, customer)
    done = threading.Event()

    def note():
        batch_engine.add_note(ticket.id, owner, "from another thread")
        done.set()

    with batch_engine.batch():
        batch_engine.add_note(ticket.id, owner, "in the batch")
        other = threading.Thread(target=note)
        other.start()
        time.sleep(0.05)
        assert not done.is_set()
    other.join()
    assert [e.note for e in batch_engine.audit_trail(ticket.id)][1:] == [
        "in the batch", "from another thread"]

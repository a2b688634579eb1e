"""Stores and clocks written in Python: the engine calls them like any C++ store, turns their
ticketflow errors into its own refusals, and may call them from many threads at once."""
import datetime as dt
import sys
import threading

import pytest

import ticketflow as tf
from python_stores import DelegatingStore


class RacingStore(DelegatingStore):
    """Before each update, another engine on the same memory store changes the ticket first, as a
    second application instance would: the update then finds a newer version than it read."""

    def __init__(self, clock):
        super().__init__()
        self.rival = tf.Engine(self.inner, clock)
        self.seen = []

    def update(self, update):
        self.seen.append((update.expected_version, update.ticket.version,
                          [event.action for event in update.events]))
        self.rival.add_note(update.ticket.id, tf.Actor.agent("eng-wang"), "我先改了")
        return super().update(update)


class MissingStore(DelegatingStore):
    """Creates tickets, then claims to have lost them."""

    def load(self, id):
        raise tf.NotFound(f"ticket #{id} was archived", ticket=id)


class CountingClock(tf.Clock):
    """A clock written in Python: a fixed instant, and how often the engine asked."""

    def __init__(self, now):
        super().__init__()
        self.instant = now
        self.calls = 0
        self._lock = threading.Lock()

    def now(self):
        with self._lock:
            self.calls += 1
        return self.instant


def test_a_python_store_drives_a_whole_lifecycle(clock, draft, customer, owner, supervisor):
    store = DelegatingStore()
    engine = tf.Engine(store, clock)
    ticket = engine.open(draft, customer)
    assert (ticket.number, ticket.version) == ("HT202310010001", 1)
    # A new engine reads the stored tickets' SLA deadlines once, then opening is one create.
    assert store.calls == ["find", "create"]
    engine.assign(ticket.id, supervisor, "eng-li")
    engine.start(ticket.id, owner)
    engine.resolve(ticket.id, owner, "更换定影辊")
    closed = engine.confirm(ticket.id, customer, 5, "谢谢")

    assert closed.state == tf.TicketState.closed
    assert store.calls.count("update") == 4
    assert store.inner.load(ticket.id) == closed
    assert engine.get(ticket.id) == closed
    assert engine.find_by_number(ticket.number) == closed
    assert engine.find(tf.TicketQuery(state="closed")).items == [closed]
    assert [e.action for e in engine.audit_trail(ticket.id)] == [
        "open", "assign", "start", "resolve", "confirm"]
    assert {"load", "load_by_number", "find", "audit_trail"} <= set(store.calls)


def test_a_python_store_allocates_numbers_through_next_sequence(clock, draft, customer):
    store = DelegatingStore()
    engine = tf.Engine(store, clock)
    engine.open(draft, customer)
    assert engine.open(draft, customer).number == "HT202310010002"
    assert store.inner.next_sequence("HT{yyyy}{MM}{dd}{seq:4}@20231001") == 3


def test_a_concurrent_change_in_the_store_makes_the_command_a_version_conflict(
        clock, draft, customer, supervisor):
    store = RacingStore(clock)
    engine = tf.Engine(store, clock)
    ticket = engine.open(draft, customer)

    with pytest.raises(tf.VersionConflict) as raised:
        engine.assign(ticket.id, supervisor, "eng-li")

    # The engine first works from the ticket as it saved it; the conflict sends it to the stored
    # ticket (with the rival's note), and the rival strikes again before that save too.
    assert store.seen == [(1, 2, ["assign"]), (2, 3, ["assign"])]
    error = raised.value
    assert error.code == tf.ErrorCode.version_conflict
    assert (error.ticket, error.ticket_number, error.state) == (ticket.id, ticket.number, "new")
    # Only the rival's notes were written; the refused assign left no trace.
    stored = engine.get(ticket.id)
    assert (stored.version, stored.state, stored.owner) == (3, tf.TicketState.new, "")
    assert [e.action for e in engine.audit_trail(ticket.id)] == ["open", "add_note", "add_note"]


def test_a_version_conflict_raised_by_a_python_store_reaches_the_caller(clock, draft, customer,
                                                                       owner):
    class Refusing(DelegatingStore):
        def update(self, update):
            raise tf.VersionConflict("someone was faster", ticket=update.ticket.id)

    engine = tf.Engine(Refusing(), clock)
    ticket = engine.open(draft, customer)
    with pytest.raises(tf.VersionConflict, match="someone was faster") as raised:
        engine.add_note(ticket.id, owner, "note")
    assert raised.value.ticket == ticket.id


def test_not_found_raised_by_a_python_store_is_not_found_from_the_engine(clock, draft, customer,
                                                                        owner):
    engine = tf.Engine(MissingStore(), clock)
    ticket = engine.open(draft, customer)
    with pytest.raises(tf.NotFound, match="archived") as raised:
        # Refused on the engine's own copy, so the stored ticket decides: the store has none.
        engine.confirm(ticket.id, owner, 5)
    assert raised.value.ticket == ticket.id
    with pytest.raises(tf.NotFound):
        engine.get(ticket.id)


def test_any_other_exception_from_a_python_store_propagates_unchanged(clock, draft, customer):
    class Broken(DelegatingStore):
        def load(self, id):
            raise RuntimeError("disk on fire")

    engine = tf.Engine(Broken(), clock)
    ticket = engine.open(draft, customer)
    with pytest.raises(RuntimeError, match="disk on fire"):
        engine.get(ticket.id)


def test_a_store_subclass_must_call_the_base_initialiser():
    class Forgetful(DelegatingStore):
        def __init__(self):
            pass

    with pytest.raises(TypeError, match="__init__"):
        tf.Engine(Forgetful(), tf.SystemClock())


def test_a_python_clock_sets_the_times_of_tickets_and_audit_events(store, draft, customer):
    instant = dt.datetime(2024, 5, 1, 9, 30, 15, 250000, tzinfo=dt.timezone.utc)
    clock = CountingClock(instant)
    engine = tf.Engine(store, clock)
    ticket = engine.open(draft, customer)
    assert ticket.created_at == instant
    assert engine.audit_trail(ticket.id)[0].at == instant
    assert clock.calls >= 1


def test_a_python_clock_returning_a_naive_datetime_is_refused(store, draft, customer):
    class Naive(tf.Clock):
        def now(self):
            return dt.datetime(2024, 5, 1, 9, 30)

    with pytest.raises(ValueError, match="naive"):
        tf.Engine(store, Naive()).open(draft, customer)


@pytest.fixture
def frequent_thread_switches():
    """Python hands the GIL to another thread every microsecond instead of every 5 ms."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_python_threads_drive_one_engine_over_a_python_store_and_clock(draft, customer,
                                                                       frequent_thread_switches):
    """Commands release the GIL; the store and clock take it back from the same threads. A binding
    that kept the GIL while waiting for a ticket's lock would deadlock here."""
    threads, commands = 4, 200
    store = DelegatingStore()
    clock = CountingClock(dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.timezone.utc))
    engine = tf.Engine(store, clock)
    tickets = [engine.open(draft, customer).id for _ in range(3)]
    failures = []

    def work(n):
        agent = tf.Actor.agent(f"eng-{n}")
        try:
            for i in range(commands):
                engine.add_note(tickets[(i + n) % len(tickets)], agent, f"线程 {n} 备注 {i}")
        except Exception as error:  # reported below; a thread cannot fail the test itself
            failures.append(error)

    workers = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert not any(worker.is_alive() for worker in workers), "deadlock: threads still running"
    assert failures == []
    versions = [engine.get(id).version for id in tickets]
    assert sum(versions) == len(tickets) + threads * commands
    assert all(len(engine.audit_trail(id)) == version for id, version in zip(tickets, versions))
    assert store.calls.count("update") == threads * commands
    assert clock.calls >= threads * commands


def test_a_python_store_need_not_verify_and_then_reports_nothing_damaged():
    assert DelegatingStore().verify() == []


def test_a_python_store_reports_damage_that_the_engine_contains(clock, draft, customer, owner):
    class Damaged(DelegatingStore):
        """Claims its first ticket cannot be read back, as a store over files might."""

        def load(self, id):
            if id == 1:
                raise tf.CorruptRecord("ticket #1 is damaged in storage", ticket=id)
            return super().load(id)

        def find(self, query):
            page = super().find(query)
            page.damaged = [t.id for t in page.items if t.id == 1]
            page.items = [t for t in page.items if t.id != 1]
            return page

        def verify(self):
            return [tf.DamagedRecord(ticket=1, kind=tf.RecordKind.ticket, what="unreadable")]

    store = Damaged()
    first_engine = tf.Engine(store, clock)
    first = first_engine.open(draft, customer)
    second = first_engine.open(draft, customer)
    engine = tf.Engine(store, clock)  # starts over the damaged ticket
    with pytest.raises(tf.CorruptRecord) as raised:
        engine.add_note(first.id, owner, "hello")
    assert raised.value.ticket == first.id
    assert engine.add_note(second.id, owner, "hello").version == 2
    page = engine.find()
    assert (page.items, page.damaged) == ([engine.get(second.id)], [first.id])
    assert store.verify() == [
        tf.DamagedRecord(ticket=1, kind=tf.RecordKind.ticket, what="unreadable")]

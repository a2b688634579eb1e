"""Python overrides called from threads that C++ started, which Python has never seen.

The engine releases the GIL while it runs; a Python store or clock takes it back for each call.
`_testing.add_notes_from_native_threads` starts plain std::threads that call the engine.
"""
import datetime as dt

import ticketflow as tf
from ticketflow._ticketflow import _testing


class DelegatingStore(tf.Store):
    """A store written in Python: every call goes through Python, then to a memory store."""

    def __init__(self):
        super().__init__()
        self.inner = tf.MemoryStore()
        self.writes = 0

    def create(self, creation):
        self.writes += 1
        return self.inner.create(creation)

    def update(self, update):
        self.writes += 1
        return self.inner.update(update)

    def load(self, id):
        return self.inner.load(id)

    def load_by_number(self, number):
        return self.inner.load_by_number(number)

    def find(self, query):
        return self.inner.find(query)

    def audit_trail(self, id):
        return self.inner.audit_trail(id)

    def next_sequence(self, key):
        return self.inner.next_sequence(key)


class FixedClock(tf.Clock):
    def now(self):
        return dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.timezone.utc)


def test_native_threads_call_a_python_store_and_clock_without_losing_a_command():
    store = DelegatingStore()
    engine = tf.Engine(store, FixedClock())
    draft = tf.TicketDraft(title="扫码枪失灵", description="no scans arrive",
                           customer=tf.Customer(name="Example Retail"), category="hardware_fault")
    tickets = [engine.open(draft, tf.Actor.customer("c-1")).id for _ in range(5)]

    added = _testing.add_notes_from_native_threads(engine, tickets, tf.Actor.agent("a-1"), 4, 100)

    assert added == 400
    assert sum(engine.get(id).version - 1 for id in tickets) == 400
    assert store.writes == 5 + 400
    assert all(len(engine.audit_trail(id)) == engine.get(id).version for id in tickets)

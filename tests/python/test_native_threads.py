"""Python overrides called from threads that C++ started, which Python has never seen.

The engine releases the GIL while it runs; a Python store or clock takes it back for each call.
`_testing.add_notes_from_native_threads` starts plain std::threads that call the engine.
"""
import datetime as dt

import ticketflow as tf
from ticketflow._ticketflow import _testing

from python_stores import DelegatingStore


class FixedClock(tf.Clock):
    def now(self):
        return dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.timezone.utc)


def test_native_threads_call_a_python_store_and_clock_without_losing_a_command():
    store = DelegatingStore()
    engine = tf.Engine(store, FixedClock())
    draft = tf.TicketDraft(title="扫码枪失灵", description="no scans arrive",
                           customer=tf.Customer(id="c-1", name="Example Retail"), category="hardware_fault")
    tickets = [engine.open(draft, tf.Actor.customer("c-1")).id for _ in range(5)]

    added = _testing.add_notes_from_native_threads(engine, tickets, tf.Actor.agent("a-1"), 4, 100)

    assert added == 400
    assert sum(engine.get(id).version - 1 for id in tickets) == 400
    assert sum(call in ("create", "update") for call in store.calls) == 5 + 400
    assert all(len(engine.audit_trail(id)) == engine.get(id).version for id in tickets)

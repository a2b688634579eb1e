"""The outbox from Python, on every store: messages stored with the change that causes them, one
per idempotency key; leases, settled attempts, dead entries and re-drives; errors as exceptions.
A store written in Python is driven from C++ threads too."""
import datetime as dt

import pytest

import ticketflow as tf
from conftest import START, make_draft
from python_stores import DelegatingStore

MINUTE = dt.timedelta(minutes=1)


@pytest.fixture(params=["memory", "sqlite", "python"])
def store(request, tmp_path):
    if request.param == "memory":
        return tf.MemoryStore()
    if request.param == "sqlite":
        return tf.SqliteStore(str(tmp_path / "outbox.db"))
    return DelegatingStore()


def message(recipient, channel="email", event=0, not_before=None):
    return tf.OutboxMessage(event=event, channel=channel, recipient=recipient,
                            payload='{"text": "您的工单已受理"}', not_before=not_before)


def event(action, at=START):
    return tf.AuditEvent(at=at, actor=tf.Actor.agent("eng-li"), action=action)


def create(store, outbox=()):
    ticket = tf.Ticket(**{name: getattr(make_draft(), name) for name in tf.TicketDraft._fields},
                       version=1)
    creation = tf.TicketCreation(ticket, [event("open")], "K", lambda seq: f"N-{seq}",
                                 outbox=list(outbox))
    return store.create(creation)


def change(ticket, outbox=(), at=START):
    changed = tf.Ticket(**{name: getattr(ticket, name) for name in tf.Ticket._fields})
    changed.version = ticket.version + 1
    return tf.TicketUpdate(changed, ticket.version, [event("assign", at)], list(outbox))


def lease(store, owner, now, limit=16):
    return store.lease_outbox(tf.OutboxLease(owner=owner, now=now, duration=MINUTE, limit=limit))


def settle(store, entry, owner, outcome, retry_at=START):
    return store.settle_outbox(tf.OutboxAttempt(entry=entry.id, owner=owner, at=START + 5 * MINUTE,
                                                outcome=outcome, error="HTTP 503",
                                                retry_at=retry_at))


def test_messages_are_stored_with_their_change_once_per_key(store):
    ticket = create(store, [message("li@example.com"), message("li@example.com")])
    later = START + 3 * MINUTE
    store.update(change(ticket, [message("crm", "webhook", not_before=later + 60 * MINUTE)], later))

    entries = store.outbox(tf.OutboxQuery())
    assert [e.key for e in entries] == ["N-1/1/email/li@example.com", "N-1/2/webhook/crm"]
    assert entries[1].key == tf.outbox_key("N-1", 2, "webhook", "crm")
    assert entries[1].ticket == ticket.id
    assert entries[1].created_at == later
    assert entries[1].due_at == later + 60 * MINUTE
    assert entries[0].payload == '{"text": "您的工单已受理"}'
    assert entries[0].state == tf.OutboxState.pending
    assert entries[0].settled_at is None and entries[0].lease_expires is None


def test_a_refused_change_stores_none_of_its_messages(store):
    ticket = create(store)
    with pytest.raises(tf.ValidationError) as refused:
        store.update(change(ticket, [message("li"), message("wang", event=1)]))
    assert refused.value.field == "outbox[1].event"
    store.update(change(ticket))
    with pytest.raises(tf.VersionConflict):
        store.update(change(ticket, [message("li")]))
    assert store.outbox(tf.OutboxQuery()) == []


def test_a_relay_leases_retries_gives_up_and_is_redriven(store):
    create(store, [message("crm", "webhook")])
    leased = lease(store, "relay-1", START)
    assert [e.lease_owner for e in leased] == ["relay-1"]
    assert lease(store, "relay-2", START) == []

    retry_at = START + 7 * MINUTE
    retried = settle(store, leased[0], "relay-1", tf.OutboxOutcome.retry, retry_at)
    assert (retried.state, retried.attempts, retried.due_at) == ("pending", 1, retry_at)
    assert lease(store, "relay-2", retry_at - MINUTE) == []
    again = lease(store, "relay-2", retry_at)

    dead = settle(store, again[0], "relay-2", tf.OutboxOutcome.dead)
    assert (dead.state, dead.attempts, dead.last_error) == ("dead", 2, "HTTP 503")
    assert store.outbox(tf.OutboxQuery(state=tf.OutboxState.dead)) == [dead]

    redriven = store.redrive_outbox(dead.id, retry_at + MINUTE)
    assert (redriven.state, redriven.attempts) == ("pending", 0)
    delivered = settle(store, lease(store, "relay-3", retry_at + MINUTE)[0], "relay-3",
                       tf.OutboxOutcome.delivered)
    assert delivered.state == tf.OutboxState.delivered
    assert delivered.last_error == ""


def test_settling_without_the_lease_or_redriving_a_live_entry_raises(store):
    create(store, [message("li")])
    leased = lease(store, "relay-1", START)[0]
    with pytest.raises(tf.VersionConflict, match="not leased to 'relay-2'"):
        settle(store, leased, "relay-2", tf.OutboxOutcome.delivered)
    with pytest.raises(tf.InvalidTransition, match="only a dead entry"):
        store.redrive_outbox(leased.id, START)
    with pytest.raises(tf.NotFound):
        store.redrive_outbox(99, START)
    with pytest.raises(tf.ValidationError) as refused:
        lease(store, "", START)
    assert refused.value.field == "owner"


def test_a_relay_on_a_native_thread_drives_any_store(store):
    create(store, [message(str(i)) for i in range(12)])
    testing = tf._ticketflow._testing
    settled = testing.relay_from_native_thread(store, "native", START, tf.OutboxOutcome.dead)
    assert sorted(e.recipient for e in settled) == sorted(str(i) for i in range(12))
    redriven = testing.redrive_dead_entries(store, START + MINUTE)
    assert {e.state for e in redriven} == {tf.OutboxState.pending}
    assert len(redriven) == 12
    if isinstance(store, DelegatingStore):
        assert {"lease_outbox", "settle_outbox", "outbox", "redrive_outbox"} <= set(store.calls)

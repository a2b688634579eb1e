"""Notifications from Python: a notifier written in Python receives the outbox from a relay, on
the relay's background thread too; failures are retried and dead letters re-driven; the JSON-lines
notifier writes one line per notification."""
import datetime as dt
import json
import threading

import pytest

import ticketflow as tf
from conftest import START, make_draft
from python_stores import DelegatingStore

N = tf.notify
MINUTE = dt.timedelta(minutes=1)


def create_with_emails(store, recipients):
    ticket = tf.Ticket(**{name: getattr(make_draft(), name) for name in tf.TicketDraft._fields},
                       version=1)
    opened = tf.AuditEvent(at=START, actor=tf.Actor.customer("cust-1001"), action="open")
    outbox = [tf.OutboxMessage(event=0, channel="email", recipient=r, payload='{"n": 1}')
              for r in recipients]
    return store.create(tf.TicketCreation(ticket, [opened], "K", lambda seq: f"N-{seq}", outbox))


class Inbox(N.Notifier):
    """Remembers what it receives, on which thread, and fails the first `failures` attempts."""

    def __init__(self, failures=0):
        super().__init__()
        self.failures = failures
        self.keys = []
        self.threads = set()
        self.received = threading.Event()

    def deliver(self, entry):
        self.threads.add(threading.get_ident())
        if self.failures > 0:
            self.failures -= 1
            return N.Delivery(outcome=N.Outcome.failed, error="HTTP 503")
        self.keys.append(entry.key)
        self.received.set()
        return N.Delivery()


def test_a_python_notifier_receives_each_notification_once(store, clock):
    create_with_emails(store, ["li", "wang"])
    relay = N.Relay(store, clock, N.RelayOptions(name="relay-1"))
    inbox = Inbox()
    relay.add_notifier("email", inbox)
    del inbox  # the relay keeps it
    assert relay.pump() == N.PumpReport(delivered=2)
    assert relay.pump() == N.PumpReport()


def test_failures_are_retried_then_dead_and_redriven(store, clock):
    create_with_emails(store, ["li"])
    relay = N.Relay(store, clock, N.RelayOptions(name="relay-1", max_attempts=2))
    inbox = Inbox(failures=5)
    relay.add_notifier("email", inbox)
    assert relay.pump().retried == 1
    entry = store.outbox(tf.OutboxQuery())[0]
    assert dt.timedelta(seconds=24) <= entry.due_at - START <= dt.timedelta(seconds=36)
    clock.advance(dt.timedelta(hours=1))
    assert relay.pump().dead == 1
    dead = store.outbox(tf.OutboxQuery(state=tf.OutboxState.dead))[0]
    assert dead.last_error == "HTTP 503 (gave up after 2 attempts)"
    inbox.failures = 0
    store.redrive_outbox(dead.id, clock.now())
    assert relay.pump().delivered == 1
    assert inbox.keys == [dead.key]


def test_the_background_relay_calls_a_python_notifier_on_its_thread(store, clock):
    create_with_emails(store, ["li", "wang", "zhao"])
    relay = N.Relay(store, clock, N.RelayOptions(name="relay-1"))
    inbox = Inbox()
    relay.add_notifier("email", inbox)
    reports = []
    with N.BackgroundRelay(relay, dt.timedelta(milliseconds=5), reports.append) as pumping:
        assert inbox.received.wait(timeout=5)
        while len(inbox.keys) < 3:
            inbox.received.wait(timeout=0.01)
    assert sorted(inbox.keys) == sorted(e.key for e in store.outbox(tf.OutboxQuery()))
    assert threading.get_ident() not in inbox.threads
    assert pumping.pumps >= 1 and pumping.failures == 0
    assert sum(r.delivered for r in reports) == 3


def test_the_json_lines_notifier_writes_a_line_per_notification(store, clock, tmp_path):
    create_with_emails(store, ["li", "wang"])
    relay = N.Relay(store, clock)
    path = tmp_path / "notifications.jsonl"
    relay.add_notifier("email", N.JsonLinesNotifier(str(path)))
    relay.pump()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["recipient"] for line in lines] == ["li", "wang"]
    assert lines[0]["payload"] == {"n": 1}
    assert lines[0]["key"] == "N-1/1/email/li"


def test_relay_options_are_checked(store, clock):
    with pytest.raises(tf.ValidationError) as refused:
        N.Relay(store, clock, N.RelayOptions(jitter=1.5))
    assert refused.value.field == "jitter"


class UnreachableOutbox(DelegatingStore):
    """A store whose outbox cannot be reached while `down` is set."""

    def __init__(self):
        super().__init__()
        self.down = True

    def lease_outbox(self, lease):
        if self.down:
            raise tf.StorageError("the outbox table is locked")
        return super().lease_outbox(lease)


def test_a_pump_on_a_failing_store_raises_storage_error_and_loses_nothing(clock):
    store = UnreachableOutbox()
    create_with_emails(store, ["li"])
    relay = N.Relay(store, clock)
    inbox = Inbox()
    relay.add_notifier("email", inbox)
    with pytest.raises(tf.StorageError, match="locked"):
        relay.pump()
    store.down = False
    assert relay.pump().delivered == 1
    assert inbox.keys == ["N-1/1/email/li"]


def test_the_background_relay_counts_a_failed_pump_and_keeps_its_error(clock):
    store = UnreachableOutbox()
    create_with_emails(store, ["li"])
    relay = N.Relay(store, clock)
    inbox = Inbox()
    relay.add_notifier("email", inbox)
    with N.BackgroundRelay(relay, dt.timedelta(milliseconds=5)) as pumping:
        for _ in range(400):
            if pumping.failures:
                break
            threading.Event().wait(0.005)
        assert pumping.failures >= 1
        assert pumping.last_error.code == tf.ErrorCode.storage_failure
        store.down = False
        assert inbox.received.wait(2)
    assert inbox.keys == ["N-1/1/email/li"]

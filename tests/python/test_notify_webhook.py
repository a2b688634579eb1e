"""The webhook notifier from Python, against a small HTTP server on loopback: a receiver that
answers 500 twice and then 200 gets the notification once, after three attempts with one
Idempotency-Key; a 404 is a rejection; the options are a value class."""
import datetime as dt
import http.server
import json
import threading

import pytest

import ticketflow as tf
from conftest import START, make_draft

N = tf.notify

pytestmark = pytest.mark.skipif(not hasattr(N, "WebhookNotifier"),
                                reason="built without TICKETFLOW_WEBHOOK")


class Receiver:
    """An HTTP server on 127.0.0.1 that records each request and answers with the next status of
    `statuses` (then 200), on a thread of its own; a context manager."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.requests = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers),
                                          "body": json.loads(body)})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                answer = f"answered {status}".encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass  # quiet

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/tickets"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def create_with_webhook(store, recipient="李雷@example.com"):
    ticket = tf.Ticket(**{name: getattr(make_draft(), name) for name in tf.TicketDraft._fields},
                       version=1)
    opened = tf.AuditEvent(at=START, actor=tf.Actor.customer("cust-1001"), action="open")
    outbox = [tf.OutboxMessage(event=0, channel="webhook", recipient=recipient,
                               payload='{"template": "acknowledgement"}')]
    return store.create(tf.TicketCreation(ticket, [opened], "K", lambda seq: f"N-{seq}", outbox))


def only_entry(store):
    return store.outbox(tf.OutboxQuery())[0]


def test_500_twice_then_200_is_one_delivery_after_three_attempts(store, clock):
    create_with_webhook(store)
    with Receiver([500, 500, 200]) as receiver:
        relay = N.Relay(store, clock, N.RelayOptions(name="relay-1"))
        relay.add_notifier("webhook", N.WebhookNotifier(N.WebhookOptions(url=receiver.url)))
        assert relay.pump() == N.PumpReport(retried=1)
        assert only_entry(store).last_error == f"HTTP 500 from {receiver.url}: answered 500"
        clock.set(only_entry(store).due_at)
        assert relay.pump() == N.PumpReport(retried=1)
        clock.set(only_entry(store).due_at)
        assert relay.pump() == N.PumpReport(delivered=1)
        assert relay.pump() == N.PumpReport()

    entry = only_entry(store)
    assert entry.state == tf.OutboxState.delivered
    assert entry.attempts == 3
    assert entry.key == "N-1/1/webhook/李雷@example.com"
    keys = {request["headers"]["Idempotency-Key"] for request in receiver.requests}
    assert keys == {"N-1/1/webhook/%E6%9D%8E%E9%9B%B7@example.com"}
    assert keys == {N.WebhookNotifier.idempotency_key(entry.key)}
    assert [r["headers"]["X-Ticketflow-Attempt"] for r in receiver.requests] == ["1", "2", "3"]
    assert receiver.requests[0]["body"]["key"] == entry.key
    assert receiver.requests[0]["body"]["payload"] == {"template": "acknowledgement"}
    assert receiver.requests[0]["headers"]["Content-Type"] == "application/json"


def test_a_404_is_a_rejection_and_the_entry_is_dead_at_once(store, clock):
    create_with_webhook(store)
    with Receiver([404]) as receiver:
        relay = N.Relay(store, clock)
        relay.add_notifier("webhook", N.WebhookNotifier(N.WebhookOptions(url=receiver.url)))
        assert relay.pump() == N.PumpReport(dead=1)
    entry = only_entry(store)
    assert entry.state == tf.OutboxState.dead
    assert entry.attempts == 1
    assert entry.last_error == f"HTTP 404 from {receiver.url}: answered 404"


def test_the_recipient_is_the_url_when_none_is_configured(store, clock):
    with Receiver([]) as receiver:
        create_with_webhook(store, recipient=receiver.url)
        webhook = N.WebhookNotifier()
        assert webhook.deliver(only_entry(store)) == N.Delivery()
    assert receiver.requests[0]["path"] == "/hooks/tickets"


def test_webhook_options_are_a_value_class_and_bad_ones_are_refused():
    options = N.WebhookOptions(url="https://hooks.example.com/t",
                               headers={"Authorization": "Bearer t"},
                               timeout=dt.timedelta(seconds=3))
    assert options == N.WebhookOptions(url="https://hooks.example.com/t",
                                       headers={"Authorization": "Bearer t"},
                                       timeout=dt.timedelta(seconds=3))
    assert N.WebhookOptions().timeout == dt.timedelta(seconds=10)
    assert N.WebhookOptions().user_agent == f"ticketflow/{tf.__version__}"
    assert N.WebhookOptions().verify_tls is True
    assert N.WebhookOptions().ca_file is None
    assert N.WebhookNotifier(options).options == options
    assert "headers={'Authorization': 'Bearer t'}" in repr(options)
    with pytest.raises(tf.ValidationError) as refused:
        N.WebhookNotifier(N.WebhookOptions(headers={"Idempotency-Key": "mine"}))
    assert refused.value.field == "headers"
    rejected = N.WebhookNotifier(N.WebhookOptions(url="ftp://127.0.0.1/x")).deliver(
        tf.OutboxEntry(key="k", channel="webhook", recipient="r", payload="{}"))
    assert rejected.outcome == N.Outcome.rejected

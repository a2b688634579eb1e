"""The audit trail as Python sees it: one AuditEvent per change, numbered, with actor, time, field
changes, reason, note and visibility."""
import datetime as dt

import ticketflow as tf

UTC = dt.timezone.utc


def test_opening_writes_one_customer_visible_entry(engine, opened, customer):
    [entry] = engine.audit_trail(opened.id)
    assert isinstance(entry, tf.AuditEvent)
    assert (entry.ticket, entry.sequence, entry.action) == (opened.id, 1, "open")
    assert entry.actor == customer
    assert entry.at == dt.datetime(2023, 10, 1, tzinfo=UTC)
    assert entry.visibility == tf.Visibility.customer
    assert entry.changes == [tf.FieldChange(field="state", before="", after="new"),
                             tf.FieldChange(field="priority", before="", after="high")]


def test_every_command_appends_one_entry_numbered_without_gaps(engine, ticket_in):
    ticket = ticket_in("closed")
    trail = engine.audit_trail(ticket.id)
    assert [e.action for e in trail] == ["open", "assign", "start", "resolve", "confirm"]
    assert [e.sequence for e in trail] == [1, 2, 3, 4, 5]
    assert len(trail) == ticket.version
    assert all(e.ticket == ticket.id for e in trail)


def test_assign_records_who_when_and_each_changed_field(engine, clock, opened, supervisor):
    clock.advance(dt.timedelta(minutes=10))
    engine.assign(opened.id, supervisor, "eng-li", "field-service")
    entry = engine.audit_trail(opened.id)[-1]
    assert entry.actor == tf.Actor(id="lead-zhang", role=tf.Role.supervisor)
    assert entry.at == dt.datetime(2023, 10, 1, 0, 10, tzinfo=UTC)
    assert entry.visibility == tf.Visibility.internal
    changes = {change.field: (change.before, change.after) for change in entry.changes}
    assert changes == {"state": ("new", "assigned"), "status": ("new", "assigned"),
                       "team": ("", "field-service"),
                       "owner": ("", "eng-li")}


def test_a_reason_is_kept_on_the_entry(engine, ticket_in, customer):
    engine.cancel(ticket_in("new").id, customer, "重复提交 / duplicate")
    entry = engine.audit_trail(engine.find(tf.TicketQuery(state="cancelled")).items[0].id)[-1]
    assert (entry.action, entry.reason) == ("cancel", "重复提交 / duplicate")
    assert entry.changes[0] == tf.FieldChange(field="state", before="new", after="cancelled")


def test_questions_and_replies_are_customer_visible_notes(engine, ticket_in, customer):
    ticket = ticket_in("waiting")
    engine.customer_replied(ticket.id, customer, "固件版本 2.4.0")
    question, reply = engine.audit_trail(ticket.id)[-2:]
    assert (question.action, question.note) == ("request_info", "Which firmware version?")
    assert (reply.action, reply.note, reply.actor) == ("customer_replied", "固件版本 2.4.0", customer)
    assert question.visibility == reply.visibility == tf.Visibility.customer


def test_the_audit_trail_of_an_unknown_ticket_is_empty(engine):
    assert engine.audit_trail(42) == []

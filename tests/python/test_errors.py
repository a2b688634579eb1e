"""Refused commands raise the ticketflow.Error subclass for their code, carry the context, and
change nothing."""
import copy
import pickle

import pytest

import ticketflow as tf


@pytest.mark.parametrize("cls, code, builtin", [
    (tf.InvalidTransition, tf.ErrorCode.invalid_transition, None),
    (tf.PermissionDenied, tf.ErrorCode.permission_denied, None),
    (tf.ValidationError, tf.ErrorCode.validation_failed, ValueError),
    (tf.VersionConflict, tf.ErrorCode.version_conflict, None),
    (tf.NotFound, tf.ErrorCode.not_found, LookupError),
    (tf.SequenceExhausted, tf.ErrorCode.sequence_exhausted, None),
    (tf.StorageError, tf.ErrorCode.storage_failure, None),
    (tf.CorruptRecord, tf.ErrorCode.corrupt, tf.StorageError),
])
def test_each_error_class_has_its_code_and_bases(cls, code, builtin):
    assert issubclass(cls, tf.Error) and issubclass(cls, Exception)
    assert cls.code == code
    if builtin is not None:
        assert issubclass(cls, builtin)


def test_a_customer_confirming_a_new_ticket_is_an_invalid_transition_naming_ticket_state_and_event(
        engine, opened, customer):
    with pytest.raises(tf.InvalidTransition) as raised:
        engine.confirm(opened.id, customer, 5)
    error = raised.value
    assert error.code == tf.ErrorCode.invalid_transition
    assert (error.ticket, error.ticket_number) == (opened.id, "HT202310010001")
    assert error.state == tf.TicketState.new and isinstance(error.state, tf.TicketState)
    assert error.event == tf.LifecycleEvent.confirm and isinstance(error.event, tf.LifecycleEvent)
    assert error.field == ""
    assert "HT202310010001" in str(error) and "confirm" in str(error)


def test_an_agent_reopening_without_approval_is_permission_denied(engine, ticket_in, owner):
    closed = ticket_in("closed")
    with pytest.raises(tf.PermissionDenied) as raised:
        engine.reopen(closed.id, owner, "still broken")
    assert (raised.value.code, raised.value.state, raised.value.event) == (
        "permission_denied", "closed", "reopen")


def test_starting_someone_elses_ticket_is_permission_denied(engine, ticket_in):
    with pytest.raises(tf.PermissionDenied) as raised:
        engine.start(ticket_in("assigned").id, tf.Actor.agent("eng-wang"))
    assert raised.value.event == tf.LifecycleEvent.start


@pytest.mark.parametrize("command, field", [
    (lambda e, id: e.resolve(id, tf.Actor.agent("eng-li"), "   "), "solution"),
    (lambda e, id: e.reassign(id, tf.Actor.supervisor("s"), "eng-wang", ""), "reason"),
    (lambda e, id: e.escalate(id, tf.Actor.agent("eng-li"), ""), "reason"),
    (lambda e, id: e.add_note(id, tf.Actor.agent("eng-li"), ""), "text"),
    (lambda e, id: e.change_priority(id, tf.Actor.agent("eng-li"), "low", ""), "reason"),
    (lambda e, id: e.add_collaborator(id, tf.Actor.agent("eng-li"), "eng-li"), "agent"),
    (lambda e, id: e.start(id, tf.Actor.agent("")), "actor.id"),
])
def test_a_missing_input_is_a_validation_error_naming_the_field(engine, ticket_in, command, field):
    ticket = ticket_in("in_progress")
    with pytest.raises(tf.ValidationError) as raised:
        command(engine, ticket.id)
    assert raised.value.field == field
    assert raised.value.code == tf.ErrorCode.validation_failed
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("score", [0, 6])
def test_confirming_without_a_score_from_one_to_five_names_satisfaction(engine, ticket_in,
                                                                       customer, score):
    with pytest.raises(tf.ValidationError) as raised:
        engine.confirm(ticket_in("resolved").id, customer, score)
    assert (raised.value.field, raised.value.event) == ("satisfaction", "confirm")


def test_an_invalid_draft_names_the_field_and_uses_no_number(engine, draft, customer):
    draft.customer = tf.Customer(id="cust-1001", name="华东", email="not an address")
    with pytest.raises(tf.ValidationError) as raised:
        engine.open(draft, customer)
    assert raised.value.field == "customer.email"
    assert raised.value.ticket is None
    draft.customer = tf.Customer(id="cust-1001", name="华东")
    assert engine.open(draft, customer).number == "HT202310010001"


@pytest.mark.parametrize("query", [
    lambda engine: engine.get(42),
    lambda engine: engine.start(42, tf.Actor.agent("eng-li")),
    lambda engine: engine.allowed_events(42, tf.Actor.agent("eng-li")),
    lambda engine: engine.find_by_number("HT000"),
], ids=["get", "start", "allowed_events", "find_by_number"])
def test_an_unknown_ticket_is_not_found(engine, query):
    with pytest.raises(tf.NotFound) as raised:
        query(engine)
    assert raised.value.code == tf.ErrorCode.not_found
    assert isinstance(raised.value, LookupError)


def test_not_found_names_the_missing_ticket_id(engine):
    with pytest.raises(tf.NotFound) as raised:
        engine.get(42)
    assert raised.value.ticket == 42


def test_an_exhausted_sequence_raises_and_creates_nothing(store, clock, draft, customer):
    config = tf.EngineConfig(number_format=tf.TicketNumberFormat("T{yyyy}-{seq:1}"))
    engine = tf.Engine(store, clock, config)
    numbers = [engine.open(draft, customer).number for _ in range(9)]
    assert numbers[0] == "T2023-1" and numbers[-1] == "T2023-9"
    with pytest.raises(tf.SequenceExhausted) as raised:
        engine.open(draft, customer)
    assert raised.value.code == tf.ErrorCode.sequence_exhausted
    assert len(engine.find(tf.TicketQuery()).items) == 9


@pytest.mark.parametrize("refused, error", [
    (lambda e, id, actors: e.resolve(id, actors["customer"], "x"), tf.PermissionDenied),
    (lambda e, id, actors: e.reopen(id, actors["owner"], "x"), tf.InvalidTransition),
    (lambda e, id, actors: e.start(id, actors["stranger"]), tf.PermissionDenied),
    (lambda e, id, actors: e.escalate(id, actors["owner"], " "), tf.ValidationError),
    (lambda e, id, actors: e.add_note(id, actors["customer"], "secret", "internal"),
     tf.PermissionDenied),
    (lambda e, id, actors: e.change_priority(id, actors["owner"], "urgent", "x"),
     tf.PermissionDenied),
    (lambda e, id, actors: e.attach(id, actors["customer"], tf.Attachment(
        name="setup.exe", media_type="application/x-msdownload", size_bytes=10, uri="u")),
     tf.ValidationError),
])
def test_a_refused_command_changes_neither_ticket_nor_audit_trail(engine, ticket_in, customer,
                                                                  owner, refused, error):
    ticket = ticket_in("assigned")
    trail = engine.audit_trail(ticket.id)
    actors = {"customer": customer, "owner": owner, "stranger": tf.Actor.agent("eng-wang")}
    with pytest.raises(error):
        refused(engine, ticket.id, actors)
    assert engine.get(ticket.id) == ticket
    assert engine.get(ticket.id).version == ticket.version
    assert engine.audit_trail(ticket.id) == trail


def test_an_error_can_be_raised_caught_and_inspected_like_any_exception():
    error = tf.PermissionDenied("no", ticket=7, ticket_number="HT1", state="closed",
                                event="reopen")
    with pytest.raises(tf.Error, match="no"):
        raise error
    assert error.to_error() == tf.ErrorInfo(code="permission_denied", message="no", ticket=7,
                                            ticket_number="HT1", state="closed", event="reopen")


def test_an_error_survives_pickle_and_copy(engine):
    with pytest.raises(tf.NotFound) as raised:
        engine.get(42)
    for clone in (pickle.loads(pickle.dumps(raised.value)), copy.copy(raised.value)):
        assert type(clone) is tf.NotFound
        assert (clone.code, clone.ticket, clone.message) == ("not_found", 42, raised.value.message)


# One error contract: only ticketflow.Error subclasses (and TypeError/ValueError for the call
# itself) come out of ticketflow, every message is a valid str, and it names its field.

def test_a_message_quoting_invalid_bytes_is_a_ticketflow_error_with_the_bytes_escaped():
    # bytes reach C++ as they are; the message quotes them. It used to raise UnicodeDecodeError.
    with pytest.raises(tf.ValidationError) as raised:
        tf.TimeZone(b"Asia/\xffShanghai")
    assert raised.value.field == "time_zone"
    assert "Asia/\\xffShanghai" in str(raised.value)
    assert raised.value.message.encode("utf-8")  # a str that is valid UTF-8


def test_writing_invalid_bytes_as_json_is_a_validation_error():
    customer = tf.Customer(name=b"caf\xc3")  # bytes set from Python, not valid UTF-8
    with pytest.raises(tf.ValidationError):
        customer.to_dict()


def test_an_engine_with_a_configuration_it_cannot_use_raises_validation_error_naming_the_field(
        store, clock):
    rules = tf.notify.Rules.standard()
    rules.set_contact("supervisor", tf.notify.Contact(name="王主管", calendar="office"))
    with pytest.raises(tf.ValidationError) as raised:
        tf.Engine(store, clock, tf.EngineConfig(notifications=rules))
    assert raised.value.field == "notifications"
    assert "'office'" in str(raised.value)

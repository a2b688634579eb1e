"""Enumerations are enum.StrEnum classes whose members are the C++ enumerators' names; a plain
string name is accepted wherever a member is, anything else is a TypeError."""
import enum
import pickle

import pytest

import ticketflow as tf

ENUMS = {
    tf.Priority: ["urgent", "high", "medium", "low"],
    tf.Channel: ["phone", "email", "web", "app", "on_site", "other"],
    tf.CustomerTier: ["standard", "vip", "strategic"],
    tf.RequestedOutcome: ["repair", "replacement", "refund", "advice", "information", "other"],
    tf.Visibility: ["internal", "customer"],
    tf.Role: ["customer", "agent", "supervisor", "admin", "system"],
    tf.TicketState: ["new", "assigned", "in_progress", "waiting", "escalated",
                     "resolved", "closed", "cancelled"],
    tf.LifecycleEvent: ["assign", "claim", "reassign", "start", "request_info",
                        "customer_replied", "escalate", "resolve", "confirm", "reject",
                        "auto_close", "close", "reopen", "cancel", "unassign", "transfer", "hold",
                        "resume", "set_status"],
    tf.ErrorCode: ["invalid_transition", "permission_denied", "validation_failed",
                   "version_conflict", "not_found", "sequence_exhausted", "storage_failure",
                   "corrupt"],
}


@pytest.mark.parametrize("cls", ENUMS, ids=lambda cls: cls.__name__)
def test_each_enum_is_a_str_enum_with_the_cpp_names_in_order(cls):
    assert issubclass(cls, enum.StrEnum)
    assert [member.value for member in cls] == ENUMS[cls]
    assert all(member.name == member.value == str(member) for member in cls)
    assert cls.__module__ == "ticketflow"
    assert cls.__doc__


def test_members_compare_equal_to_their_names():
    assert tf.Priority.urgent == "urgent"
    assert tf.TicketState("in_progress") is tf.TicketState.in_progress
    assert f"{tf.TicketState.new}" == "new"


def test_returned_enum_values_are_members_not_strings(engine, opened, owner):
    assert type(opened.state) is tf.TicketState
    assert type(opened.priority) is tf.Priority
    events = engine.allowed_events(opened.id, owner)
    assert events and all(type(event) is tf.LifecycleEvent for event in events)
    assert type(engine.audit_trail(opened.id)[0].actor.role) is tf.Role


def test_a_plain_string_name_works_as_an_argument(engine, opened, supervisor):
    changed = engine.change_priority(opened.id, supervisor, "urgent", "产线停机")
    assert changed.priority is tf.Priority.urgent
    engine.add_note(opened.id, supervisor, "公开备注", "customer")
    assert engine.audit_trail(opened.id)[-1].visibility is tf.Visibility.customer


def test_a_plain_string_name_works_as_a_field():
    draft = tf.TicketDraft(channel="on_site", priority="low")
    assert (draft.channel, draft.priority) == (tf.Channel.on_site, tf.Priority.low)
    assert type(draft.channel) is tf.Channel
    assert tf.TicketQuery(state="new").state is tf.TicketState.new


def test_an_unknown_name_is_a_type_error_as_argument(engine, opened, supervisor):
    with pytest.raises(TypeError):
        engine.change_priority(opened.id, supervisor, "critical", "x")
    assert engine.get(opened.id).version == 1


def test_an_unknown_name_is_a_type_error_as_field():
    draft = tf.TicketDraft()
    with pytest.raises(TypeError):
        draft.priority = "critical"
    with pytest.raises(TypeError):
        tf.Actor(id="x", role="root")
    assert draft.priority == tf.Priority.medium


@pytest.mark.parametrize("not_a_name", [2, None, b"urgent", "URGENT", " urgent"])
def test_only_exact_member_names_are_accepted(not_a_name):
    with pytest.raises(TypeError):
        tf.TicketDraft(priority=not_a_name)


def test_the_cpp_spelling_of_new_is_not_a_name():
    with pytest.raises(TypeError):
        tf.TicketQuery(state="new_")


def test_a_member_of_another_enum_is_refused_even_when_its_name_matches():
    # Role.customer and Visibility.customer share a name, but they are different things.
    with pytest.raises(TypeError):
        tf.Actor(id="cust-1", role=tf.Visibility.customer)
    with pytest.raises(TypeError):
        tf.AuditEvent(visibility=tf.Role.customer)


def test_enum_members_pickle_to_themselves():
    member = tf.TicketState.waiting
    assert pickle.loads(pickle.dumps(member)) is member

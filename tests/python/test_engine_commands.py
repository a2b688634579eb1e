"""Engine commands from Python: the happy path and what each command leaves on the ticket."""
import datetime as dt

import pytest

import ticketflow as tf

UTC = dt.timezone.utc


def test_opening_gives_a_numbered_new_ticket_at_version_one(engine, draft, customer):
    ticket = engine.open(draft, customer)
    assert isinstance(ticket.id, int) and ticket.id > 0
    assert ticket.number == "HT202310010001"
    assert ticket.state == tf.TicketState.new
    assert ticket.version == 1
    assert ticket.priority == tf.Priority.high
    assert ticket.created_at == ticket.updated_at == dt.datetime(2023, 10, 1, tzinfo=UTC)
    assert ticket.owner == "" and ticket.team == "" and ticket.collaborators == []
    assert ticket.resolved_at is None and ticket.closed_at is None and ticket.satisfaction is None
    assert ticket.title == draft.title and ticket.customer == draft.customer
    assert engine.open(draft, customer).number == "HT202310010002"


def test_a_ticket_walks_the_whole_lifecycle_to_closed(engine, clock, opened, customer, owner,
                                                      supervisor):
    id = opened.id
    clock.advance(dt.timedelta(minutes=10))
    assigned = engine.assign(id, supervisor, "eng-li", "field-service")
    assert (assigned.state, assigned.owner) == (tf.TicketState.assigned, "eng-li")
    assert assigned.team == "field-service"
    assert engine.start(id, owner).state == tf.TicketState.in_progress
    assert engine.request_info(id, owner, "固件版本是多少？").state == tf.TicketState.waiting
    assert engine.customer_replied(id, customer, "2.4.0").state == tf.TicketState.in_progress
    clock.advance(dt.timedelta(hours=3))
    resolved = engine.resolve(id, owner, "回滚固件到 2.3.1，更换定影辊。")
    assert resolved.state == tf.TicketState.resolved
    assert resolved.resolved_at == dt.datetime(2023, 10, 1, 3, 10, tzinfo=UTC)
    clock.advance(dt.timedelta(hours=20))
    closed = engine.confirm(id, customer, 5, "修好了，谢谢！")

    assert closed.state == tf.TicketState.closed
    assert closed.solution == "回滚固件到 2.3.1，更换定影辊。"
    assert closed.satisfaction == tf.Satisfaction(score=5, comment="修好了，谢谢！")
    assert closed.closed_at == dt.datetime(2023, 10, 1, 23, 10, tzinfo=UTC)
    assert closed.updated_at == closed.closed_at
    assert closed.version == 7
    assert engine.get(id) == closed


def test_claim_makes_the_acting_agent_the_owner(engine, opened, owner):
    claimed = engine.claim(opened.id, owner)
    assert (claimed.state, claimed.owner) == (tf.TicketState.assigned, "eng-li")


def test_reassign_keeps_the_state_and_records_the_reason(engine, ticket_in, supervisor):
    ticket = ticket_in("in_progress")
    moved = engine.reassign(ticket.id, supervisor, "eng-wang", "休假 / on leave", "l2")
    assert (moved.state, moved.owner, moved.team) == ("in_progress", "eng-wang", "l2")
    assert engine.audit_trail(ticket.id)[-1].reason == "休假 / on leave"


def test_reject_sends_the_ticket_back_to_work_and_counts_it(engine, ticket_in, customer):
    rejected = engine.reject(ticket_in("resolved").id, customer, "还是卡纸")
    assert rejected.state == tf.TicketState.in_progress
    assert rejected.reject_count == 1
    assert rejected.resolved_at is None


def test_reopen_with_a_supervisors_approval_counts_the_reopen(engine, ticket_in, customer,
                                                             supervisor):
    reopened = engine.reopen(ticket_in("closed").id, customer, "问题又出现了", approved_by=supervisor)
    assert reopened.state == tf.TicketState.in_progress
    assert reopened.reopen_count == 1


@pytest.mark.parametrize("close", [
    lambda engine, id, supervisor: engine.close(id, supervisor, "no answer for a week"),
    lambda engine, id, supervisor: engine.auto_close(id, tf.Actor.system()),
], ids=["close_by_supervisor", "auto_close_by_system"])
def test_a_resolved_ticket_can_be_closed_without_the_customer(engine, ticket_in, supervisor,
                                                              close):
    closed = close(engine, ticket_in("resolved").id, supervisor)
    assert closed.state == tf.TicketState.closed
    assert closed.satisfaction is None


def test_escalate_and_cancel_move_to_their_states(engine, ticket_in, owner, customer):
    escalated = engine.escalate(ticket_in("new").id, owner, "needs tier 2", "l2-hardware")
    assert (escalated.state, escalated.team) == (tf.TicketState.escalated, "l2-hardware")
    assert engine.cancel(ticket_in("assigned").id, customer, "重复").state == tf.TicketState.cancelled


def test_fire_runs_any_event_from_a_lifecycle_command(engine, opened, supervisor):
    command = tf.LifecycleCommand(event=tf.LifecycleEvent.assign, assignee="eng-li", team="l1")
    assigned = engine.fire(opened.id, supervisor, command)
    assert (assigned.state, assigned.owner, assigned.team) == ("assigned", "eng-li", "l1")


def test_fire_carries_a_satisfaction_for_confirm(engine, ticket_in, customer):
    command = tf.LifecycleCommand(event="confirm",
                                  satisfaction=tf.Satisfaction(score=3, comment="一般"))
    closed = engine.fire(ticket_in("resolved").id, customer, command)
    assert closed.satisfaction == tf.Satisfaction(score=3, comment="一般")


def test_notes_are_recorded_with_their_visibility(engine, opened, owner, customer):
    engine.add_note(opened.id, owner, "checked the logs")
    noted = engine.add_note(opened.id, customer, "有进展吗？", tf.Visibility.customer)
    assert noted.version == 3
    trail = engine.audit_trail(opened.id)
    assert [(e.note, e.visibility) for e in trail[1:]] == [("checked the logs", "internal"),
                                                           ("有进展吗？", "customer")]


def test_priority_changes_within_the_actors_authority(engine, opened, supervisor):
    urgent = engine.change_priority(opened.id, supervisor, tf.Priority.urgent, "产线停机")
    assert urgent.priority == tf.Priority.urgent
    assert engine.audit_trail(opened.id)[-1].changes == [
        tf.FieldChange(field="priority", before="high", after="urgent")]


def test_collaborators_are_added_and_removed(engine, ticket_in, owner):
    id = ticket_in("assigned").id
    assert engine.add_collaborator(id, owner, "eng-wang").collaborators == ["eng-wang"]
    with_role = engine.add_collaborator(id, owner, "eng-zhao", role="备件")
    assert with_role.collaborator_roles == {"eng-zhao": "备件"}
    assert engine.audit_trail(id)[-1].details == {"role": "备件"}
    assert engine.remove_collaborator(id, owner, "eng-zhao").collaborator_roles == {}
    assert engine.remove_collaborator(id, owner, "eng-wang").collaborators == []


def test_attach_records_the_metadata_of_an_allowed_file(engine, opened, customer):
    photo = tf.Attachment(name="卡纸.jpg", media_type="image/jpeg", size_bytes=2_000_000,
                          uri="s3://tickets/1/photo.jpg")
    assert engine.attach(opened.id, customer, photo).attachments == [photo]


def test_an_engine_needs_only_a_store_and_a_clock(clock, draft, customer):
    engine = tf.Engine(tf.MemoryStore(), clock)
    assert engine.config == tf.EngineConfig()
    assert engine.open(draft, customer).number == "HT202310010001"


def test_the_engine_keeps_its_configuration(store, clock):
    config = tf.EngineConfig(number_format=tf.TicketNumberFormat("SN{yyyy}{seq:5}"),
                             time_zone=tf.TimeZone("Asia/Shanghai"))
    engine = tf.Engine(store, clock, config)
    assert engine.config == config
    assert engine.config.number_format.pattern == "SN{yyyy}{seq:5}"


BAD_COMMANDS = {
    "note with escape": (lambda e, id, a: e.add_note(id, a["owner"], "log:\x1b[2J"), "text"),
    "note with NUL": (lambda e, id, a: e.add_note(id, a["owner"], "a\0b"), "text"),
    "solution with bell": (lambda e, id, a: e.resolve(id, a["owner"], "fixed\a"), "solution"),
    "question with lone CR": (lambda e, id, a: e.request_info(id, a["owner"], "which\rversion"),
                              "message"),
    "reason with DEL": (lambda e, id, a: e.escalate(id, a["owner"], "tier 2\x7f"), "reason"),
    "priority reason with C1": (
        lambda e, id, a: e.change_priority(id, a["owner"], "high", "line\x85down"), "reason"),
    "assignee with newline": (
        lambda e, id, a: e.reassign(id, a["supervisor"], "eng\nwang", "on leave"), "assignee"),
    "team with space around": (
        lambda e, id, a: e.reassign(id, a["supervisor"], "eng-wang", "on leave", " l2"), "team"),
    "collaborator with tab": (lambda e, id, a: e.add_collaborator(id, a["owner"], "eng\twang"),
                              "agent"),
    "collaborator role with newline": (
        lambda e, id, a: e.add_collaborator(id, a["owner"], "eng-wang", "parts\n"), "role"),
    "actor with NUL": (lambda e, id, a: e.add_note(id, tf.Actor.agent("eng\0li"), "checked"),
                       "actor.id"),
    "actor 129 long": (lambda e, id, a: e.add_note(id, tf.Actor.agent("a" * 129), "checked"),
                       "actor.id"),
    "javascript attachment": (
        lambda e, id, a: e.attach(id, a["owner"], tf.Attachment(
            name="a.png", media_type="image/png", size_bytes=10, uri="javascript:alert(1)")),
        "attachments[0].uri"),
    "file attachment": (
        lambda e, id, a: e.attach(id, a["owner"], tf.Attachment(
            name="a.png", media_type="image/png", size_bytes=10, uri="file:///etc/passwd")),
        "attachments[0].uri"),
}


@pytest.mark.parametrize("name", BAD_COMMANDS)
def test_a_command_with_malformed_input_is_refused_and_changes_nothing(engine, ticket_in, owner,
                                                                        supervisor, name):
    command, field = BAD_COMMANDS[name]
    ticket = ticket_in("in_progress")
    trail = engine.audit_trail(ticket.id)
    with pytest.raises(tf.ValidationError) as raised:
        command(engine, ticket.id, {"owner": owner, "supervisor": supervisor})
    assert (raised.value.code, raised.value.field) == (tf.ErrorCode.validation_failed, field)
    assert engine.get(ticket.id) == ticket
    assert engine.audit_trail(ticket.id) == trail


def test_a_reply_with_control_characters_is_refused_and_changes_nothing(engine, ticket_in,
                                                                        customer):
    waiting = ticket_in("waiting")
    with pytest.raises(tf.ValidationError) as raised:
        engine.customer_replied(waiting.id, customer, "2.4.0\x1b[0m")
    assert raised.value.field == "message"
    assert engine.get(waiting.id) == waiting


def test_a_malformed_approver_is_refused_and_changes_nothing(engine, ticket_in, owner):
    closed = ticket_in("closed")
    with pytest.raises(tf.ValidationError) as raised:
        engine.reopen(closed.id, owner, "fault is back", tf.Actor.supervisor("lead\nzhang"))
    assert raised.value.field == "approved_by.id"
    assert engine.get(closed.id) == closed


def test_multi_line_command_texts_keep_line_breaks_and_tabs(engine, ticket_in, owner):
    ticket = ticket_in("in_progress")
    engine.add_note(ticket.id, owner, "步骤:\n\t1. 重启\r\n\t2. 清理纸道")
    assert engine.audit_trail(ticket.id)[-1].note == "步骤:\n\t1. 重启\r\n\t2. 清理纸道"

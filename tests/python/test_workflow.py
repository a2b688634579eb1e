"""Real desks' workflow: statuses and waits, team queues, direct resolve and close with closure
codes, auto-close by tick, and who may act on which ticket."""
import datetime as dt

import pytest

import ticketflow as tf
from ticketflow import lifecycle


def test_an_agent_resolves_a_new_ticket_and_owns_it(engine, draft, customer, owner):
    ticket = engine.open(draft, customer)
    resolved = engine.resolve(ticket.id, owner, "重置纸路 / reset the paper path")
    assert resolved.state is tf.TicketState.resolved
    assert resolved.owner == "eng-li"
    assert resolved.status == "resolved"


def test_a_supervisor_closes_an_open_ticket_with_a_closure_code(engine, ticket_in, supervisor):
    ticket = ticket_in("waiting")
    closed = engine.close(ticket.id, supervisor, "", closure_code="duplicate")
    assert closed.state is tf.TicketState.closed and closed.closure_code == "duplicate"
    with pytest.raises(tf.ValidationError) as raised:
        engine.close(ticket_in("new").id, supervisor, "", closure_code="gone fishing")
    assert raised.value.field == "closure_code"


def test_waits_have_statuses(engine, ticket_in, owner):
    ticket = ticket_in("in_progress")
    assert engine.hold(ticket.id, owner).status == "waiting_vendor"
    assert engine.set_status(ticket.id, owner, "waiting_parts").status == "waiting_parts"
    with pytest.raises(tf.ValidationError) as raised:
        engine.set_status(ticket.id, owner, "in_progress")
    assert raised.value.field == "status"
    assert engine.resume(ticket.id, owner).state is tf.TicketState.in_progress


def test_team_queues_unassign_and_transfer(engine, ticket_in, owner):
    assigned = ticket_in("assigned")
    queued = engine.unassign(assigned.id, owner, "on leave")
    assert queued.state is tf.TicketState.new and queued.owner == ""
    moved = engine.transfer(ticket_in("waiting").id, owner, "field", "needs a visit")
    assert moved.state is tf.TicketState.waiting and moved.team == "field" and moved.owner == ""


def test_a_customer_cannot_touch_another_customers_ticket(engine, ticket_in):
    stranger = tf.Actor.customer("someone-else")
    resolved = ticket_in("resolved")
    for act in (lambda: engine.confirm(resolved.id, stranger, 1),
                lambda: engine.reject(resolved.id, stranger, "no"),
                lambda: engine.cancel(ticket_in("new").id, stranger, "no"),
                lambda: engine.add_note(resolved.id, stranger, "hi", tf.Visibility.customer)):
        with pytest.raises(tf.PermissionDenied):
            act()
    assert engine.get(resolved.id).state is tf.TicketState.resolved


def test_an_agent_cannot_resolve_someone_elses_ticket(engine, ticket_in):
    ticket = ticket_in("in_progress")
    with pytest.raises(tf.PermissionDenied) as raised:
        engine.resolve(ticket.id, tf.Actor.agent("eng-wang"), "not mine")
    assert "owner or a collaborator" in str(raised.value)


def test_the_application_says_which_customer_an_actor_speaks_for(store, clock, draft):
    class ContactsOfAccounts(tf.CustomerAccess):
        def acts_for(self, actor, customer):
            return actor.id.endswith("@" + customer.id)

    config = tf.EngineConfig()
    config.customer_access = ContactsOfAccounts()
    engine = tf.Engine(store, clock, config)
    ticket = engine.open(draft, tf.Actor.customer("alice@cust-1001"))
    assert engine.add_note(ticket.id, tf.Actor.customer("bob@cust-1001"), "me too",
                           tf.Visibility.customer)
    with pytest.raises(tf.PermissionDenied):
        engine.cancel(ticket.id, tf.Actor.customer("cust-1001"), "x")


def test_a_workflow_reads_from_json_and_auto_closes_an_unanswered_wait(store, clock, draft,
                                                                       customer, owner,
                                                                       supervisor):
    workflow = lifecycle.Workflow.from_dict({"auto_close": {"waiting": "2d"}})
    assert workflow.auto_close.waiting == dt.timedelta(days=2)
    assert workflow.profile == lifecycle.Profile.standard()
    config = tf.EngineConfig()
    config.workflow = workflow
    engine = tf.Engine(store, clock, config)
    ticket = engine.open(draft, customer)
    engine.assign(ticket.id, supervisor, "eng-li")
    engine.request_info(ticket.id, owner, "哪个固件版本? / which firmware?")
    asked = clock.now()
    assert engine.tick(asked + dt.timedelta(days=2) - dt.timedelta(seconds=1)).events == []
    report = engine.tick(asked + dt.timedelta(days=2))
    assert [event.action for event in report.events] == ["auto_close"]
    closed = engine.get(ticket.id)
    assert closed.state is tf.TicketState.closed and closed.closure_code == "no_response"
    assert engine.tick(asked + dt.timedelta(days=9)).events == []


def test_a_workflow_refuses_what_it_cannot_honour():
    with pytest.raises(tf.ValidationError) as raised:
        lifecycle.Workflow.from_dict({"auto_close": {"waiting": "2d", "waiting_code": "nope"}})
    assert raised.value.field == "auto_close.waiting_code"
    with pytest.raises(tf.ValidationError) as raised:
        lifecycle.Workflow.from_dict({"statuses": [{"id": "new", "state": "new"}]})
    assert raised.value.field == "statuses"


def test_the_documents_profile_keeps_todays_flow(store, clock, draft, customer, owner):
    config = tf.EngineConfig()
    config.workflow = lifecycle.Workflow.documents()
    engine = tf.Engine(store, clock, config)
    ticket = engine.open(draft, customer)
    with pytest.raises(tf.InvalidTransition):
        engine.resolve(ticket.id, owner, "x")

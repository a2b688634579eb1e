"""The engine's SLAs from Python: per-ticket status, tick, escalation on record, a policy pinned
by a supervisor, business calendars in the engine's configuration and the background ticker."""
import datetime as dt
import threading
import time

import pytest

import ticketflow as tf
from ticketflow import sla

from test_calendar import OFFICE

HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)


def sla_actions(trail):
    return [(e.action, e.details["metric"]) for e in trail if e.action.startswith("sla_")]


def test_a_new_ticket_has_its_clocks_running(engine, opened, clock):
    status = engine.sla_status(opened.id)
    assert status.policy == "standard" and status.calendar == "" and not status.policy_pinned
    first = status.metric(sla.Metric.first_response)
    assert first.target == HOUR  # high priority
    assert first.due == clock.now() + HOUR
    assert first.running and not first.paused
    assert status.metrics[2].target == dt.timedelta(hours=48)
    assert status.next_deadline == clock.now() + 48 * MINUTE  # the warning at 80 %
    assert engine.next_sla_deadline() == status.next_deadline


def test_tick_records_warning_breach_and_ladder_once(engine, opened, clock):
    assert engine.tick().events == []
    clock.advance(HOUR + MINUTE)
    report = engine.tick()
    assert report.tickets_due == 1
    assert [e.action for e in report.events] == ["sla_warning", "sla_breach", "sla_escalation"]
    breach = report.events[1]
    assert breach.ticket == opened.id and breach.actor == tf.Actor.system()
    assert breach.details["metric"] == "first_response"
    assert breach.details["at"] == (opened.created_at + HOUR).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert report.events[2].details["step"] == "notify_supervisor"
    assert engine.tick().events == []
    assert sla_actions(engine.audit_trail(opened.id)) == [
        ("sla_warning", "first_response"), ("sla_breach", "first_response"),
        ("sla_escalation", "first_response")]


def test_the_ladder_raises_the_priority_through_the_audit_trail(engine, opened, clock):
    clock.advance(5 * HOUR + MINUTE)
    engine.tick()
    assert engine.get(opened.id).priority == tf.Priority.urgent
    raised = engine.audit_trail(opened.id)[-1]
    assert raised.details["step"] == "raise_priority"
    assert [(c.field, c.before, c.after) for c in raised.changes] == [
        ("priority", "high", "urgent")]


def test_waiting_for_the_customer_pauses_resolution(engine, ticket_in, clock, owner, customer):
    ticket = ticket_in(tf.TicketState.in_progress)
    clock.advance(2 * HOUR)
    engine.request_info(ticket.id, owner, "Which firmware?")
    clock.advance(30 * HOUR)
    resolution = engine.sla_status(ticket.id).metric(sla.Metric.resolution)
    assert resolution.paused and resolution.elapsed == 2 * HOUR
    engine.customer_replied(ticket.id, customer, "2.1")
    clock.advance(HOUR)
    assert engine.sla_status(ticket.id).metric(sla.Metric.resolution).elapsed == 3 * HOUR


def test_supervisors_pin_a_policy_and_agents_may_not(store, clock, draft, customer, owner,
                                                     supervisor):
    gold = sla.Policy.standard()
    gold.name = "gold"
    config = tf.EngineConfig(sla_policies=sla.PolicySet([sla.Policy.standard(), gold], [],
                                                        "standard"))
    engine = tf.Engine(store, clock, config)
    ticket = engine.open(draft, customer)
    with pytest.raises(tf.PermissionDenied):
        engine.change_sla_policy(ticket.id, owner, "gold", "key account")
    with pytest.raises(tf.ValidationError) as raised:
        engine.change_sla_policy(ticket.id, supervisor, "platinum", "key account")
    assert raised.value.field == "policy"
    assert engine.get(ticket.id) == ticket
    engine.change_sla_policy(ticket.id, supervisor, "gold", "key account")
    status = engine.sla_status(ticket.id)
    assert status.policy == "gold" and status.policy_pinned
    assert engine.audit_trail(ticket.id)[-1].details == {"from": "standard", "to": "gold"}


def test_business_calendars_come_with_the_configuration(store, draft, customer):
    shanghai = dt.timezone(dt.timedelta(hours=8))
    clock = tf.ManualClock(dt.datetime(2024, 9, 30, 17, 0, tzinfo=shanghai))
    policy = sla.Policy.standard()
    policy.calendar = "office"
    config = tf.EngineConfig(sla_policies=sla.PolicySet([policy], [], "standard"),
                             calendars={"office": sla.Calendar(OFFICE)})
    engine = tf.Engine(store, clock, config)
    draft.priority = tf.Priority.medium
    ticket = engine.open(draft, customer)
    status = engine.sla_status(ticket.id)
    assert status.calendar == "office"
    # One business hour on Monday, the National Day week off, three hours on Tuesday 10-08.
    assert status.metric(sla.Metric.first_response).due == dt.datetime(
        2024, 10, 8, 12, 0, tzinfo=shanghai)
    clock.set(dt.datetime(2024, 10, 6, 12, 0, tzinfo=shanghai))
    assert engine.tick().events == []


def test_a_policy_with_an_unknown_calendar_is_refused(store, clock):
    policy = sla.Policy.standard()
    policy.calendar = "nowhere"
    config = tf.EngineConfig(sla_policies=sla.PolicySet([policy], [], "standard"))
    with pytest.raises(tf.ValidationError) as raised:
        tf.Engine(store, clock, config)
    assert raised.value.field == "sla_policies.policies[0].calendar"


def test_a_new_engine_on_the_same_store_carries_on(store, clock, opened):
    clock.advance(2 * HOUR)
    restarted = tf.Engine(store, clock)
    assert [e.action for e in restarted.tick().events][:2] == ["sla_warning", "sla_breach"]


def test_a_python_store_keeps_the_clocks_with_the_ticket(clock, draft, customer):
    from python_stores import DelegatingStore
    engine = tf.Engine(DelegatingStore(), clock)
    ticket = engine.open(draft, customer)
    assert ticket.sla_clocks
    clock.advance(2 * HOUR)
    assert len(engine.tick().events) == 3


def test_the_background_ticker_calls_back_from_its_thread(engine, opened, clock):
    clock.advance(2 * HOUR)
    seen = []
    done = threading.Event()

    def on_tick(report):
        seen.extend(report.events)
        if len(seen) >= 3:
            done.set()

    with tf.BackgroundTicker(engine, dt.timedelta(milliseconds=5), on_tick) as ticker:
        assert done.wait(10)
    assert ticker.ticks >= 1
    assert [e.action for e in seen] == ["sla_warning", "sla_breach", "sla_escalation"]


def test_reports_and_statuses_are_value_classes(engine, opened, clock):
    clock.advance(2 * HOUR)
    report = engine.tick()
    assert "tickets_due=1" in repr(report)
    status = engine.sla_status(opened.id)
    assert status.metric(sla.Metric.first_response).breached_at == opened.created_at + HOUR

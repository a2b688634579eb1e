"""ticketflow.lifecycle: the transition table itself — fire, allowed events, rows, diagram."""
import re

import pytest

import ticketflow as tf
from ticketflow import lifecycle

TABLE = lifecycle.transition_table()


def test_firing_an_allowed_event_gives_its_target():
    transition = lifecycle.fire(tf.TicketState.new, tf.LifecycleEvent.assign,
                                lifecycle.Input(role=tf.Role.supervisor, has_assignee=True))
    assert transition and transition.allowed
    assert transition.target is tf.TicketState.assigned


@pytest.mark.parametrize("state, event, input, refusal, field", [
    ("new", "close", lifecycle.Input.complete("customer"), "invalid_transition", ""),
    ("resolved", "auto_close", lifecycle.Input.complete("supervisor"), "permission_denied", ""),
    ("assigned", "start", lifecycle.Input(role="agent"), "permission_denied", ""),
    ("closed", "reopen", lifecycle.Input(role="agent", has_reason=True), "permission_denied", ""),
    ("in_progress", "resolve", lifecycle.Input(role="agent"), "validation_failed", "solution"),
    ("resolved", "confirm", lifecycle.Input(role="customer"), "validation_failed", "satisfaction"),
])
def test_a_refused_event_says_why(state, event, input, refusal, field):
    transition = lifecycle.fire(state, event, input)
    assert not transition and not transition.allowed
    assert transition.refusal == refusal and type(transition.refusal) is tf.ErrorCode
    assert transition.field == field
    assert transition.reason


@pytest.mark.parametrize("rule", TABLE, ids=lambda r: f"{r.source}-{r.event}")
def test_every_row_fires_for_its_roles_with_complete_input(rule):
    for role in rule.roles:
        transition = lifecycle.fire(rule.source, rule.event, lifecycle.Input.complete(role))
        assert transition.target == rule.target
        assert rule.event in lifecycle.allowed_events(rule.source, role)


def test_the_table_has_the_documented_rows():
    assert len(TABLE) == 26
    first = TABLE[0]
    assert (first.source, first.event, first.target) == ("new", "assign", "assigned")
    assert first.roles == [tf.Role.supervisor, tf.Role.admin, tf.Role.system]
    assert first.needs == ["assignee"]
    assert all(isinstance(rule, lifecycle.Rule) for rule in TABLE)


def test_nothing_leaves_a_cancelled_ticket():
    assert all(rule.source != tf.TicketState.cancelled for rule in TABLE)
    assert all(lifecycle.allowed_events("cancelled", role) == [] for role in tf.Role)


def test_allowed_events_follow_the_role():
    assert lifecycle.allowed_events("resolved", "system") == [tf.LifecycleEvent.auto_close]
    assert tf.LifecycleEvent.close in lifecycle.allowed_events("resolved", "supervisor")
    assert tf.LifecycleEvent.close not in lifecycle.allowed_events("resolved", "agent")


def test_the_diagram_is_the_one_in_the_lifecycle_guide(source_dir):
    guide = (source_dir / "docs" / "lifecycle.md").read_text(encoding="utf-8")
    embedded = re.search(r"```mermaid\n(.*?)```", guide, re.S).group(1)
    diagram = lifecycle.mermaid_diagram()
    assert diagram.startswith("stateDiagram-v2")
    assert diagram.strip() == embedded.strip()


def test_the_engine_offers_what_the_table_allows(engine, ticket_in, owner):
    assigned = ticket_in("assigned")
    mine = engine.allowed_events(assigned.id, owner)
    assert tf.LifecycleEvent.start in mine
    others = engine.allowed_events(assigned.id, tf.Actor.agent("eng-wang"))
    assert tf.LifecycleEvent.start not in others
    assert engine.allowed_events(ticket_in("cancelled").id, tf.Actor.supervisor("s")) == []

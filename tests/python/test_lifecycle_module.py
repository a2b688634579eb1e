"""ticketflow.lifecycle: the transition table itself — fire, allowed events, rows, diagram."""
import re

import pytest

import ticketflow as tf
from ticketflow import lifecycle

TABLE = lifecycle.transition_table()
DOCUMENTS = lifecycle.Profile.documents()


def test_firing_an_allowed_event_gives_its_target():
    transition = lifecycle.fire(tf.TicketState.new, tf.LifecycleEvent.assign,
                                lifecycle.Input(role=tf.Role.supervisor, has_assignee=True))
    assert transition and transition.allowed
    assert transition.target is tf.TicketState.assigned


@pytest.mark.parametrize("state, event, input, refusal, field", [
    ("closed", "resolve", lifecycle.Input.complete("customer"), "invalid_transition", ""),
    ("resolved", "auto_close", lifecycle.Input.complete("supervisor"), "permission_denied", ""),
    ("assigned", "start", lifecycle.Input(role="agent"), "permission_denied", ""),
    ("closed", "reopen", lifecycle.Input(role="agent", has_reason=True), "permission_denied", ""),
    ("in_progress", "resolve", lifecycle.Input(role="agent"), "permission_denied", ""),
    ("in_progress", "resolve", lifecycle.Input(role="agent", actor_is_owner=True),
     "validation_failed", "solution"),
    ("resolved", "confirm", lifecycle.Input(role="customer"), "permission_denied", ""),
    ("resolved", "confirm", lifecycle.Input(role="customer", actor_is_customer=True),
     "validation_failed", "satisfaction"),
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


def test_the_table_has_the_documented_rows_in_each_profile():
    assert len(TABLE) == 66
    assert len(lifecycle.transition_table(DOCUMENTS)) == 26
    first = TABLE[0]
    assert (first.source, first.event, first.target) == ("new", "assign", "assigned")
    assert first.roles == [tf.Role.supervisor, tf.Role.admin, tf.Role.system]
    assert first.needs == ["assignee"]
    assert all(isinstance(rule, lifecycle.Rule) for rule in TABLE)


def test_only_a_reopen_leaves_a_cancelled_ticket_and_only_in_the_standard_profile():
    documents = lifecycle.transition_table(DOCUMENTS)
    assert all(rule.source != tf.TicketState.cancelled for rule in documents)
    assert all(lifecycle.allowed_events("cancelled", role, DOCUMENTS) == [] for role in tf.Role)
    assert lifecycle.allowed_events("cancelled", "supervisor") == [tf.LifecycleEvent.reopen]


def test_a_profile_switches_rows_and_roles_and_reads_from_json():
    profile = lifecycle.Profile.from_dict(
        {"name": "field-service", "base": "standard",
         "rows": [{"event": "close", "roles": ["agent", "supervisor", "admin"]},
                  {"source": "ignored", "from": "new", "event": "resolve", "enabled": False}]})
    assert profile.name == "field-service"
    assert not profile.allows("new", "resolve")
    assert tf.Role.agent in profile.roles("resolved", "close")
    assert not lifecycle.fire("new", "resolve", lifecycle.Input.complete("agent"), profile)
    assert lifecycle.Profile.from_dict(profile.to_dict()) == profile
    with pytest.raises(tf.ValidationError) as raised:
        lifecycle.Profile.from_dict({"rows": [{"from": "closed", "event": "resolve",
                                               "enabled": True}]})
    assert raised.value.field == "rows[0]"  # the path inside the profile document
    with pytest.raises(tf.ValidationError):
        profile.set_row("closed", "assign", True)


def test_allowed_events_follow_the_role():
    assert lifecycle.allowed_events("resolved", "system") == [tf.LifecycleEvent.escalate,
                                                              tf.LifecycleEvent.auto_close]
    assert tf.LifecycleEvent.close in lifecycle.allowed_events("resolved", "supervisor")
    assert tf.LifecycleEvent.close not in lifecycle.allowed_events("resolved", "agent")


@pytest.mark.parametrize("profile", [lifecycle.Profile.standard(), DOCUMENTS],
                         ids=["standard", "documents"])
def test_the_diagram_of_each_profile_is_the_one_in_the_lifecycle_guide(source_dir, profile):
    guide = (source_dir / "docs" / "lifecycle.md").read_text(encoding="utf-8")
    block = re.search(r"BEGIN GENERATED: lifecycle-diagram-" + profile.name +
                      r" -->\n```mermaid\n(.*?)```", guide, re.S).group(1)
    diagram = lifecycle.mermaid_diagram(profile)
    assert diagram.startswith("stateDiagram-v2")
    assert diagram.strip() == block.strip()


def test_the_engine_offers_what_the_table_allows(engine, ticket_in, owner):
    assigned = ticket_in("assigned")
    mine = engine.allowed_events(assigned.id, owner)
    assert tf.LifecycleEvent.start in mine
    others = engine.allowed_events(assigned.id, tf.Actor.agent("eng-wang"))
    assert tf.LifecycleEvent.start not in others
    assert engine.allowed_events(ticket_in("cancelled").id, tf.Actor.supervisor("s")) == [
        tf.LifecycleEvent.reopen]

"""SLA policies from Python: the documents' defaults, rules choosing a policy, dicts, errors."""
import datetime as dt
import pickle

import pytest

import ticketflow as tf
from ticketflow import sla


def hours(n):
    return dt.timedelta(hours=n)


def test_the_standard_policy_has_the_documents_targets():
    policy = sla.Policy.standard()
    assert policy.target(tf.Priority.urgent, sla.Metric.first_response) == dt.timedelta(minutes=15)
    assert policy.target("low", "resolution") == dt.timedelta(days=7)
    assert policy.pauses(sla.Metric.resolution) == [tf.TicketState.waiting,
                                                     tf.TicketState.resolved]
    assert policy.warning.percent_of_target == 80


def test_targets_and_pauses_can_be_set():
    policy = sla.Policy(name="gold", calendar="shanghai-office")
    policy.set_target(tf.Priority.high, sla.Metric.resolution, hours(12))
    policy.set_pauses(sla.Metric.resolution, [tf.TicketState.waiting])
    assert policy.target("high", "resolution") == hours(12)
    assert policy.pauses("resolution") == [tf.TicketState.waiting]
    with pytest.raises(ValueError, match="whole seconds"):
        policy.set_target("high", "resolution", dt.timedelta(microseconds=1))


def test_the_first_matching_rule_chooses_the_policy(engine, draft, customer):
    vip = sla.Policy.standard()
    vip.name = "vip"
    rule = sla.Rule(tiers=[tf.CustomerTier.vip], policy="vip")
    policies = sla.PolicySet([sla.Policy.standard(), vip], [rule], "standard")
    intake = tf.Actor.agent("intake")  # staff open tickets for any customer
    draft.customer = tf.Customer(id="walk-in", name="Walk-in", tier=tf.CustomerTier.standard)
    assert policies.choose(engine.open(draft, intake)).name == "standard"
    draft.customer = tf.Customer(id="key-1", name="Key account", tier=tf.CustomerTier.vip)
    assert policies.choose(engine.open(draft, intake)).name == "vip"


def test_an_invalid_set_raises_a_validation_error_naming_the_field():
    with pytest.raises(tf.ValidationError) as refused:
        sla.PolicySet([sla.Policy.standard()], [sla.Rule(policy="missing")], "standard")
    assert refused.value.field == "rules[0].policy"


def test_policy_sets_round_trip_through_dicts():
    document = {
        "policies": [{"name": "gold", "calendar": "cn",
                      "targets": {"urgent": {"first_response": "10m", "resolution": "1d4h"}},
                      "warning": {"before_due": "15m"},
                      "ladder": [{"after_breach": "2h", "action": "reassign_to_team",
                                  "team": "l2"}]}],
        "rules": [{"customer_tags": ["key-account"], "policy": "gold"}],
    }
    policies = sla.PolicySet.from_dict(document)
    gold = policies.policies[0]
    assert gold.target("urgent", "resolution") == hours(28)
    assert gold.warning.before_due == dt.timedelta(minutes=15)
    assert gold.ladder[0].action is sla.EscalationAction.reassign_to_team
    assert policies.default_policy == "gold"
    assert sla.PolicySet.from_dict(policies.to_dict()) == policies


def test_a_bad_document_names_the_path():
    with pytest.raises(tf.ValidationError) as refused:
        sla.PolicySet.from_dict({"policies": [{"name": "a", "ladder": [{"action": "panic"}]}]})
    assert refused.value.field == "policies[0].ladder[0].action"


def test_policies_and_their_enums_pickle():
    policy = sla.Policy.standard()
    assert pickle.loads(pickle.dumps(policy)) == policy
    assert pickle.loads(pickle.dumps(sla.Metric.next_update)) is sla.Metric.next_update


@pytest.mark.parametrize("policy, field", [
    ({"name": "a", "targets": {"critical": {"resolution": "4h"}}}, "policies[0].targets.critical"),
    ({"name": "a", "targets": {"high": {"ttfb": "15m"}}}, "policies[0].targets.high.ttfb"),
    ({"name": "a", "targets": {"high": {}}}, "policies[0].targets.high"),
    ({"name": "a", "pause": {"resolve": ["waiting_customer"]}}, "policies[0].pause.resolve"),
    ({"name": "a", "ladder": [{"action": "page_someone"}]}, "policies[0].ladder[0].action"),
])
def test_unknown_priorities_metrics_and_actions_are_refused_naming_the_path(policy, field):
    # A misspelt key was once dropped, and that SLA quietly stopped counting.
    with pytest.raises(tf.ValidationError) as refused:
        sla.PolicySet.from_dict({"policies": [policy]})
    assert refused.value.code is tf.ErrorCode.validation_failed
    assert refused.value.field == field


def test_an_empty_set_of_policies_is_refused():
    with pytest.raises(tf.ValidationError) as refused:
        sla.PolicySet.from_dict({"policies": []})
    assert refused.value.field == "policies"
    with pytest.raises(tf.ValidationError) as refused:
        sla.PolicySet([], [], "")
    assert refused.value.field == "policies"


def test_a_target_longer_than_the_range_of_time_is_refused():
    policy = sla.Policy.standard()
    # Longer than the years 1-9999: still a timedelta ticketflow converts ...
    policy.set_target(tf.Priority.high, sla.Metric.resolution, dt.timedelta(days=3_700_000))
    with pytest.raises(tf.ValidationError) as refused:
        sla.PolicySet([policy], [], "standard")
    assert refused.value.field == "policies[0].targets.high.resolution"
    # ... while a longer one is refused as it is converted.
    with pytest.raises(tf.ValidationError) as refused:
        policy.set_target(tf.Priority.high, sla.Metric.resolution, dt.timedelta(days=99_999_999))
    assert refused.value.field == "timedelta"


def test_adding_past_the_range_of_time_is_refused_not_wrapped():
    start = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(tf.ValidationError) as refused:
        sla.AroundTheClock().add(start, dt.timedelta(days=3_000_000))
    assert refused.value.field == "time"

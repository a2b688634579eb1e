"""Dispatch from Python: the directory and the routing rules of examples/dispatch/, an engine that
routes by them, a rule written in Python, claims checked against the directory, and an absent
agent's tickets handed on."""
import gc
import json

import pytest

import ticketflow as tf
from conftest import make_draft

D = tf.dispatch


@pytest.fixture
def documents(source_dir):
    folder = source_dir / "examples" / "dispatch"
    return (json.loads((folder / "directory.json").read_text(encoding="utf-8")),
            json.loads((folder / "rules.json").read_text(encoding="utf-8")))


@pytest.fixture
def directory(documents):
    return D.Directory.from_dict(documents[0])


@pytest.fixture
def rules(documents):
    return D.RuleSet.from_dict(documents[1])


def engine_with(store, clock, directory, rule, automatic=True):
    return tf.Engine(store, clock, tf.EngineConfig(directory=directory, dispatch_rule=rule,
                                                   auto_dispatch=automatic))


def hardware(region="north", channel=tf.Channel.web):
    draft = make_draft()
    draft.category = "hardware_fault"
    draft.region = region
    draft.channel = channel
    draft.priority = tf.Priority.medium
    return draft


def test_the_directory_and_rules_read_from_json(directory, rules, documents):
    assert [a.id for a in directory.agents][:3] == ["chen", "feng", "li"]
    li = directory.find_agent("li")
    assert (li.name, li.level("printer"), li.tier, li.capacity) == ("李工", 4, D.Tier.l2, 3)
    assert directory.members("field-service") == ["li", "sun", "wang"]
    assert rules.fallback_team == "service-desk"
    assert rules.rules[1].strategy == D.Strategy.region_match
    assert D.RuleSet.from_dict(rules.to_dict()).rules == rules.rules
    with pytest.raises(tf.ValidationError) as refused:
        D.Directory.from_dict({"agents": [{"id": "x", "skills": {"printer": 9}}]})
    assert refused.value.field == "agents[0].skills.printer"


def test_a_rule_set_proposes_in_python(directory, rules):
    ticket = tf.Ticket(category="hardware_fault", region="north", channel=tf.Channel.on_site)
    decision = rules.propose(D.Request(ticket=ticket), directory)
    assert (decision.team, decision.agent) == ("field-service", "wang")
    assert decision.explanation == \
        "on-site hardware → field-service; in region 'north', least loaded: wang (0 open)"


def test_the_engine_dispatches_on_opening_and_keeps_loads(store, clock, customer, directory,
                                                          rules):
    engine = engine_with(store, clock, directory, rules)
    first = engine.open(hardware(), customer)
    assert (first.state, first.team, first.owner) == ("assigned", "field-service", "li")
    entry = engine.audit_trail(first.id)[-1]
    assert (entry.action, entry.details["agent"]) == ("dispatch", "li")
    assert entry.reason == "hardware → field-service; least loaded: li (0 open)"
    assert engine.open(hardware(), customer).owner == "sun"
    assert engine.directory().load("li") == 1


class NorthFirst(D.DispatchRule):
    """A rule written in Python: northern tickets to wang, the rest to field service's queue."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def propose(self, request, directory):
        self.seen.append(request.ticket.number)
        if request.ticket.region == "north" and directory.load("wang") < 3:
            return D.Decision(team="field-service", agent="wang", explanation="north → wang")
        return D.Decision(team="field-service", explanation="queued for field service")

    def requirements(self, ticket):
        """Claims of southern tickets need a printer specialist."""
        return D.Requirements(skills={"printer": 3}) if ticket.region == "south" else None


def test_a_rule_written_in_python_routes_and_lives_as_long_as_the_engine(store, clock, customer,
                                                                        supervisor, directory):
    rule = NorthFirst()
    engine = engine_with(store, clock, directory, rule, automatic=False)
    del rule
    gc.collect()
    north = engine.open(hardware("north"), customer)
    south = engine.open(hardware("south"), customer)
    assert engine.dispatch(north.id, supervisor).owner == "wang"
    queued = engine.dispatch(south.id, supervisor)
    assert (queued.state, queued.team, queued.owner) == ("new", "field-service", "")
    assert engine.audit_trail(queued.id)[-1].reason == "queued for field service"
    assert engine.config.dispatch_rule.seen == [north.number, south.number]
    with pytest.raises(tf.PermissionDenied, match="wang lacks printer at level 3"):
        engine.claim(south.id, tf.Actor.agent("wang"))
    assert engine.claim(south.id, tf.Actor.agent("sun")).owner == "sun"


def test_claims_are_checked_and_an_absent_agents_tickets_move(store, clock, customer, supervisor,
                                                               directory, rules):
    engine = engine_with(store, clock, directory, rules)
    first = engine.open(hardware(), customer)  # li
    engine.start(first.id, tf.Actor.agent("li"))
    moved = engine.set_agent_absent(supervisor, "li", True)
    assert [(t.id, t.owner, t.state) for t in moved] == [(first.id, "sun", "in_progress")]
    assert engine.audit_trail(first.id)[-1].reason.startswith("li is absent; hardware")

    how_to = make_draft()
    how_to.category = "how_to"
    engine.set_agent_absent(supervisor, "wu", True)
    queued = engine.open(how_to, customer)  # training's only agent is absent: it waits
    assert (queued.team, queued.owner) == ("training", "")
    with pytest.raises(tf.PermissionDenied, match="not in team training"):
        engine.claim(queued.id, tf.Actor.agent("zhao"))
    with pytest.raises(tf.PermissionDenied, match="wu is marked absent"):
        engine.claim(queued.id, tf.Actor.agent("wu"))
    with pytest.raises(tf.PermissionDenied):
        engine.dispatch(queued.id, tf.Actor.agent("zhao"))

    assert rules.requirements(tf.Ticket(priority="urgent",
                                        customer=tf.Customer(tier="vip"))).skills == {"printer": 3}
    engine.put_agent(supervisor, D.Agent(id="an", teams=["training"]))
    assert engine.dispatch(queued.id, supervisor).owner == "an"


@pytest.mark.parametrize("teams, field", [
    ([{"id": "a", "escalates_to": "a"}], "teams[0].escalates_to"),
    ([{"id": "a", "escalates_to": "b"}, {"id": "b", "escalates_to": "a"}],
     "teams[0].escalates_to"),
])
def test_self_escalation_and_escalation_cycles_are_refused(teams, field):
    with pytest.raises(tf.ValidationError) as refused:
        D.Directory.from_dict({"teams": teams})
    assert refused.value.code is tf.ErrorCode.validation_failed
    assert refused.value.field == field


def test_put_team_refuses_a_cycle_and_changes_nothing(directory):
    before = directory.to_dict()
    with pytest.raises(tf.ValidationError) as refused:
        directory.put_team(D.Team(id="rd", name="研发部", tier=D.Tier.l3,
                                  escalates_to="service-desk"))
    assert refused.value.field == "team.escalates_to"
    assert directory.to_dict() == before


@pytest.mark.parametrize("change, field", [
    (lambda doc: doc["rules"][0].update(team="night-shift"), "dispatch_rule.rules[0].team"),
    (lambda doc: doc.update(fallback_team="nowhere"), "dispatch_rule.fallback_team"),
])
def test_an_engine_refuses_rules_routing_to_teams_the_directory_lacks(store, clock, directory,
                                                                      documents, change, field):
    rules = json.loads(json.dumps(documents[1]))
    change(rules)
    with pytest.raises(tf.ValidationError) as refused:
        engine_with(store, clock, directory, D.RuleSet.from_dict(rules))
    assert refused.value.code is tf.ErrorCode.validation_failed
    assert refused.value.field == field

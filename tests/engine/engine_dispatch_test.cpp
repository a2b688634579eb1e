// Dispatch in the engine: tickets routed by the rule and audited with its explanation, loads kept
// as tickets move, claims checked against the directory, escalation up the tiers, and an absent
// agent's tickets handed on.
#include <map>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "dispatch/dispatch_fixture.hpp"

namespace ticketflow::testing {
namespace {

const Actor kDispatcher = Actor::supervisor("lead-1");

// The states whose tickets count against their owner (docs/dispatch.md).
bool counts_against_owner(TicketState state) {
    return state == TicketState::assigned || state == TicketState::in_progress ||
           state == TicketState::waiting || state == TicketState::escalated;
}

class engine_dispatch : public ::testing::Test {
  protected:
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    std::shared_ptr<MemoryStore> store = std::make_shared<MemoryStore>();
    std::unique_ptr<Engine> engine = make_engine(false);

    std::unique_ptr<Engine> make_engine(bool automatic) const {
        EngineConfig config;
        config.directory = service_directory();
        config.dispatch_rule = std::make_shared<dispatch::RuleSet>(service_rules());
        config.auto_dispatch = automatic;
        return Engine::create(store, clock, config).value();
    }

    Ticket open(const std::string& category, Channel channel = Channel::web) {
        TicketDraft draft = sample_draft();
        draft.category = category;
        draft.channel = channel;
        draft.region = "north";
        return engine->open(draft, kCustomer).value();
    }
    Ticket dispatched(const std::string& category) {
        return engine->dispatch(open(category).id, kDispatcher).value();
    }
    std::uint32_t load(const char* agent) const { return engine->directory().load(AgentId{agent}); }
};

TEST_F(engine_dispatch, assigns_by_the_rule_and_records_why) {
    const Ticket t = dispatched("hardware_fault");
    EXPECT_EQ(t.state, TicketState::assigned);
    EXPECT_EQ(t.owner, AgentId{"li"});
    EXPECT_EQ(t.team, TeamId{"field-service"});
    const AuditEvent entry = engine->audit_trail(t.id).value().back();
    EXPECT_EQ(entry.action, "dispatch");
    EXPECT_EQ(entry.reason, "hardware → field-service; least loaded: li (0 open)");
    EXPECT_EQ(entry.details.at("agent"), "li");
    EXPECT_EQ(entry.details.at("team"), "field-service");
    EXPECT_EQ(entry.actor, kDispatcher);
    EXPECT_EQ(load("li"), 1u);
}

TEST_F(engine_dispatch, loads_follow_the_tickets_and_steer_the_next_choice) {
    EXPECT_EQ(dispatched("hardware_fault").owner, AgentId{"li"});
    EXPECT_EQ(dispatched("hardware_fault").owner, AgentId{"sun"});
    const Ticket third = dispatched("hardware_fault");
    EXPECT_EQ(third.owner, AgentId{"wang"});
    ASSERT_TRUE(engine->start(third.id, Actor::agent("wang")));
    ASSERT_TRUE(engine->resolve(third.id, Actor::agent("wang"), "换了定影器"));
    EXPECT_EQ(load("wang"), 0u);  // resolved: no longer under way
    EXPECT_EQ(dispatched("hardware_fault").owner, AgentId{"wang"});

    // A new engine on the same store counts the same loads from the stored tickets.
    EXPECT_EQ(make_engine(false)->directory().load(AgentId{"li"}), 1u);
    EXPECT_EQ(make_engine(false)->directory().load(AgentId{"wang"}), 1u);
}

TEST_F(engine_dispatch, a_ticket_nobody_can_take_waits_in_the_teams_queue) {
    for (const char* agent : {"li", "sun", "wang"}) {
        ASSERT_TRUE(engine->set_agent_absent(kDispatcher, AgentId{agent}, true));
    }
    const Ticket t = dispatched("hardware_fault");
    EXPECT_EQ(t.state, TicketState::new_);
    EXPECT_EQ(t.team, TeamId{"field-service"});
    EXPECT_TRUE(t.owner.value().empty());
    EXPECT_EQ(engine->audit_trail(t.id).value().back().reason,
              "hardware → field-service; nobody can take it now: waits in the team's queue");
}

TEST_F(engine_dispatch, applies_the_rules_priority_and_tags) {
    TicketDraft draft = sample_draft("客户投诉：工程师迟到");
    draft.category = "service_complaint";
    const Ticket opened = engine->open(draft, kCustomer).value();
    const Ticket t = engine->dispatch(opened.id, kDispatcher).value();
    EXPECT_EQ(t.priority, Priority::high);
    EXPECT_EQ(t.owner, AgentId{"feng"});
    const auto changes = engine->audit_trail(t.id).value().back().changes;
    EXPECT_TRUE(std::any_of(changes.begin(), changes.end(),
                            [](const FieldChange& c) { return c.field == "priority"; }));
}

TEST_F(engine_dispatch, automatic_dispatch_on_opening_and_up_the_tiers_on_escalation) {
    engine = make_engine(true);
    const Ticket t = open("hardware_fault");
    EXPECT_EQ(t.owner, AgentId{"li"});
    EXPECT_EQ(engine->audit_trail(t.id).value().size(), 2u);  // open, dispatch

    const Ticket escalated = engine->escalate(t.id, Actor::agent("li"), "需要固件分析").value();
    EXPECT_EQ(escalated.team, TeamId{"rd"});  // field-service escalates to R&D
    EXPECT_EQ(escalated.owner, AgentId{"zhou"});
    EXPECT_EQ(escalated.state, TicketState::assigned);
    EXPECT_EQ(load("li"), 0u);
    EXPECT_EQ(load("zhou"), 1u);
}

TEST_F(engine_dispatch, claims_respect_absence_capacity_and_team) {
    const Ticket t = open("how_to");
    const auto refusal = [&](const char* agent) {
        const auto claimed = engine->claim(t.id, Actor::agent(agent));
        EXPECT_FALSE(claimed) << agent;
        return claimed ? Error{} : claimed.error();
    };
    ASSERT_TRUE(engine->set_agent_absent(kDispatcher, AgentId{"wu"}, true));
    EXPECT_EQ(refusal("wu").code, ErrorCode::permission_denied);
    EXPECT_NE(refusal("wu").message.find("wu is marked absent"), std::string::npos);

    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(engine->claim(open("billing").id, Actor::agent("wang")));
    EXPECT_NE(refusal("wang").message.find("capacity"), std::string::npos);  // wang holds 3

    // How-to goes to training, whose only member is absent: the ticket waits in that queue,
    // which its members may claim from; agents the directory does not know are not checked.
    const Ticket queued = engine->dispatch(t.id, kDispatcher).value();
    EXPECT_EQ(queued.team, TeamId{"training"});
    EXPECT_NE(refusal("zhao").message.find("not in team training"), std::string::npos);
    EXPECT_TRUE(engine->claim(t.id, Actor::agent("temp-7")));

    // The skills the matching rule requires: urgent VIP tickets need printer level 3.
    TicketDraft urgent = sample_draft();
    urgent.priority = Priority::urgent;
    urgent.customer.tier = CustomerTier::vip;
    const Ticket vip = engine->open(urgent, kCustomer).value();
    const auto lacking = engine->claim(vip.id, Actor::agent("zhao"));
    ASSERT_FALSE(lacking);
    EXPECT_NE(lacking.error().message.find("zhao lacks printer at level 3 (has 0)"),
              std::string::npos);
    EXPECT_TRUE(engine->claim(vip.id, Actor::agent("sun")));
}

TEST_F(engine_dispatch, an_absent_agents_tickets_are_handed_on) {
    const Ticket first = dispatched("hardware_fault");  // li
    ASSERT_TRUE(engine->start(first.id, Actor::agent("li")));
    const Ticket second =
        engine
            ->assign(open("hardware_fault").id, kDispatcher, AgentId{"li"}, TeamId{"field-service"})
            .value();
    ASSERT_EQ(load("li"), 2u);

    const auto moved = engine->set_agent_absent(kDispatcher, AgentId{"li"}, true).value();
    ASSERT_EQ(moved.size(), 2u);
    EXPECT_EQ(moved[0].owner, AgentId{"sun"});
    EXPECT_EQ(moved[0].state, TicketState::in_progress);  // the state stays
    EXPECT_EQ(moved[1].owner, AgentId{"wang"});
    EXPECT_EQ(load("li"), 0u);
    EXPECT_EQ(
        engine->audit_trail(second.id).value().back().reason.rfind("li is absent; hardware", 0),
        0u);
}

// An SLA step that hands a late ticket to another team also gives it an owner there: the least
// loaded of that team other than the owner who let it slip.
TEST_F(engine_dispatch, an_sla_step_handing_the_ticket_to_a_team_gives_it_an_owner_there) {
    sla::Policy policy = sla::Policy::standard();
    policy.ladder = {
        {std::chrono::hours{0}, sla::EscalationAction::reassign_to_team, TeamId{"tech-support"}}};
    EngineConfig config;
    config.directory = service_directory();
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    engine = Engine::create(store, clock, config).value();
    const Ticket t =
        engine
            ->assign(open("hardware_fault").id, kDispatcher, AgentId{"li"}, TeamId{"field-service"})
            .value();
    clock->advance(std::chrono::hours{4});  // past the first response target
    engine->tick();
    const Ticket late = engine->get(t.id).value();
    EXPECT_EQ(late.team, TeamId{"tech-support"});
    EXPECT_EQ(late.owner, AgentId{"sun"});  // li is in tech-support too, but let it slip
    const AuditEvent entry = engine->audit_trail(t.id).value().back();
    EXPECT_EQ(entry.action, "dispatch");
    EXPECT_EQ(entry.reason, "SLA escalation to tech-support; least loaded: sun (0 open)");
    EXPECT_EQ(load("li"), 0u);
}

Error refusal_of_engine(const std::shared_ptr<MemoryStore>& store,
                        const std::shared_ptr<ManualClock>& clock, const EngineConfig& config) {
    try {
        Engine refused(store, clock, config);
    } catch (const Exception& e) {
        return e.error();
    }
    ADD_FAILURE() << "the engine accepted the configuration";
    return {};
}

dispatch::RuleSet routing_to(const char* team, const char* fallback = "service-desk") {
    dispatch::RoutingRule rule;
    rule.name = "to " + std::string(team);
    rule.team = TeamId{team};
    return dispatch::RuleSet::make({rule}, TeamId{fallback}).value();
}

// A rule set or an SLA step naming a team the directory lacks (or one nobody belongs to) would
// leave tickets in a queue no agent can claim from: the engine refuses the configuration.
TEST_F(engine_dispatch, refuses_rules_and_ladders_routing_to_teams_nobody_can_serve) {
    EngineConfig config;
    config.directory = service_directory();
    ASSERT_TRUE(config.directory.put_team({TeamId{"night-shift"}, "夜班", dispatch::Tier::l1, {}}));
    const std::pair<dispatch::RuleSet, std::string> rule_sets[] = {
        {routing_to("nowhere"), "dispatch_rule.rules[0].team"},
        {routing_to("night-shift"), "dispatch_rule.rules[0].team"},
        {routing_to("field-service", "nowhere"), "dispatch_rule.fallback_team"},
    };
    for (const auto& [rules, field] : rule_sets) {
        config.dispatch_rule = std::make_shared<dispatch::RuleSet>(rules);
        const Error refused = refusal_of_engine(store, clock, config);
        EXPECT_EQ(refused.code, ErrorCode::validation_failed) << field;
        EXPECT_EQ(refused.field, field) << refused.message;
    }
    config.dispatch_rule = std::make_shared<dispatch::RuleSet>(service_rules());

    sla::Policy policy = sla::Policy::standard();
    policy.ladder = {
        {std::chrono::hours{0}, sla::EscalationAction::notify_supervisor, {}},
        {std::chrono::hours{1}, sla::EscalationAction::reassign_to_team, TeamId{"tech-suport"}}};
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    const Error refused = refusal_of_engine(store, clock, config);
    EXPECT_EQ(refused.code, ErrorCode::validation_failed);
    EXPECT_EQ(refused.field, "sla_policies.policies[0].ladder[1].team") << refused.message;

    policy.ladder[1].team = TeamId{"tech-support"};
    config.sla_policies = sla::PolicySet::make({policy}, {}, "standard").value();
    EXPECT_NO_THROW(Engine(store, clock, config));
}

// A rule of one's own (examples/dispatch.cpp has a fuller one): everything to one team's queue.
class QueueEverything final : public dispatch::DispatchRule {
  public:
    std::optional<dispatch::Decision> propose(const dispatch::Request&,
                                              const dispatch::Directory&) const override {
        return dispatch::Decision{TeamId{"customer-ops"},
                                  std::nullopt,
                                  Priority::high,
                                  {"triage"},
                                  "everything to customer-ops"};
    }
};

TEST_F(engine_dispatch, a_rule_of_ones_own_routes_through_the_same_command) {
    EngineConfig config;
    config.directory = service_directory();
    config.dispatch_rule = std::make_shared<QueueEverything>();
    engine = Engine::create(store, clock, config).value();
    const Ticket t = engine->dispatch(open("software_bug").id, kDispatcher).value();
    EXPECT_EQ(t.team, TeamId{"customer-ops"});
    EXPECT_EQ(t.priority, Priority::high);
    EXPECT_EQ(t.tags, std::vector<std::string>{"triage"});
    EXPECT_EQ(engine->audit_trail(t.id).value().back().reason, "everything to customer-ops");
}

// An agent with a calendar takes tickets only in its hours; a calendar the engine lacks is a
// configuration error naming the agent.
TEST_F(engine_dispatch, agents_are_on_duty_in_their_calendars_hours) {
    EngineConfig config;
    config.directory = service_directory();
    dispatch::Agent li = *config.directory.find_agent(AgentId{"li"});
    li.calendar = "day-shift";
    ASSERT_TRUE(config.directory.put_agent(li));
    config.dispatch_rule = std::make_shared<dispatch::RuleSet>(service_rules());
    const auto refused = Engine::create(store, clock, config);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().field.find("].calendar"), std::string::npos);

    // 2023-10-01T00:00Z is Sunday 08:00 in Shanghai: before the 09:00 opening, then open.
    config.calendars.emplace("day-shift", nlohmann::json::parse(R"({"time_zone": "Asia/Shanghai",
        "week": {"mon": [["09:00", "18:00"]], "sun": [["09:00", "18:00"]]}})")
                                              .get<sla::Calendar>());
    engine = Engine::create(store, clock, config).value();
    EXPECT_EQ(dispatched("hardware_fault").owner, AgentId{"sun"});
    clock->advance(std::chrono::hours{2});
    EXPECT_EQ(dispatched("hardware_fault").owner, AgentId{"li"});
}

// Many threads opening, dispatching, resolving and claiming while agents come and go: the loads
// the engine keeps always equal a recount of the stored tickets.
TEST_F(engine_dispatch, loads_stay_exact_under_concurrent_commands) {
    engine = make_engine(true);
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 40; ++i) {
                const char* categories[] = {"hardware_fault", "software_bug", "how_to", "billing"};
                const Ticket opened = open(categories[(t + i) % 4]);
                if (!opened.owner.value().empty() && i % 3 == 0) {
                    const Actor owner = Actor::agent(opened.owner.value());
                    (void)engine->start(opened.id, owner);
                    (void)engine->resolve(opened.id, owner, "done");
                }
                if (t == 0 && i % 10 == 5) {
                    (void)engine->set_agent_absent(kDispatcher, AgentId{"sun"}, i % 20 == 5);
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();

    std::map<std::string, std::uint32_t> recount;
    TicketQuery all;
    all.limit = TicketQuery::max_limit;
    for (const Ticket& t : engine->find(all).value().items) {
        if (counts_against_owner(t.state) && !t.owner.value().empty()) ++recount[t.owner.value()];
    }
    const dispatch::Directory directory = engine->directory();
    for (const dispatch::Agent& agent : directory.agents()) {
        EXPECT_EQ(directory.load(agent.id), recount[agent.id.value()]) << agent.id.value();
    }
}

TEST_F(engine_dispatch, refuses_what_it_should_and_changes_nothing) {
    const Ticket t = open("hardware_fault");
    EXPECT_EQ(engine->dispatch(t.id, Actor::agent("li")).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(engine->put_agent(Actor::agent("li"), dispatch::Agent{}).error().code,
              ErrorCode::permission_denied);
    const Ticket cancelled = engine->cancel(t.id, kCustomer, "duplicate").value();
    EXPECT_EQ(engine->dispatch(t.id, kDispatcher).error().code, ErrorCode::invalid_transition);
    EXPECT_EQ(engine->get(t.id).value(), cancelled);

    Engine plain{store, clock};
    EXPECT_EQ(plain.dispatch(open("how_to").id, kDispatcher).error().field, "dispatch_rule");
}

}  // namespace
}  // namespace ticketflow::testing

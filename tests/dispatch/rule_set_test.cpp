// The built-in rule set: the first matching rule routes, sets priority and tags, and picks an
// agent by its strategy; the fallback team's queue takes what no rule matches; JSON in and out.
#include <gtest/gtest.h>

#include "dispatch/dispatch_fixture.hpp"

namespace ticketflow::testing {
namespace {

using dispatch::Decision;
using dispatch::RuleSet;
using nlohmann::json;

class dispatch_rule_set : public ::testing::Test {
  protected:
    dispatch::Directory directory = service_directory();
    RuleSet rules = service_rules();

    Decision route(const Ticket& ticket) { return *rules.propose(request_for(ticket), directory); }
};

TEST_F(dispatch_rule_set, routes_each_category_to_its_team) {
    EXPECT_EQ(route(ticket_about("software_bug")).team, TeamId{"rd"});
    EXPECT_EQ(route(ticket_about("how_to")).agent, AgentId{"wu"});
    EXPECT_EQ(route(ticket_about("logistics")).team, TeamId{"supply-chain"});
    const Decision hardware = route(ticket_about("hardware_fault"));
    EXPECT_EQ(hardware.team, TeamId{"field-service"});
    EXPECT_EQ(hardware.agent, AgentId{"li"});
    EXPECT_EQ(hardware.explanation, "hardware → field-service; least loaded: li (0 open)");
}

TEST_F(dispatch_rule_set, the_first_matching_rule_wins_and_carries_its_actions) {
    Ticket urgent = ticket_about("hardware_fault");
    urgent.priority = Priority::urgent;
    urgent.customer.tier = CustomerTier::vip;
    const Decision decision = route(urgent);
    EXPECT_EQ(decision.team, TeamId{"tech-support"});
    EXPECT_EQ(decision.agent, AgentId{"sun"});
    EXPECT_EQ(decision.tags, std::vector<std::string>{"vip-urgent"});

    Ticket on_site = ticket_about("hardware_fault", "north");
    on_site.channel = Channel::on_site;
    EXPECT_EQ(route(on_site).agent, AgentId{"wang"});

    Ticket complaint = ticket_about("service_complaint");
    complaint.title = "客户投诉：工程师迟到";
    const Decision ops = route(complaint);
    EXPECT_EQ(ops.team, TeamId{"customer-ops"});
    EXPECT_EQ(ops.priority, Priority::high);
    complaint.title = "工程师迟到";
    complaint.description = "没有提到那个词";
    EXPECT_EQ(route(complaint).team, TeamId{"service-desk"});  // the keyword rule did not match
}

TEST_F(dispatch_rule_set, a_ticket_nobody_can_take_waits_in_the_teams_queue) {
    directory.set_load(AgentId{"li"}, 3);
    directory.set_load(AgentId{"wang"}, 3);
    ASSERT_TRUE(directory.set_absent(AgentId{"sun"}, true));
    const Decision decision = route(ticket_about("hardware_fault"));
    EXPECT_EQ(decision.team, TeamId{"field-service"});
    EXPECT_FALSE(decision.agent);
    EXPECT_EQ(decision.explanation,
              "hardware → field-service; nobody can take it now: waits in the team's queue");
}

TEST_F(dispatch_rule_set, what_no_rule_matches_goes_to_the_fallback_team) {
    const Decision decision = route(ticket_about("billing"));
    EXPECT_EQ(decision.team, TeamId{"service-desk"});
    EXPECT_EQ(decision.agent, AgentId{"chen"});
    EXPECT_EQ(decision.explanation.rfind("no rule matched → service-desk", 0), 0u);
    EXPECT_FALSE(RuleSet{}.propose(request_for(ticket_about("billing")), directory));
}

TEST_F(dispatch_rule_set, an_escalated_ticket_climbs_to_a_team_of_the_tier_it_needs) {
    auto request = request_for(ticket_about("billing"));
    request.at_least_tier = dispatch::Tier::l2;
    EXPECT_EQ(rules.propose(request, directory)->team, TeamId{"tech-support"});
    request.at_least_tier = dispatch::Tier::l3;
    const Decision decision = *rules.propose(request, directory);
    EXPECT_EQ(decision.team, TeamId{"rd"});
    EXPECT_EQ(decision.agent, AgentId{"zhou"});
}

TEST_F(dispatch_rule_set, reads_and_writes_json_and_names_the_bad_field) {
    EXPECT_EQ(json(rules).get<RuleSet>().rules(), rules.rules());
    const auto refusal = [](const char* text) {
        try {
            (void)json::parse(text).get<RuleSet>();
        } catch (const Exception& e) {
            return e.error().field;
        }
        return std::string("accepted");
    };
    EXPECT_EQ(refusal(R"({"rules": [{"name": "x"}], "fallback_team": "a"})"), "rules[0].team");
    EXPECT_EQ(refusal(R"({"rules": [{"team": "a", "strategy": "random"}], "fallback_team": "a"})"),
              "rules[0].strategy");
    EXPECT_EQ(refusal(R"({"rules": [{"team": "a", "required": {"skills": {"printer": 0}}}],
                          "fallback_team": "a"})"),
              "rules[0].required.skills.printer");
    EXPECT_EQ(refusal(R"({"rules": []})"), "fallback_team");
}

}  // namespace
}  // namespace ticketflow::testing

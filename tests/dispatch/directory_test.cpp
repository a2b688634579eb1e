// The directory: read from JSON and checked, agents and teams changed through the API, loads.
#include <gtest/gtest.h>

#include "dispatch/dispatch_fixture.hpp"

namespace ticketflow::testing {
namespace {

using dispatch::Agent;
using dispatch::Directory;
using dispatch::Team;
using dispatch::Tier;
using nlohmann::json;

Error refusal_of(const std::string& text) {
    try {
        (void)json::parse(text).get<Directory>();
    } catch (const Exception& e) {
        return e.error();
    }
    ADD_FAILURE() << "accepted " << text;
    return {};
}

TEST(dispatch_directory, reads_the_service_organisation_and_writes_it_back) {
    const Directory directory = service_directory();
    ASSERT_EQ(directory.teams().size(), 7u);
    ASSERT_EQ(directory.agents().size(), 9u);
    const Agent& li = *directory.find_agent(AgentId{"li"});
    EXPECT_EQ(li.name, "李工");
    EXPECT_EQ(li.level("printer"), 4);
    EXPECT_EQ(li.level("firmware"), 0);
    EXPECT_EQ(li.tier, Tier::l2);
    EXPECT_EQ(li.capacity, 3u);
    EXPECT_EQ(directory.find_agent(AgentId{"chen"})->capacity, 10u);  // the default
    EXPECT_EQ(directory.find_team(TeamId{"service-desk"})->escalates_to, TeamId{"tech-support"});

    const Directory again = json(directory).get<Directory>();
    EXPECT_EQ(again.agents(), directory.agents());
    EXPECT_EQ(again.teams(), directory.teams());
}

TEST(dispatch_directory, lists_team_members_in_id_order) {
    const Directory directory = service_directory();
    std::vector<std::string> members;
    for (const std::size_t at : directory.members(TeamId{"field-service"})) {
        members.push_back(directory.agents()[at].id.value());
    }
    EXPECT_EQ(members, (std::vector<std::string>{"li", "sun", "wang"}));
    EXPECT_TRUE(directory.members(TeamId{"nobody"}).empty());
}

TEST(dispatch_directory, refuses_what_does_not_add_up_naming_the_field) {
    EXPECT_EQ(refusal_of(R"({"teams": [{"id": "a"}, {"id": "a"}]})").field, "teams[1].id");
    EXPECT_EQ(refusal_of(R"({"teams": [{"id": "a", "escalates_to": "b"}]})").field,
              "teams[0].escalates_to");
    EXPECT_EQ(
        refusal_of(R"({"teams": [{"id": "a"}], "agents": [{"id": "x", "teams": ["b"]}]})").field,
        "agents[0].teams[0]");
    EXPECT_EQ(refusal_of(R"({"agents": [{"id": "x", "skills": {"printer": 6}}]})").field,
              "agents[0].skills.printer");
    EXPECT_EQ(refusal_of(R"({"agents": [{"id": "x", "capacity": 0}]})").field,
              "agents[0].capacity");
    EXPECT_EQ(refusal_of(R"({"agents": [{"id": "x"}, {"id": "x"}]})").field, "agents[1].id");
    EXPECT_EQ(refusal_of(R"({"agents": [{"id": "x", "tier": "l4"}]})").field, "agents[0].tier");
}

// An escalated ticket follows escalates_to up the tiers: a team escalating to itself would never
// move, and a circle would send the ticket round it instead of up.
TEST(dispatch_directory, refuses_self_escalation_and_escalation_cycles_naming_the_team) {
    const Error self = refusal_of(R"({"teams": [{"id": "a", "escalates_to": "a"}]})");
    EXPECT_EQ(self.code, ErrorCode::validation_failed);
    EXPECT_EQ(self.field, "teams[0].escalates_to");
    const Error cycle = refusal_of(R"({"teams": [{"id": "a", "escalates_to": "b"},
        {"id": "b", "escalates_to": "c"}, {"id": "c", "escalates_to": "a"}]})");
    EXPECT_EQ(cycle.code, ErrorCode::validation_failed);
    EXPECT_EQ(cycle.field, "teams[0].escalates_to");
    EXPECT_NE(cycle.message.find("a → b → c → a"), std::string::npos) << cycle.message;
    const Error behind = refusal_of(R"({"teams": [{"id": "a", "escalates_to": "b"},
        {"id": "b", "escalates_to": "c"}, {"id": "c", "escalates_to": "b"}]})");
    EXPECT_EQ(behind.field, "teams[1].escalates_to");
}

TEST(dispatch_directory, put_team_refuses_a_cycle_and_changes_nothing) {
    Directory directory = service_directory();
    const Directory before = directory;
    const auto self = directory.put_team(Team{TeamId{"rd"}, "研发部", Tier::l3, TeamId{"rd"}});
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(self.error().field, "team.escalates_to");
    // rd → service-desk → tech-support → rd
    const auto cycle =
        directory.put_team(Team{TeamId{"rd"}, "研发部", Tier::l3, TeamId{"service-desk"}});
    ASSERT_FALSE(cycle);
    EXPECT_EQ(cycle.error().field, "team.escalates_to");
    EXPECT_EQ(directory, before);
    EXPECT_EQ(directory.find_team(TeamId{"rd"})->escalates_to, TeamId{});
}

TEST(dispatch_directory, changes_agents_and_teams_keeping_loads) {
    Directory directory = service_directory();
    directory.set_load(AgentId{"li"}, 2);
    Agent li = *directory.find_agent(AgentId{"li"});
    li.capacity = 5;
    ASSERT_TRUE(directory.put_agent(li));
    EXPECT_EQ(directory.load(AgentId{"li"}), 2u);
    EXPECT_EQ(directory.find_agent(AgentId{"li"})->capacity, 5u);

    Agent newcomer;
    newcomer.id = AgentId{"an"};
    newcomer.teams = {TeamId{"field-service"}};
    ASSERT_TRUE(directory.put_agent(newcomer));
    EXPECT_EQ(directory.agents().front().id, AgentId{"an"});  // still in id order
    EXPECT_EQ(directory.load(AgentId{"li"}), 2u);
    EXPECT_EQ(directory.members(TeamId{"field-service"}).size(), 4u);

    newcomer.teams = {TeamId{"night-shift"}};
    EXPECT_EQ(directory.put_agent(newcomer).error().field, "agent.teams[0]");
    ASSERT_TRUE(directory.put_team(Team{TeamId{"night-shift"}, "夜班", Tier::l1, TeamId{}}));
    EXPECT_TRUE(directory.put_agent(newcomer));
    EXPECT_EQ(directory.members(TeamId{"field-service"}).size(), 3u);
}

TEST(dispatch_directory, marks_absence_and_keeps_loads_sane) {
    Directory directory = service_directory();
    ASSERT_TRUE(directory.set_absent(AgentId{"wang"}, true));
    EXPECT_TRUE(directory.find_agent(AgentId{"wang"})->absent);
    EXPECT_EQ(directory.set_absent(AgentId{"ghost"}, true).error().code, ErrorCode::not_found);

    directory.add_load(AgentId{"wang"}, 2);
    directory.add_load(AgentId{"wang"}, -5);
    EXPECT_EQ(directory.load(AgentId{"wang"}), 0u);
    directory.add_load(AgentId{"ghost"}, 1);  // owners outside the directory are not counted
    EXPECT_EQ(directory.load(AgentId{"ghost"}), 0u);
}

}  // namespace
}  // namespace ticketflow::testing

// Dispatch over many tickets: round-robin is fair, least-loaded keeps loads level, required
// skills, presence and capacity are never violated, and the same seed gives the same choices.
#include <algorithm>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "dispatch/dispatch_fixture.hpp"

namespace ticketflow::testing {
namespace {

using dispatch::Agent;
using dispatch::Decision;
using dispatch::Directory;
using dispatch::RoutingRule;
using dispatch::RuleSet;
using dispatch::Strategy;
using dispatch::Team;

const std::vector<std::string> kSkills{"printer", "network", "firmware", "scanner", "erp", "mdm"};

Agent agent_named(int n, std::vector<TeamId> teams) {
    Agent agent;
    agent.id = AgentId{"agent-" + std::string(n < 10 ? "0" : "") + std::to_string(n)};
    agent.teams = std::move(teams);
    agent.capacity = 1'000'000;
    return agent;
}

// One team of `size` agents, every ticket routed to it by one rule with `strategy`.
struct OneTeam {
    Directory directory;
    RuleSet rules;

    OneTeam(int size, Strategy strategy) {
        std::vector<Agent> agents;
        for (int n = 0; n < size; ++n) agents.push_back(agent_named(n, {TeamId{"desk"}}));
        directory = Directory::make({Team{TeamId{"desk"}, "desk", {}, {}}}, agents).value();
        RoutingRule all;
        all.name = "all";
        all.team = TeamId{"desk"};
        all.strategy = strategy;
        rules = RuleSet::make({all}, TeamId{"desk"}).value();
    }

    /// Routes a ticket and counts it against the chosen agent's load.
    AgentId assign() {
        const Decision decision = *rules.propose(request_for(ticket_about("how_to")), directory);
        EXPECT_TRUE(decision.agent) << decision.explanation;
        directory.add_load(*decision.agent, 1);
        return *decision.agent;
    }
};

TEST(dispatch_simulation, round_robin_is_fair_over_ten_thousand_tickets) {
    OneTeam desk(7, Strategy::round_robin);
    ASSERT_TRUE(desk.directory.set_absent(AgentId{"agent-03"}, true));
    std::map<std::string, int> counts;
    for (int i = 0; i < 10'000; ++i) ++counts[desk.assign().value()];
    EXPECT_EQ(counts.count("agent-03"), 0u);
    ASSERT_EQ(counts.size(), 6u);
    const auto [fewest, most] =
        std::minmax_element(counts.begin(), counts.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; });
    EXPECT_LE(most->second - fewest->second, 1);
}

TEST(dispatch_simulation, least_loaded_keeps_open_loads_level) {
    OneTeam desk(20, Strategy::least_loaded);
    std::mt19937 rng(2023);
    std::vector<AgentId> open;  // the owner of every open ticket
    const auto spread = [&] {
        std::uint32_t low = UINT32_MAX, high = 0;
        for (std::size_t a = 0; a < desk.directory.agents().size(); ++a) {
            low = std::min(low, desk.directory.load_at(a));
            high = std::max(high, desk.directory.load_at(a));
        }
        return high - low;
    };
    for (int i = 0; i < 2'000; ++i) {
        open.push_back(desk.assign());
        ASSERT_LE(spread(), 1u) << "after " << i + 1 << " arrivals";
    }
    // Now tickets also close, at random: every arrival still goes to a least loaded agent, and
    // arrivals level out what the closings unsettle.
    for (int i = 0; i < 10'000; ++i) {
        if (rng() % 2 == 0 && !open.empty()) {
            const std::size_t closed = rng() % open.size();
            desk.directory.add_load(open[closed], -1);
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(closed));
            continue;
        }
        std::uint32_t lowest = UINT32_MAX;
        for (std::size_t a = 0; a < desk.directory.agents().size(); ++a) {
            lowest = std::min(lowest, desk.directory.load_at(a));
        }
        const AgentId chosen = desk.assign();
        ASSERT_EQ(desk.directory.load(chosen), lowest + 1);
        open.push_back(chosen);
    }
    for (int i = 0; i < 5'000; ++i) open.push_back(desk.assign());
    EXPECT_LE(spread(), 1u);
}

// A random organisation: 60 agents in 5 teams, random skills and levels, capacities of 1 to 6,
// one in ten absent; 12 rules requiring random skills, with every strategy.
struct RandomOrganisation {
    Directory directory;
    RuleSet rules;
    std::vector<RoutingRule> rule_list;

    explicit RandomOrganisation(unsigned seed) {
        std::mt19937 rng(seed);
        std::vector<Team> teams;
        for (int t = 0; t < 5; ++t)
            teams.push_back({TeamId{"team-" + std::to_string(t)}, "", {}, {}});
        std::vector<Agent> agents;
        for (int n = 0; n < 60; ++n) {
            Agent agent = agent_named(n, {teams[rng() % 5].id, teams[rng() % 5].id});
            for (const auto& skill : kSkills) {
                if (rng() % 2 == 0) agent.skills[skill] = 1 + static_cast<int>(rng() % 5);
            }
            agent.capacity = 1 + rng() % 6;
            agent.absent = rng() % 10 == 0;
            agent.regions = {rng() % 2 == 0 ? "east" : "north"};
            agents.push_back(std::move(agent));
        }
        directory = Directory::make(teams, agents).value();
        for (int r = 0; r < 12; ++r) {
            RoutingRule rule;
            rule.name = "rule-" + std::to_string(r);
            rule.when.categories = {"category-" + std::to_string(r % 6)};
            rule.team = teams[rng() % 5].id;
            rule.strategy = static_cast<Strategy>(rng() % 5);
            rule.required.skills[kSkills[rng() % kSkills.size()]] = 1 + static_cast<int>(rng() % 4);
            rule.required.region = rng() % 4 == 0;
            rule_list.push_back(rule);
        }
        rules = RuleSet::make(rule_list, TeamId{"team-0"}).value();
    }
};

// Routes 5,000 random tickets, closing some, and checks every choice; returns the decisions.
std::vector<Decision> run(unsigned seed) {
    RandomOrganisation org(seed);
    std::mt19937 rng(seed + 1);
    std::vector<Decision> decisions;
    std::vector<AgentId> open;
    for (int i = 0; i < 5'000; ++i) {
        if (rng() % 3 == 0 && !open.empty()) {
            const std::size_t closed = rng() % open.size();
            org.directory.add_load(open[closed], -1);
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(closed));
        }
        auto request = request_for(
            ticket_about("category-" + std::to_string(rng() % 7), rng() % 2 ? "east" : "north"));
        if (rng() % 5 == 0)
            request.previous_agent = AgentId{"agent-" + std::to_string(10 + rng() % 50)};
        const Decision decision = *org.rules.propose(request, org.directory);
        if (decision.agent) {
            const Agent& agent = *org.directory.find_agent(*decision.agent);
            EXPECT_FALSE(agent.absent) << decision.explanation;
            EXPECT_LT(org.directory.load(agent.id), agent.capacity) << decision.explanation;
            EXPECT_NE(std::find(agent.teams.begin(), agent.teams.end(), decision.team),
                      agent.teams.end());
            for (const RoutingRule& rule : org.rule_list) {
                if (!rule.when.matches(request.ticket)) continue;
                for (const auto& [skill, level] : rule.required.skills) {
                    EXPECT_GE(agent.level(skill), level) << decision.explanation;
                }
                if (rule.required.region) {
                    EXPECT_EQ(agent.regions.at(0), request.ticket.region);
                }
                break;  // only the first matching rule applies
            }
            org.directory.add_load(agent.id, 1);
            open.push_back(agent.id);
        }
        decisions.push_back(decision);
    }
    return decisions;
}

TEST(dispatch_simulation, required_skills_presence_and_capacity_are_never_violated) {
    for (const unsigned seed : {1u, 2u, 3u}) {
        const auto decisions = run(seed);
        const auto assigned = std::count_if(decisions.begin(), decisions.end(),
                                            [](const Decision& d) { return d.agent.has_value(); });
        EXPECT_GT(assigned, 500) << "seed " << seed;    // the test did assign
        EXPECT_LT(assigned, 5'000) << "seed " << seed;  // and did meet full or unskilled teams
    }
}

TEST(dispatch_simulation, the_same_seed_gives_the_same_choices) {
    EXPECT_EQ(run(7), run(7));
    EXPECT_NE(run(7), run(8));
}

}  // namespace
}  // namespace ticketflow::testing

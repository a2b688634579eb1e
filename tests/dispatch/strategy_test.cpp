// Choosing the agent inside a team: who may take a ticket, and who of them gets it.
#include <gtest/gtest.h>

#include "dispatch/dispatch_fixture.hpp"

namespace ticketflow::testing {
namespace {

using dispatch::AgentChooser;
using dispatch::Directory;
using dispatch::Requirements;
using dispatch::Strategy;

const TeamId kField{"field-service"};

class dispatch_strategy : public ::testing::Test {
  protected:
    Directory directory = service_directory();
    AgentChooser chooser;

    std::string choose(Strategy strategy, const dispatch::Request& request,
                       const Requirements& required = {}) {
        const auto pick = chooser.choose(strategy, kField, required, request, directory);
        return pick ? directory.agents()[pick->position].id.value() : "";
    }
    std::string reason(Strategy strategy, const dispatch::Request& request) {
        return chooser.choose(strategy, kField, {}, request, directory)->reason;
    }
    void loads(std::uint32_t li, std::uint32_t sun, std::uint32_t wang) {
        directory.set_load(AgentId{"li"}, li);
        directory.set_load(AgentId{"sun"}, sun);
        directory.set_load(AgentId{"wang"}, wang);
    }
};

TEST_F(dispatch_strategy, least_loaded_takes_the_fewest_open_tickets_ties_to_the_lower_id) {
    const auto request = request_for(ticket_about("hardware_fault"));
    loads(2, 1, 1);
    EXPECT_EQ(choose(Strategy::least_loaded, request), "sun");
    EXPECT_EQ(reason(Strategy::least_loaded, request), "least loaded: sun (1 open)");
    loads(0, 0, 0);
    EXPECT_EQ(choose(Strategy::least_loaded, request), "li");
}

TEST_F(dispatch_strategy, nobody_absent_full_excluded_or_off_duty_is_chosen) {
    auto request = request_for(ticket_about("hardware_fault"));
    loads(3, 0, 0);  // li is at capacity (3)
    ASSERT_TRUE(directory.set_absent(AgentId{"sun"}, true));
    EXPECT_EQ(choose(Strategy::least_loaded, request), "wang");
    request.excluded = {AgentId{"wang"}};
    EXPECT_EQ(choose(Strategy::least_loaded, request), "");

    ASSERT_TRUE(directory.set_absent(AgentId{"sun"}, false));
    dispatch::Agent sun = *directory.find_agent(AgentId{"sun"});
    sun.calendar = "night";
    ASSERT_TRUE(directory.put_agent(sun));
    directory.set_on_duty(
        [](const dispatch::Agent& agent, Timestamp) { return agent.calendar != "night"; });
    EXPECT_EQ(choose(Strategy::least_loaded, request), "");
}

TEST_F(dispatch_strategy, requirements_filter_by_skill_level_language_product_and_region) {
    const auto request = request_for(ticket_about("hardware_fault", "south", "LP-3200"));
    Requirements skilled;
    skilled.skills = {{"printer", 3}, {"network", 3}};
    EXPECT_EQ(choose(Strategy::least_loaded, request, skilled), "sun");
    Requirements local;
    local.region = true;
    EXPECT_EQ(choose(Strategy::least_loaded, request, local), "sun");
    Requirements product;
    product.product_line = true;
    EXPECT_EQ(choose(Strategy::least_loaded, request, product), "li");
    Requirements english;
    english.languages = {"en"};
    EXPECT_EQ(choose(Strategy::least_loaded, request, english), "");
}

TEST_F(dispatch_strategy, round_robin_takes_turns_in_id_order_skipping_who_cannot) {
    auto request = request_for(ticket_about("hardware_fault"));
    std::vector<std::string> turns;
    for (int i = 0; i < 4; ++i) turns.push_back(choose(Strategy::round_robin, request));
    EXPECT_EQ(turns, (std::vector<std::string>{"li", "sun", "wang", "li"}));
    ASSERT_TRUE(directory.set_absent(AgentId{"sun"}, true));
    EXPECT_EQ(choose(Strategy::round_robin, request), "wang");
    EXPECT_EQ(reason(Strategy::round_robin, request), "round robin: li");
}

TEST_F(dispatch_strategy, skill_match_prefers_the_higher_levels_then_the_lighter_load) {
    const auto request = request_for(ticket_about("hardware_fault"));
    Requirements printer;
    printer.skills = {{"printer", 2}};
    loads(0, 2, 0);
    EXPECT_EQ(choose(Strategy::skill_match, request, printer), "sun");  // level 5 beats load
    const auto pick = chooser.choose(Strategy::skill_match, kField, printer, request, directory);
    EXPECT_EQ(pick->reason, "best skill match: sun (score 5, 2 open)");
}

TEST_F(dispatch_strategy, region_match_prefers_local_agents_and_falls_back_to_the_least_loaded) {
    loads(1, 0, 0);
    EXPECT_EQ(choose(Strategy::region_match, request_for(ticket_about("hardware_fault", "north"))),
              "wang");
    EXPECT_EQ(choose(Strategy::region_match, request_for(ticket_about("hardware_fault", "west"))),
              "sun");
    EXPECT_EQ(reason(Strategy::region_match, request_for(ticket_about("hardware_fault", "west"))),
              "nobody in region 'west'; least loaded: sun (0 open)");
}

TEST_F(dispatch_strategy, sticky_keeps_the_customers_previous_agent_when_they_can_take_it) {
    auto request = request_for(ticket_about("hardware_fault"));
    request.previous_agent = AgentId{"wang"};
    loads(0, 0, 2);
    EXPECT_EQ(choose(Strategy::sticky, request), "wang");
    EXPECT_EQ(reason(Strategy::sticky, request), "the customer's previous agent: wang");
    loads(0, 0, 3);  // wang is full
    EXPECT_EQ(choose(Strategy::sticky, request), "li");
}

}  // namespace
}  // namespace ticketflow::testing

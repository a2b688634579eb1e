// SLA policies: the documents' defaults, rule matching, validation, and JSON.
#include <gtest/gtest.h>

#include <ticketflow/sla/policy_json.hpp>

#include "support/engine_fixture.hpp"

namespace ticketflow::sla {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::sample_draft;

Ticket ticket_with(CustomerTier tier, Priority priority, std::string category = "hardware_fault") {
    Ticket ticket;
    static_cast<TicketDraft&>(ticket) = sample_draft();
    ticket.customer.tier = tier;
    ticket.priority = priority;
    ticket.category = std::move(category);
    return ticket;
}

Policy named(std::string name) {
    Policy policy = Policy::standard();
    policy.name = std::move(name);
    return policy;
}

TEST(sla_policy, standard_policy_has_the_documents_targets) {
    const Policy p = Policy::standard();
    EXPECT_EQ(p.target(Priority::urgent, Metric::first_response), minutes{15});
    EXPECT_EQ(p.target(Priority::high, Metric::first_response), hours{1});
    EXPECT_EQ(p.target(Priority::medium, Metric::first_response), hours{4});
    EXPECT_EQ(p.target(Priority::low, Metric::first_response), hours{8});
    EXPECT_EQ(p.target(Priority::urgent, Metric::resolution), hours{24});
    EXPECT_EQ(p.target(Priority::low, Metric::resolution), hours{24 * 7});
    EXPECT_EQ(p.target(Priority::medium, Metric::next_update), hours{24});
    EXPECT_EQ(p.pauses(Metric::resolution),
              (std::vector<TicketState>{TicketState::waiting, TicketState::resolved}));
    EXPECT_TRUE(p.pauses(Metric::first_response).empty());
}

TEST(sla_policy, the_first_matching_rule_chooses_and_the_default_catches_the_rest) {
    Rule vip;
    vip.tiers = {CustomerTier::vip, CustomerTier::strategic};
    vip.policy = "vip";
    Rule billing;
    billing.categories = {"billing"};
    billing.policy = "billing";
    const auto set = PolicySet::make({named("standard"), named("vip"), named("billing")},
                                     {vip, billing}, "standard")
                         .value();
    EXPECT_EQ(set.choose(ticket_with(CustomerTier::vip, Priority::low, "billing")).name, "vip");
    EXPECT_EQ(set.choose(ticket_with(CustomerTier::standard, Priority::low, "billing")).name,
              "billing");
    EXPECT_EQ(set.choose(ticket_with(CustomerTier::standard, Priority::low)).name, "standard");
}

TEST(sla_policy, a_rule_matches_only_when_every_condition_it_sets_holds) {
    Rule rule;
    rule.priorities = {Priority::urgent};
    rule.customer_tags = {"key-account", "gov"};
    rule.product_models = {"LP-3200"};
    rule.channels = {Channel::phone};
    rule.contracts = {"C-2024-001"};
    Ticket t = ticket_with(CustomerTier::standard, Priority::urgent);
    t.customer.tags = {"gov"};
    t.product.model = "LP-3200";
    t.channel = Channel::phone;
    t.product.contract_number = "C-2024-001";
    EXPECT_TRUE(rule.matches(t));
    t.customer.tags = {"retail"};
    EXPECT_FALSE(rule.matches(t));
    t.customer.tags = {"gov"};
    t.channel = Channel::web;
    EXPECT_FALSE(rule.matches(t));
    EXPECT_TRUE(Rule{}.matches(t)) << "a rule without conditions matches everything";
}

TEST(sla_policy, invalid_sets_are_refused_naming_the_field) {
    Policy negative = named("x");
    negative.target(Priority::high, Metric::resolution) = hours{-1};
    Policy bad_warning = named("x");
    bad_warning.warning.percent_of_target = 100;
    Policy unordered = named("x");
    unordered.ladder = {{hours{4}, EscalationAction::notify_supervisor, {}},
                        {hours{1}, EscalationAction::raise_priority, {}}};
    Policy teamless = named("x");
    teamless.ladder = {{hours{1}, EscalationAction::reassign_to_team, {}}};
    Rule dangling;
    dangling.policy = "nope";

    const std::pair<Result<PolicySet>, std::string> cases[] = {
        {PolicySet::make({negative}, {}, "x"), "policies[0].targets.high.resolution"},
        {PolicySet::make({bad_warning}, {}, "x"), "policies[0].warning.percent_of_target"},
        {PolicySet::make({unordered}, {}, "x"), "policies[0].ladder[1].after_breach"},
        {PolicySet::make({teamless}, {}, "x"), "policies[0].ladder[0].team"},
        {PolicySet::make({named("x"), named("x")}, {}, "x"), "policies[1].name"},
        {PolicySet::make({named("x")}, {dangling}, "x"), "rules[0].policy"},
        {PolicySet::make({named("x")}, {}, "y"), "default_policy"},
        {PolicySet::make({named("")}, {}, ""), "policies[0].name"},
    };
    for (const auto& [result, field] : cases) {
        ASSERT_FALSE(result) << field;
        EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(result.error().field, field);
    }
}

TEST(sla_policy_json, round_trips_a_policy_set) {
    Policy vip = named("vip");
    vip.calendar = "shanghai-office";
    vip.warning.before_due = minutes{15};
    vip.ladder.push_back({hours{8}, EscalationAction::reassign_to_team, TeamId{"l2"}});
    Rule rule;
    rule.tiers = {CustomerTier::vip};
    rule.policy = "vip";
    const auto set = PolicySet::make({Policy::standard(), vip}, {rule}, "standard").value();

    const nlohmann::json j = set;
    EXPECT_EQ(j["policies"][1]["targets"]["urgent"]["first_response"], "15m");
    EXPECT_EQ(j["policies"][0]["targets"]["low"]["resolution"], "7d");
    EXPECT_EQ(j.get<PolicySet>(), set);
}

TEST(sla_policy_json, reads_a_minimal_document_and_leaves_unlisted_targets_at_zero) {
    const auto set = nlohmann::json::parse(R"({
        "policies": [{"name": "gold", "calendar": "cn",
                      "targets": {"urgent": {"first_response": "10m", "resolution": "1d4h"}},
                      "pause": {"resolution": ["waiting_customer"]},
                      "future_field": true}]
    })")
                         .get<PolicySet>();
    const Policy& gold = *set.find("gold");
    EXPECT_EQ(set.default_policy(), "gold");
    EXPECT_EQ(gold.target(Priority::urgent, Metric::first_response), minutes{10});
    EXPECT_EQ(gold.target(Priority::urgent, Metric::resolution), hours{28});
    EXPECT_EQ(gold.target(Priority::low, Metric::resolution), hours{0});
    EXPECT_EQ(gold.pauses(Metric::resolution), std::vector<TicketState>{TicketState::waiting});
}

TEST(sla_policy_json, bad_documents_name_the_offending_path) {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"policies": [{"name": "a", "targets": {"high": {"resolution": "soon"}}}]})",
         "policies[0].targets.high.resolution"},
        {R"({"policies": [{"name": "a", "pause": {"resolution": ["napping"]}}]})",
         "policies[0].pause.resolution[0]"},
        {R"({"policies": [{"name": "a", "ladder": [{"action": "panic"}]}]})",
         "policies[0].ladder[0].action"},
        {R"({"policies": [{"name": "a"}], "rules": [{"tiers": ["gold"], "policy": "a"}]})",
         "rules[0].tiers[0]"},
        {R"({"policies": {"name": "a"}})", "policies"},
    };
    for (const auto& [text, field] : cases) {
        const auto result = from_json_checked<PolicySet>(nlohmann::json::parse(text));
        ASSERT_FALSE(result) << text;
        EXPECT_EQ(result.error().field, field) << result.error().message;
    }
}

// A misspelt priority or metric used to be dropped, and that SLA quietly stopped counting.
TEST(sla_policy_json, refuses_unknown_names_used_as_keys_naming_the_path) {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"policies": [{"name": "a", "targets": {"critical": {"resolution": "4h"}}}]})",
         "policies[0].targets.critical"},
        {R"({"policies": [{"name": "a", "targets": {"high": {"ttfb": "15m"}}}]})",
         "policies[0].targets.high.ttfb"},
        {R"({"policies": [{"name": "a", "targets": {"high": {}}}]})", "policies[0].targets.high"},
        {R"({"policies": [{"name": "a", "targets": {"high": "4h"}}]})", "policies[0].targets.high"},
        {R"({"policies": [{"name": "a", "pause": {"resolve": ["waiting_customer"]}}]})",
         "policies[0].pause.resolve"},
        {R"({"policies": [{"name": "a", "pause": {"resolution": ["waiting_forever"]}}]})",
         "policies[0].pause.resolution[0]"},
        {R"({"policies": [{"name": "a", "ladder": [{"action": "page_someone"}]}]})",
         "policies[0].ladder[0].action"},
    };
    for (const auto& [text, field] : cases) {
        PolicySet kept;  // a failed read leaves the target as it was
        try {
            from_json(nlohmann::json::parse(text), kept);
            ADD_FAILURE() << "accepted " << text;
        } catch (const Exception& e) {
            EXPECT_EQ(e.error().code, ErrorCode::validation_failed) << text;
            EXPECT_EQ(e.error().field, field) << e.error().message;
        }
        EXPECT_EQ(kept, PolicySet{}) << text;
    }
    const auto refused = from_json_checked<PolicySet>(nlohmann::json::parse(
        R"({"policies": [{"name": "a", "targets": {"critical": {"resolution": "4h"}}}]})"));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("unknown priority 'critical' (expected one of: urgent, "
                                           "high, medium, low)"),
              std::string::npos)
        << refused.error().message;
}

TEST(sla_policy, refuses_an_empty_set_of_policies) {
    const auto empty = PolicySet::make({}, {}, "");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(empty.error().field, "policies");
    const auto read = from_json_checked<PolicySet>(nlohmann::json::parse(R"({"policies": []})"));
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().field, "policies");
}

// A target longer than years 1-9999 could only be met by leaving the range of time.
TEST(sla_policy, refuses_durations_longer_than_the_range_of_time) {
    const BusinessDuration too_long = hours{24 * 366 * 10'000};
    Policy target = named("x");
    target.target(Priority::urgent, Metric::resolution) = too_long;
    Policy before_due = named("x");
    before_due.warning.before_due = too_long;
    Policy after_breach = named("x");
    after_breach.ladder = {{too_long, EscalationAction::notify_supervisor, {}}};
    Policy longest = named("x");
    longest.target(Priority::low, Metric::resolution) = hours{24 * 365 * 9'000};

    const std::pair<Result<PolicySet>, std::string> cases[] = {
        {PolicySet::make({target}, {}, "x"), "policies[0].targets.urgent.resolution"},
        {PolicySet::make({before_due}, {}, "x"), "policies[0].warning.before_due"},
        {PolicySet::make({after_breach}, {}, "x"), "policies[0].ladder[0].after_breach"},
    };
    for (const auto& [result, field] : cases) {
        ASSERT_FALSE(result) << field;
        EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(result.error().field, field);
    }
    EXPECT_TRUE(PolicySet::make({longest}, {}, "x"));
}

TEST(durations, parse_and_format_are_inverse) {
    const std::pair<const char*, std::int64_t> cases[] = {
        {"1m30s", 90},    {"15m", 900},      {"4h", 14'400}, {"7d", 604'800},
        {"1h30m", 5'400}, {"1d4h", 100'800}, {"0s", 0},      {"1d1h1m1s", 90'061}};
    for (const auto& [text, seconds] : cases) {
        EXPECT_EQ(parse_duration(text), std::chrono::seconds{seconds}) << text;
        EXPECT_EQ(format_duration(std::chrono::seconds{seconds}), text);
    }
    EXPECT_EQ(parse_duration("0"), std::chrono::seconds{0});
    EXPECT_EQ(parse_duration("90s"), std::chrono::seconds{90});
    for (const char* bad : {"", "h", "15", "1m1h", "1h1h", "15x", "-5m", "1.5h", "1h 30m"}) {
        EXPECT_FALSE(parse_duration(bad)) << bad;
    }
    EXPECT_EQ(format_duration(std::chrono::seconds{-90}), "-1m30s");
    // The most negative count has no positive counterpart: formatted without overflowing.
    EXPECT_EQ(format_duration(std::chrono::seconds::min()), "-106751991167300d15h30m8s");
}

}  // namespace
}  // namespace ticketflow::sla

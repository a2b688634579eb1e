// The lifecycle machine held against the hand-written table in expected_lifecycle.hpp: every
// (state, event, role) triple, every required input, and the order of refusals.

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/lifecycle/lifecycle.hpp>

#include "lifecycle/expected_lifecycle.hpp"

namespace ticketflow::lifecycle {
namespace {

std::string triple(TicketState state, LifecycleEvent event, Role role) {
    return std::string(to_string(state)) + " x " + std::string(to_string(event)) + " x " +
           std::string(to_string(role));
}

std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    return names;
}

/// Calls `check(state, event, role)` for every triple and returns how many there were.
template <class Check>
int for_every_triple(Check check) {
    int count = 0;
    for (const auto state : all_values<TicketState>()) {
        for (const auto event : all_values<LifecycleEvent>()) {
            for (const auto role : all_values<Role>()) {
                SCOPED_TRACE(triple(state, event, role));
                check(state, event, role);
                ++count;
            }
        }
    }
    return count;
}

TEST(lifecycle_table, answers_every_state_event_role_triple_with_complete_input) {
    const int checked = for_every_triple([](TicketState state, LifecycleEvent event, Role role) {
        const auto want = expected::outcome(state, event, role);
        const auto got = fire(state, event, Input::complete(role));
        ASSERT_EQ(got.allowed, want.allowed);
        if (want.allowed) {
            EXPECT_EQ(got.target, want.target);
        } else {
            EXPECT_EQ(got.refusal, want.refusal);
            EXPECT_FALSE(got.reason.empty());
        }
    });
    EXPECT_EQ(checked, 8 * 14 * 5);
}

TEST(lifecycle_table, refuses_each_allowed_triple_without_each_required_input) {
    const int checked = for_every_triple([](TicketState state, LifecycleEvent event, Role role) {
        if (!expected::outcome(state, event, role).allowed) return;
        const auto& row = *expected::find(state, event);
        for (const auto& need : expected::all_needs()) {
            SCOPED_TRACE("without " + need);
            const auto got = fire(state, event, expected::without(Input::complete(role), need));
            const bool required =
                std::find(row.needs.begin(), row.needs.end(), need) != row.needs.end();
            ASSERT_EQ(got.allowed, !required);
            if (!required) continue;
            if (expected::is_permission(need)) {
                EXPECT_EQ(got.refusal, ErrorCode::permission_denied);
                EXPECT_TRUE(got.field.empty());
            } else {
                EXPECT_EQ(got.refusal, ErrorCode::validation_failed);
                EXPECT_EQ(got.field, need);
            }
        }
    });
    EXPECT_EQ(checked, 560);
}

TEST(lifecycle_table, refuses_in_order_no_row_then_role_then_permission_then_input) {
    const Input nothing{};
    for (const auto& row : expected::rows()) {
        for (const auto role : all_values<Role>()) {
            SCOPED_TRACE(triple(row.from, row.event, role));
            Input bare = nothing;
            bare.role = role;
            const auto got = fire(row.from, row.event, bare);
            if (!expected::admits(row, role)) {
                EXPECT_EQ(got.refusal, ErrorCode::permission_denied);
            } else if (row.needs.empty()) {
                EXPECT_TRUE(got.allowed);
            } else if (expected::is_permission(row.needs.front())) {
                EXPECT_EQ(got.refusal, ErrorCode::permission_denied);
            } else {
                EXPECT_EQ(got.refusal, ErrorCode::validation_failed);
                EXPECT_EQ(got.field, row.needs.front());
            }
        }
    }
}

TEST(lifecycle_table, rejects_close_from_new_as_invalid_transition_even_for_a_customer) {
    const auto got = fire(TicketState::new_, LifecycleEvent::close, Input{});
    EXPECT_FALSE(got);
    EXPECT_EQ(got.refusal, ErrorCode::invalid_transition);
    EXPECT_EQ(got.reason, "the event is not allowed in this state");
}

TEST(lifecycle_table, accepts_satisfaction_only_from_one_to_five) {
    for (const int score : {-1, 0, 1, 3, 5, 6, 100}) {
        SCOPED_TRACE(score);
        auto input = Input::complete(Role::customer);
        input.satisfaction = score;
        const auto got = fire(TicketState::resolved, LifecycleEvent::confirm, input);
        EXPECT_EQ(got.allowed, score >= 1 && score <= 5);
        if (!got) {
            EXPECT_EQ(got.field, "satisfaction");
        }
    }
}

TEST(lifecycle_table, refuses_a_state_or_event_byte_out_of_range) {
    const auto input = Input::complete(Role::admin);
    EXPECT_EQ(fire(static_cast<TicketState>(200), LifecycleEvent::assign, input).refusal,
              ErrorCode::invalid_transition);
    EXPECT_EQ(fire(TicketState::new_, static_cast<LifecycleEvent>(200), input).refusal,
              ErrorCode::invalid_transition);
}

TEST(lifecycle_rules, allowed_events_match_the_expected_table_for_every_state_and_role) {
    for (const auto state : all_values<TicketState>()) {
        for (const auto role : all_values<Role>()) {
            SCOPED_TRACE(std::string(to_string(state)) + " x " + std::string(to_string(role)));
            std::vector<LifecycleEvent> want;
            for (const auto event : all_values<LifecycleEvent>()) {
                if (expected::outcome(state, event, role).allowed) want.push_back(event);
            }
            EXPECT_EQ(allowed_events(state, role), want);
        }
    }
}

TEST(lifecycle_rules, allow_nothing_out_of_cancelled) {
    for (const auto role : all_values<Role>()) {
        EXPECT_TRUE(allowed_events(TicketState::cancelled, role).empty());
    }
}

TEST(lifecycle_rules, transition_table_reads_back_the_expected_rows) {
    const auto rules = transition_table();
    ASSERT_EQ(rules.size(), expected::rows().size());
    for (const auto& want : expected::rows()) {
        SCOPED_TRACE(std::string(to_string(want.from)) + " x " +
                     std::string(to_string(want.event)));
        const auto got = std::find_if(rules.begin(), rules.end(), [&](const Rule& rule) {
            return rule.from == want.from && rule.event == want.event;
        });
        ASSERT_NE(got, rules.end());
        EXPECT_EQ(got->to, want.to);
        EXPECT_EQ(got->roles, want.roles);
        EXPECT_EQ(sorted(got->needs), sorted(want.needs));
    }
}

TEST(lifecycle_rules, complete_input_fills_every_field) {
    const auto input = Input::complete(Role::supervisor);
    EXPECT_EQ(input.role, Role::supervisor);
    EXPECT_TRUE(input.actor_is_owner && input.has_assignee && input.has_reason &&
                input.has_solution && input.supervisor_approval);
    EXPECT_EQ(input.satisfaction, 5);
}

}  // namespace
}  // namespace ticketflow::lifecycle

// The lifecycle machine held against the hand-written table in expected_lifecycle.hpp: every
// (state, event, role, profile) with complete input, every combination of what the guards read,
// every required input, and the order of refusals.

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/lifecycle/lifecycle.hpp>

#include "lifecycle/expected_lifecycle.hpp"

namespace ticketflow::lifecycle {
namespace {

const Profile& standard() {
    static const Profile profile = Profile::standard();
    return profile;
}

const Profile& documents() {
    static const Profile profile = Profile::documents();
    return profile;
}

/// Both shipped profiles, with whether each is the documents' flow.
const std::vector<std::pair<const Profile*, bool>>& profiles() {
    static const std::vector<std::pair<const Profile*, bool>> all{{&standard(), false},
                                                                  {&documents(), true}};
    return all;
}

std::string case_name(TicketState state, LifecycleEvent event, Role role, const Profile& p) {
    return std::string(to_string(state)) + " x " + std::string(to_string(event)) + " x " +
           std::string(to_string(role)) + " x " + p.name();
}

std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    return names;
}

/// Calls `check(state, event, role, profile, documents)` for every combination; returns how many.
template <class Check>
int for_every_case(Check check) {
    int count = 0;
    for (const auto& [profile, documents] : profiles()) {
        for (const auto state : all_values<TicketState>()) {
            for (const auto event : all_values<LifecycleEvent>()) {
                for (const auto role : all_values<Role>()) {
                    SCOPED_TRACE(case_name(state, event, role, *profile));
                    check(state, event, role, *profile, documents);
                    ++count;
                }
            }
        }
    }
    return count;
}

void expect_answer(const Transition& got, const expected::Outcome& want) {
    ASSERT_EQ(got.allowed, want.allowed);
    if (want.allowed) {
        EXPECT_EQ(got.target, want.target);
        return;
    }
    EXPECT_EQ(got.refusal, want.refusal);
    EXPECT_FALSE(got.reason.empty());
    if (want.refusal == ErrorCode::validation_failed) {
        EXPECT_EQ(got.field, want.field);
    }
    if (want.refusal == ErrorCode::permission_denied) {
        EXPECT_TRUE(got.field.empty());
    }
}

TEST(lifecycle_table, answers_every_state_event_role_and_profile_with_complete_input) {
    const int checked = for_every_case([](TicketState state, LifecycleEvent event, Role role,
                                          const Profile& profile, bool documents) {
        const auto input = Input::complete(role, &profile);
        expect_answer(fire(state, event, input), expected::decide(state, event, input, documents));
    });
    EXPECT_EQ(checked, 2 * 8 * 19 * 5);
}

// The permission facts (owner, collaborator, queue, customer, somebody owns it, approval) and the
// inputs (assignee, team, reason, closure code, solution, status, satisfaction) are what the
// guards read. Every combination of each group, with the other group complete.
Input with_permissions(Input in, unsigned bits) {
    in.actor_is_owner = (bits & 1u) != 0;
    in.actor_is_collaborator = (bits & 2u) != 0;
    in.actor_in_queue = (bits & 4u) != 0;
    in.actor_is_customer = (bits & 8u) != 0;
    in.ticket_has_owner = (bits & 16u) != 0;
    in.supervisor_approval = (bits & 32u) != 0;
    return in;
}

Input with_inputs(Input in, unsigned bits) {
    in.has_assignee = (bits & 1u) != 0;
    in.has_team = (bits & 2u) != 0;
    in.has_reason = (bits & 4u) != 0;
    in.has_closure_code = (bits & 8u) != 0;
    in.has_solution = (bits & 16u) != 0;
    in.has_status = (bits & 32u) != 0;
    in.satisfaction = (bits & 64u) != 0 ? 4 : 0;
    return in;
}

TEST(lifecycle_table, answers_every_combination_of_permissions_and_inputs_as_specified) {
    int fired = 0;
    for_every_case([&](TicketState state, LifecycleEvent event, Role role, const Profile& profile,
                       bool documents) {
        if (expected::find(state, event, false) == nullptr) return;  // covered above
        const auto complete = Input::complete(role, &profile);
        for (unsigned bits = 0; bits < 64; ++bits) {
            const auto input = with_permissions(complete, bits);
            SCOPED_TRACE("permissions " + std::to_string(bits));
            expect_answer(fire(state, event, input),
                          expected::decide(state, event, input, documents));
            ++fired;
        }
        for (unsigned bits = 0; bits < 128; ++bits) {
            const auto input = with_inputs(complete, bits);
            SCOPED_TRACE("inputs " + std::to_string(bits));
            expect_answer(fire(state, event, input),
                          expected::decide(state, event, input, documents));
            ++fired;
        }
    });
    EXPECT_EQ(fired, 66 * 5 * 2 * (64 + 128));
}

TEST(lifecycle_table, refuses_each_allowed_case_without_each_need_that_binds_the_role) {
    for_every_case([](TicketState state, LifecycleEvent event, Role role, const Profile& profile,
                      bool documents) {
        const auto complete = Input::complete(role, &profile);
        if (!expected::decide(state, event, complete, documents).allowed) return;
        for (const auto& need : expected::all_needs()) {
            SCOPED_TRACE("without " + need);
            const auto input = expected::without(complete, need);
            expect_answer(fire(state, event, input),
                          expected::decide(state, event, input, documents));
        }
    });
}

TEST(lifecycle_table, refuses_in_order_no_row_then_role_then_permission_then_input) {
    for (const auto& [profile, documents] : profiles()) {
        for (const auto& row : expected::rows()) {
            for (const auto role : all_values<Role>()) {
                SCOPED_TRACE(case_name(row.from, row.event, role, *profile));
                Input bare;
                bare.role = role;
                bare.profile = profile;
                expect_answer(fire(row.from, row.event, bare),
                              expected::decide(row.from, row.event, bare, documents));
            }
        }
    }
}

TEST(lifecycle_table, closes_a_new_ticket_only_where_the_profile_has_the_row) {
    auto input = Input::complete(Role::supervisor, &documents());
    const auto refused = fire(TicketState::new_, LifecycleEvent::close, input);
    EXPECT_EQ(refused.refusal, ErrorCode::invalid_transition);
    EXPECT_EQ(refused.reason, "the workflow profile does not allow the event in this state");
    input.profile = &standard();
    EXPECT_EQ(fire(TicketState::new_, LifecycleEvent::close, input).target, TicketState::closed);
}

TEST(lifecycle_table, rejects_what_no_row_names_as_invalid_transition_even_for_a_customer) {
    const auto got = fire(TicketState::closed, LifecycleEvent::resolve, Input{});
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

TEST(lifecycle_rules, allowed_events_match_the_expected_table_for_every_state_role_and_profile) {
    for (const auto& [profile, documents] : profiles()) {
        for (const auto state : all_values<TicketState>()) {
            for (const auto role : all_values<Role>()) {
                SCOPED_TRACE(std::string(to_string(state)) + " x " + std::string(to_string(role)) +
                             " x " + profile->name());
                std::vector<LifecycleEvent> want;
                const auto complete = Input::complete(role, profile);
                for (const auto event : all_values<LifecycleEvent>()) {
                    if (expected::decide(state, event, complete, documents).allowed) {
                        want.push_back(event);
                    }
                }
                EXPECT_EQ(allowed_events(state, role, *profile), want);
            }
        }
    }
}

TEST(lifecycle_rules, leave_cancelled_only_by_a_reopen_and_only_in_the_standard_profile) {
    for (const auto role : all_values<Role>()) {
        EXPECT_TRUE(allowed_events(TicketState::cancelled, role, documents()).empty());
    }
    const std::vector<LifecycleEvent> reopen{LifecycleEvent::reopen};
    EXPECT_EQ(allowed_events(TicketState::cancelled, Role::supervisor), reopen);
}

/// The needs a row shows: those that bind at least one role it admits.
std::vector<std::string> shown_needs(const expected::Row& row) {
    std::vector<std::string> shown;
    for (const auto& need : row.needs) {
        const bool binds_someone = std::any_of(row.roles.begin(), row.roles.end(),
                                               [&](Role r) { return expected::binds(need, r); });
        if (binds_someone) shown.push_back(need);
    }
    return shown;
}

TEST(lifecycle_rules, transition_table_reads_back_the_expected_rows_of_each_profile) {
    for (const auto& [profile, documents] : profiles()) {
        const auto rules = transition_table(*profile);
        const auto in_profile = std::count_if(
            expected::rows().begin(), expected::rows().end(),
            [documents = documents](const expected::Row& r) { return r.documents || !documents; });
        ASSERT_EQ(static_cast<long>(rules.size()), in_profile);
        for (const auto& want : expected::rows()) {
            if (documents && !want.documents) continue;
            SCOPED_TRACE(case_name(want.from, want.event, Role::admin, *profile));
            const auto got = std::find_if(rules.begin(), rules.end(), [&](const Rule& rule) {
                return rule.from == want.from && rule.event == want.event;
            });
            ASSERT_NE(got, rules.end());
            EXPECT_EQ(got->to, want.to);
            EXPECT_EQ(got->roles, want.roles);
            EXPECT_EQ(sorted(got->needs), sorted(shown_needs(want)));
        }
    }
}

TEST(lifecycle_profiles, let_a_desk_switch_rows_and_roles) {
    auto profile = Profile::standard();
    ASSERT_TRUE(profile.set_roles(TicketState::resolved, LifecycleEvent::close,
                                  {Role::agent, Role::supervisor, Role::admin}));
    ASSERT_TRUE(profile.set_row(TicketState::new_, LifecycleEvent::resolve, false));
    EXPECT_EQ(profile.name(), "custom");
    auto agent = Input::complete(Role::agent, &profile);
    EXPECT_TRUE(fire(TicketState::resolved, LifecycleEvent::close, agent));
    agent.actor_is_owner = agent.actor_is_collaborator = agent.actor_in_queue = false;
    EXPECT_EQ(fire(TicketState::resolved, LifecycleEvent::close, agent).refusal,
              ErrorCode::permission_denied);  // the stake still applies to agents
    EXPECT_EQ(
        fire(TicketState::new_, LifecycleEvent::resolve, Input::complete(Role::agent, &profile))
            .refusal,
        ErrorCode::invalid_transition);
}

TEST(lifecycle_profiles, refuse_to_switch_a_row_the_table_does_not_have) {
    auto profile = Profile::standard();
    const auto refused = profile.set_row(TicketState::closed, LifecycleEvent::resolve, true);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "row");
    EXPECT_EQ(profile, Profile::standard());
    EXPECT_FALSE(profile.set_roles(TicketState::cancelled, LifecycleEvent::assign, {}));
}

TEST(lifecycle_rules, complete_input_fills_every_field) {
    const auto input = Input::complete(Role::supervisor);
    EXPECT_EQ(input.role, Role::supervisor);
    EXPECT_TRUE(input.actor_is_owner && input.actor_is_collaborator && input.actor_in_queue &&
                input.actor_is_customer && !input.ticket_has_owner && input.has_assignee &&
                input.has_team && input.has_reason && input.has_closure_code &&
                input.has_solution && input.has_status && input.supervisor_approval);
    EXPECT_EQ(input.satisfaction, 5);
}

}  // namespace
}  // namespace ticketflow::lifecycle

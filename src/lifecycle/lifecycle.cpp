/// \file
/// What the lifecycle table says, asked of the machine itself: the events a role may fire, and
/// each row's roles and required inputs, found by firing the row rather than by a second copy of
/// the rules that could drift from the table.

#include <algorithm>
#include <array>
#include <string_view>

#include <ticketflow/lifecycle/lifecycle.hpp>

#include "lifecycle/machine.hpp"

namespace ticketflow::lifecycle {
namespace {

/// One input a guard may require, and how to take it away from a complete input.
struct Need {
    std::string_view name;
    void (*drop)(Input&) noexcept;
};

// In the order `Rule::needs` lists them.
constexpr std::array<Need, 6> kNeeds{{
    {"assignee", [](Input& in) noexcept { in.has_assignee = false; }},
    {"ownership", [](Input& in) noexcept { in.actor_is_owner = false; }},
    {"reason", [](Input& in) noexcept { in.has_reason = false; }},
    {"solution", [](Input& in) noexcept { in.has_solution = false; }},
    {"satisfaction", [](Input& in) noexcept { in.satisfaction = 0; }},
    {"approval", [](Input& in) noexcept { in.supervisor_approval = false; }},
}};

bool admits(const detail::TableRow& row, Role role) noexcept {
    const auto t = fire(row.from, row.event, Input::complete(role));
    return t.allowed && t.target == row.to;
}

/// A need is required when dropping it alone makes a complete input fail a guard (an
/// invalid_transition would mean the row itself is missing, which is not about inputs).
bool requires_need(const detail::TableRow& row, Role role, const Need& need) noexcept {
    auto input = Input::complete(role);
    need.drop(input);
    const auto t = fire(row.from, row.event, input);
    return !t.allowed &&
           (t.refusal == ErrorCode::validation_failed || t.refusal == ErrorCode::permission_denied);
}

Rule describe(const detail::TableRow& row) {
    Rule rule{row.from, row.event, row.to, {}, {}};
    for (const auto role : all_values<Role>()) {
        if (admits(row, role)) rule.roles.push_back(role);
    }
    // A need counts when some admitted role cannot do without it; a row no role may fire has
    // no needs to show.
    for (const auto& need : kNeeds) {
        const auto needed = std::any_of(rule.roles.begin(), rule.roles.end(),
                                        [&](Role role) { return requires_need(row, role, need); });
        if (needed) rule.needs.emplace_back(need.name);
    }
    return rule;
}

}  // namespace

Input Input::complete(Role role) noexcept {
    Input in;
    in.role = role;
    in.actor_is_owner = true;
    in.has_assignee = true;
    in.has_reason = true;
    in.has_solution = true;
    in.satisfaction = 5;
    in.supervisor_approval = true;
    return in;
}

std::vector<LifecycleEvent> allowed_events(TicketState state, Role role) {
    std::vector<LifecycleEvent> events;
    const auto input = Input::complete(role);
    for (const auto event : all_values<LifecycleEvent>()) {
        if (fire(state, event, input)) events.push_back(event);
    }
    return events;
}

std::vector<Rule> transition_table() {
    std::vector<Rule> rules;
    for (const auto& row : detail::table_rows()) rules.push_back(describe(row));
    return rules;
}

}  // namespace ticketflow::lifecycle

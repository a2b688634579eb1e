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

/// One thing a guard may require, and how to take it away from a complete input. Dropping a
/// composite need takes away its `part` too (a stake is also ownership; "a reason or a closure
/// code" is also a reason), so it counts only where its part alone does not.
struct Need {
    std::string_view name;
    void (*drop)(Input&) noexcept;
    std::string_view part = {};
};

// In the order `Rule::needs` lists them: permissions, then inputs.
constexpr std::array<Need, 12> kNeeds{{
    {"customer", [](Input& in) noexcept { in.actor_is_customer = false; }},
    {"stake",
     [](Input& in) noexcept {
         in.actor_is_owner = in.actor_is_collaborator = in.actor_in_queue = false;
     },
     "ownership"},
    {"ownership", [](Input& in) noexcept { in.actor_is_owner = false; }},
    {"unowned", [](Input& in) noexcept { in.ticket_has_owner = true; }},
    {"approval", [](Input& in) noexcept { in.supervisor_approval = false; }},
    {"assignee", [](Input& in) noexcept { in.has_assignee = false; }},
    {"team", [](Input& in) noexcept { in.has_team = false; }},
    {"reason", [](Input& in) noexcept { in.has_reason = false; }},
    {"reason_or_code", [](Input& in) noexcept { in.has_reason = in.has_closure_code = false; },
     "reason"},
    {"solution", [](Input& in) noexcept { in.has_solution = false; }},
    {"satisfaction", [](Input& in) noexcept { in.satisfaction = 0; }},
    {"status", [](Input& in) noexcept { in.has_status = false; }},
}};

bool admits(const detail::TableRow& row, Role role, const Profile& profile) noexcept {
    const auto t = fire(row.from, row.event, Input::complete(role, &profile));
    return t.allowed && t.target == row.to;
}

/// A need is required when dropping it alone makes a complete input fail a guard (an
/// invalid_transition would mean the row itself is missing, which is not about inputs).
bool requires_need(const detail::TableRow& row, Role role, const Profile& profile,
                   const Need& need) noexcept {
    auto input = Input::complete(role, &profile);
    need.drop(input);
    const auto t = fire(row.from, row.event, input);
    return !t.allowed &&
           (t.refusal == ErrorCode::validation_failed || t.refusal == ErrorCode::permission_denied);
}

Rule describe(const detail::TableRow& row, const Profile& profile) {
    Rule rule{row.from, row.event, row.to, {}, {}};
    for (const auto role : all_values<Role>()) {
        if (admits(row, role, profile)) rule.roles.push_back(role);
    }
    // A need counts when some admitted role cannot do without it; a row no role may fire has
    // no needs to show.
    const auto needed = [&](std::string_view name) {
        const auto need = std::find_if(kNeeds.begin(), kNeeds.end(),
                                       [&](const Need& n) { return n.name == name; });
        return std::any_of(rule.roles.begin(), rule.roles.end(),
                           [&](Role role) { return requires_need(row, role, profile, *need); });
    };
    for (const auto& need : kNeeds) {
        if (!needed(need.name)) continue;
        if (!need.part.empty() && needed(need.part)) continue;
        rule.needs.emplace_back(need.name);
    }
    return rule;
}

}  // namespace

Input Input::complete(Role role, const Profile* profile) noexcept {
    Input in;
    in.role = role;
    in.actor_is_owner = true;
    in.actor_is_collaborator = true;
    in.actor_in_queue = true;
    in.actor_is_customer = true;
    in.ticket_has_owner = false;
    in.has_assignee = true;
    in.has_team = true;
    in.has_reason = true;
    in.has_closure_code = true;
    in.has_solution = true;
    in.has_status = true;
    in.satisfaction = 5;
    in.supervisor_approval = true;
    in.profile = profile;
    return in;
}

std::vector<LifecycleEvent> allowed_events(TicketState state, Role role, const Profile& profile) {
    std::vector<LifecycleEvent> events;
    const auto input = Input::complete(role, &profile);
    for (const auto event : all_values<LifecycleEvent>()) {
        if (fire(state, event, input)) events.push_back(event);
    }
    return events;
}

std::vector<Rule> transition_table(const Profile& profile) {
    std::vector<Rule> rules;
    for (const auto& row : detail::table_rows()) {
        if (profile.allows(row.from, row.event)) rules.push_back(describe(row, profile));
    }
    return rules;
}

}  // namespace ticketflow::lifecycle

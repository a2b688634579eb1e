#pragma once
/// \file
/// The lifecycle rules written out by hand, independently of src/lifecycle/, for the tests to hold
/// the machine against. Change this only together with docs/lifecycle.md and on purpose.

#include <algorithm>
#include <string>
#include <vector>

#include <ticketflow/lifecycle/lifecycle.hpp>

namespace ticketflow::lifecycle::expected {

struct Row {
    TicketState from;
    LifecycleEvent event;
    TicketState to;
    std::vector<Role> roles;
    std::vector<std::string> needs;  ///< in the order the guard checks them
};

/// Every row, grouped by source state.
inline const std::vector<Row>& rows() {
    using E = LifecycleEvent;
    using R = Role;
    using S = TicketState;
    const std::vector<Role> dispatchers{R::supervisor, R::admin, R::system};
    const std::vector<Role> staff{R::agent, R::supervisor, R::admin};
    const std::vector<Role> staff_or_system{R::agent, R::supervisor, R::admin, R::system};
    const std::vector<Role> customer_or_staff{R::customer, R::agent, R::supervisor, R::admin};
    const std::vector<Role> everyone{R::customer, R::agent, R::supervisor, R::admin, R::system};
    static const std::vector<Row> table{
        {S::new_, E::assign, S::assigned, dispatchers, {"assignee"}},
        {S::new_, E::claim, S::assigned, staff, {}},
        {S::new_, E::escalate, S::escalated, staff_or_system, {"reason"}},
        {S::new_, E::cancel, S::cancelled, customer_or_staff, {"reason"}},

        {S::assigned, E::reassign, S::assigned, staff_or_system, {"assignee", "reason"}},
        {S::assigned, E::start, S::in_progress, staff, {"ownership"}},
        {S::assigned, E::escalate, S::escalated, staff_or_system, {"reason"}},
        {S::assigned, E::cancel, S::cancelled, customer_or_staff, {"reason"}},

        {S::in_progress, E::reassign, S::in_progress, staff_or_system, {"assignee", "reason"}},
        {S::in_progress, E::request_info, S::waiting_customer, staff, {}},
        {S::in_progress, E::escalate, S::escalated, staff_or_system, {"reason"}},
        {S::in_progress, E::resolve, S::resolved, staff, {"solution"}},
        {S::in_progress, E::cancel, S::cancelled, customer_or_staff, {"reason"}},

        {S::waiting_customer, E::customer_replied, S::in_progress, everyone, {}},
        {S::waiting_customer, E::escalate, S::escalated, staff_or_system, {"reason"}},
        {S::waiting_customer, E::resolve, S::resolved, staff, {"solution"}},
        {S::waiting_customer, E::cancel, S::cancelled, customer_or_staff, {"reason"}},

        {S::escalated, E::assign, S::assigned, dispatchers, {"assignee"}},
        {S::escalated, E::claim, S::assigned, staff, {}},
        {S::escalated, E::reassign, S::escalated, staff_or_system, {"assignee", "reason"}},
        {S::escalated, E::resolve, S::resolved, staff, {"solution"}},

        {S::resolved, E::confirm, S::closed, customer_or_staff, {"satisfaction"}},
        {S::resolved, E::reject, S::in_progress, customer_or_staff, {"reason"}},
        {S::resolved, E::auto_close, S::closed, {R::system}, {}},
        {S::resolved, E::close, S::closed, {R::supervisor, R::admin}, {"reason"}},

        {S::closed, E::reopen, S::in_progress, customer_or_staff, {"approval", "reason"}},
    };
    return table;
}

/// The row for (state, event), or null when there is none.
inline const Row* find(TicketState from, LifecycleEvent event) {
    const auto& all = rows();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Row& row) {
        return row.from == from && row.event == event;
    });
    return it == all.end() ? nullptr : &*it;
}

inline bool admits(const Row& row, Role role) {
    return std::find(row.roles.begin(), row.roles.end(), role) != row.roles.end();
}

/// What firing with `Input::complete(role)` must answer.
struct Outcome {
    bool allowed = false;
    TicketState target = TicketState::new_;
    ErrorCode refusal = ErrorCode::invalid_transition;
};

inline Outcome outcome(TicketState from, LifecycleEvent event, Role role) {
    const Row* row = find(from, event);
    if (row == nullptr) return {false, TicketState::new_, ErrorCode::invalid_transition};
    if (!admits(*row, role)) return {false, TicketState::new_, ErrorCode::permission_denied};
    return {true, row->to, ErrorCode::invalid_transition};
}

/// Ownership and approval are permissions; every other need is an input.
inline bool is_permission(const std::string& need) {
    return need == "ownership" || need == "approval";
}

/// Takes `need` away from a complete input.
inline Input without(Input input, const std::string& need) {
    if (need == "assignee") input.has_assignee = false;
    if (need == "ownership") input.actor_is_owner = false;
    if (need == "reason") input.has_reason = false;
    if (need == "solution") input.has_solution = false;
    if (need == "satisfaction") input.satisfaction = 0;
    if (need == "approval") input.supervisor_approval = false;
    return input;
}

inline const std::vector<std::string>& all_needs() {
    static const std::vector<std::string> names{"assignee", "ownership",    "reason",
                                                "solution", "satisfaction", "approval"};
    return names;
}

}  // namespace ticketflow::lifecycle::expected

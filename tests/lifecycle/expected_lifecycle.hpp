#pragma once
/// \file
/// The lifecycle rules written out by hand, independently of src/lifecycle/, for the tests to hold
/// the machine against: every row with its roles, what it requires, and whether the service
/// documents' flow (the `documents` profile) has it. Change this only together with
/// docs/lifecycle.md and on purpose.

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
    bool documents;                  ///< in the documents' flow (standard has every row)
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
    const std::vector<Role> supervisors{R::supervisor, R::admin};
    const std::vector<Role> system{R::system};
    const bool doc = true;
    const bool desk = false;
    const std::vector<std::string> none;
    const std::vector<std::string> stake{"stake"};
    const std::vector<std::string> resolve{"stake", "solution"};
    const std::vector<std::string> close{"stake", "reason_or_code"};
    const std::vector<std::string> cancel{"customer", "reason"};
    const std::vector<std::string> transfer{"stake", "team", "reason"};
    const std::vector<std::string> reassign{"assignee", "reason"};
    const std::vector<std::string> set_status{"stake", "status"};
    const std::vector<std::string> reason{"reason"};
    static const std::vector<Row> table{
        {S::new_, E::assign, S::assigned, dispatchers, {"assignee"}, doc},
        {S::new_, E::claim, S::assigned, staff, none, doc},
        {S::new_, E::start, S::in_progress, staff, stake, desk},
        {S::new_, E::request_info, S::waiting, staff, stake, desk},
        {S::new_, E::hold, S::waiting, staff, stake, desk},
        {S::new_, E::escalate, S::escalated, staff_or_system, reason, doc},
        {S::new_, E::resolve, S::resolved, staff, resolve, desk},
        {S::new_, E::close, S::closed, supervisors, close, desk},
        {S::new_, E::cancel, S::cancelled, customer_or_staff, cancel, doc},
        {S::new_, E::transfer, S::new_, staff_or_system, transfer, desk},
        {S::new_, E::set_status, S::new_, staff, set_status, desk},

        {S::assigned, E::reassign, S::assigned, staff_or_system, reassign, doc},
        {S::assigned, E::unassign, S::new_, staff, stake, desk},
        {S::assigned, E::transfer, S::new_, staff_or_system, transfer, desk},
        {S::assigned, E::start, S::in_progress, staff, {"ownership"}, doc},
        {S::assigned, E::request_info, S::waiting, staff, stake, desk},
        {S::assigned, E::hold, S::waiting, staff, stake, desk},
        {S::assigned, E::escalate, S::escalated, staff_or_system, reason, doc},
        {S::assigned, E::resolve, S::resolved, staff, resolve, desk},
        {S::assigned, E::close, S::closed, supervisors, close, desk},
        {S::assigned, E::cancel, S::cancelled, customer_or_staff, cancel, doc},
        {S::assigned, E::set_status, S::assigned, staff, set_status, desk},

        {S::in_progress, E::claim, S::in_progress, staff, {"unowned"}, desk},
        {S::in_progress, E::reassign, S::in_progress, staff_or_system, reassign, doc},
        {S::in_progress, E::unassign, S::in_progress, staff, stake, desk},
        {S::in_progress, E::transfer, S::in_progress, staff_or_system, transfer, desk},
        {S::in_progress, E::request_info, S::waiting, staff, stake, doc},
        {S::in_progress, E::hold, S::waiting, staff, stake, desk},
        {S::in_progress, E::escalate, S::escalated, staff_or_system, reason, doc},
        {S::in_progress, E::resolve, S::resolved, staff, resolve, doc},
        {S::in_progress, E::close, S::closed, supervisors, close, desk},
        {S::in_progress, E::cancel, S::cancelled, customer_or_staff, cancel, doc},
        {S::in_progress, E::set_status, S::in_progress, staff, set_status, desk},

        {S::waiting, E::customer_replied, S::in_progress, everyone, {"customer"}, doc},
        {S::waiting, E::resume, S::in_progress, staff, stake, desk},
        {S::waiting, E::claim, S::waiting, staff, {"unowned"}, desk},
        {S::waiting, E::reassign, S::waiting, staff_or_system, reassign, desk},
        {S::waiting, E::unassign, S::waiting, staff, stake, desk},
        {S::waiting, E::transfer, S::waiting, staff_or_system, transfer, desk},
        {S::waiting, E::escalate, S::escalated, staff_or_system, reason, doc},
        {S::waiting, E::resolve, S::resolved, staff, resolve, doc},
        {S::waiting, E::auto_close, S::closed, system, none, desk},
        {S::waiting, E::close, S::closed, supervisors, close, desk},
        {S::waiting, E::cancel, S::cancelled, customer_or_staff, cancel, doc},
        {S::waiting, E::set_status, S::waiting, staff, set_status, desk},

        {S::escalated, E::assign, S::assigned, dispatchers, {"assignee"}, doc},
        {S::escalated, E::claim, S::assigned, staff, none, doc},
        {S::escalated, E::reassign, S::escalated, staff_or_system, reassign, doc},
        {S::escalated, E::unassign, S::escalated, staff, stake, desk},
        {S::escalated, E::transfer, S::escalated, staff_or_system, transfer, desk},
        {S::escalated, E::start, S::in_progress, staff, stake, desk},
        {S::escalated, E::request_info, S::waiting, staff, stake, desk},
        {S::escalated, E::hold, S::waiting, staff, stake, desk},
        {S::escalated, E::resolve, S::resolved, staff, resolve, doc},
        {S::escalated, E::close, S::closed, supervisors, close, desk},
        {S::escalated, E::cancel, S::cancelled, customer_or_staff, cancel, desk},
        {S::escalated, E::set_status, S::escalated, staff, set_status, desk},

        {S::resolved, E::confirm, S::closed, customer_or_staff, {"customer", "satisfaction"}, doc},
        {S::resolved, E::reject, S::in_progress, customer_or_staff, {"customer", "reason"}, doc},
        {S::resolved, E::auto_close, S::closed, system, none, doc},
        {S::resolved, E::close, S::closed, supervisors, close, doc},
        {S::resolved, E::resolve, S::resolved, staff, resolve, desk},
        {S::resolved, E::escalate, S::escalated, staff_or_system, reason, desk},
        {S::resolved, E::set_status, S::resolved, staff, set_status, desk},

        {S::closed,
         E::reopen,
         S::in_progress,
         customer_or_staff,
         {"customer", "approval", "reason"},
         doc},

        {S::cancelled,
         E::reopen,
         S::new_,
         customer_or_staff,
         {"customer", "approval", "reason"},
         desk},
    };
    return table;
}

/// The row for (state, event) in the profile (`documents` or standard), or null.
inline const Row* find(TicketState from, LifecycleEvent event, bool documents) {
    const auto& all = rows();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Row& row) {
        return row.from == from && row.event == event && (row.documents || !documents);
    });
    return it == all.end() ? nullptr : &*it;
}

inline bool admits(const Row& row, Role role) {
    return std::find(row.roles.begin(), row.roles.end(), role) != row.roles.end();
}

/// Permissions answer permission_denied; every other need is an input (validation_failed).
inline bool is_permission(const std::string& need) {
    return need == "customer" || need == "stake" || need == "ownership" || need == "unowned" ||
           need == "approval";
}

/// "customer" binds customers only; "stake" binds agents (and customers, to their own tickets);
/// supervisors, admins and the system act on any ticket.
inline bool binds(const std::string& need, Role role) {
    if (need == "customer") return role == Role::customer;
    if (need == "stake") return role == Role::agent || role == Role::customer;
    return true;
}

/// Whether `input` satisfies `need` (for a role it binds).
inline bool holds(const std::string& need, const Input& in, bool queue_work) {
    if (need == "customer") return in.actor_is_customer;
    if (need == "stake") {
        if (in.role == Role::customer) return in.actor_is_customer;
        return in.actor_is_owner || in.actor_is_collaborator || (queue_work && in.actor_in_queue);
    }
    if (need == "ownership") return in.actor_is_owner;
    if (need == "unowned") return !in.ticket_has_owner;
    if (need == "approval") return in.supervisor_approval;
    if (need == "assignee") return in.has_assignee;
    if (need == "team") return in.has_team;
    if (need == "reason") return in.has_reason;
    if (need == "reason_or_code") return in.has_reason || in.has_closure_code;
    if (need == "solution") return in.has_solution;
    if (need == "satisfaction") return in.satisfaction >= 1 && in.satisfaction <= 5;
    if (need == "status") return in.has_status;
    return false;
}

/// The field a validation refusal names for `need`.
inline std::string field_of(const std::string& need) {
    return need == "reason_or_code" ? "reason" : need;
}

/// What firing must answer: the spec's decision for any input.
struct Outcome {
    bool allowed = false;
    TicketState target = TicketState::new_;
    ErrorCode refusal = ErrorCode::invalid_transition;
    std::string field;  ///< for validation refusals
};

inline Outcome decide(TicketState from, LifecycleEvent event, const Input& in, bool documents) {
    const Row* row = find(from, event, documents);
    if (row == nullptr) return {false, TicketState::new_, ErrorCode::invalid_transition, {}};
    if (!admits(*row, in.role)) return {false, TicketState::new_, ErrorCode::permission_denied, {}};
    for (const auto& need : row->needs) {
        if (!binds(need, in.role) || holds(need, in, !documents)) continue;
        if (is_permission(need))
            return {false, TicketState::new_, ErrorCode::permission_denied, {}};
        return {false, TicketState::new_, ErrorCode::validation_failed, field_of(need)};
    }
    return {true, row->to, ErrorCode::invalid_transition, {}};
}

/// Takes `need` away from a complete input.
inline Input without(Input input, const std::string& need) {
    if (need == "customer") input.actor_is_customer = false;
    if (need == "stake") {
        input.actor_is_owner = input.actor_is_collaborator = input.actor_in_queue = false;
    }
    if (need == "ownership") input.actor_is_owner = false;
    if (need == "unowned") input.ticket_has_owner = true;
    if (need == "approval") input.supervisor_approval = false;
    if (need == "assignee") input.has_assignee = false;
    if (need == "team") input.has_team = false;
    if (need == "reason") input.has_reason = false;
    if (need == "reason_or_code") input.has_reason = input.has_closure_code = false;
    if (need == "solution") input.has_solution = false;
    if (need == "satisfaction") input.satisfaction = 0;
    if (need == "status") input.has_status = false;
    return input;
}

inline const std::vector<std::string>& all_needs() {
    static const std::vector<std::string> names{
        "customer", "stake",  "ownership",      "unowned",  "approval",     "assignee",
        "team",     "reason", "reason_or_code", "solution", "satisfaction", "status"};
    return names;
}

}  // namespace ticketflow::lifecycle::expected

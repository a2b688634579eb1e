#pragma once
/// \file
/// The ticket lifecycle: which event may move a ticket from which state, for whom, and with what.
///
/// The rules are one Boost.MSM transition table, compiled in `src/lifecycle/machine.cpp`; this
/// header is its small public face and does not include Boost. There is no machine object per
/// ticket: the state is a byte inside the ticket, and `fire` runs the table against it.

#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/state.hpp>

namespace ticketflow::lifecycle {

/// What accompanies an event; the table's guards check it.
struct Input {
    Role role = Role::agent;
    bool actor_is_owner = false;       ///< the actor owns the ticket (needed to start work)
    bool has_assignee = false;         ///< an agent to hand the ticket to was named
    bool has_reason = false;           ///< a non-blank reason was given
    bool has_solution = false;         ///< a non-blank solution was given
    int satisfaction = 0;              ///< the customer's score, 1–5; 0 when none was given
    bool supervisor_approval = false;  ///< a supervisor or admin approved (reopen)

    /// Input that passes every guard except the role check: what `allowed_events` assumes.
    static Input complete(Role role) noexcept;

    friend bool operator==(const Input& a, const Input& b) {
        return a.role == b.role && a.actor_is_owner == b.actor_is_owner &&
               a.has_assignee == b.has_assignee && a.has_reason == b.has_reason &&
               a.has_solution == b.has_solution && a.satisfaction == b.satisfaction &&
               a.supervisor_approval == b.supervisor_approval;
    }
};

/// The table's answer to one event.
struct Transition {
    bool allowed = false;
    TicketState target = TicketState::new_;             ///< the new state, when allowed
    ErrorCode refusal = ErrorCode::invalid_transition;  ///< why not, when refused
    std::string_view field;  ///< the missing input on validation refusals: "reason", "solution", …
    std::string_view reason;  ///< a sentence for people, e.g. "a reason is required"

    explicit operator bool() const noexcept { return allowed; }
};

/// Fires `event` at a ticket in state `from`. Refusals come back in the result, in this order: no
/// row for (state, event) → `invalid_transition`; the role may not fire it, or the actor is not the
/// owner, or a supervisor's approval is missing → `permission_denied`; a required input is missing
/// → `validation_failed`. Never throws and changes nothing.
///
///     auto t = lifecycle::fire(TicketState::resolved, LifecycleEvent::confirm, input);
///     if (!t) return refuse(t.refusal, t.reason);
Transition fire(TicketState from, LifecycleEvent event, const Input& input) noexcept;

/// The events `role` may fire from `state`, provided it supplies what they require — for menus.
std::vector<LifecycleEvent> allowed_events(TicketState state, Role role);

/// One row of the transition table, read back from the machine.
struct Rule {
    TicketState from = TicketState::new_;
    LifecycleEvent event = LifecycleEvent::assign;
    TicketState to = TicketState::new_;
    std::vector<Role> roles;         ///< roles the row's guard admits
    std::vector<std::string> needs;  ///< inputs the guard requires: "assignee", "ownership",
                                     ///< "reason", "solution", "satisfaction", "approval"

    friend bool operator==(const Rule& a, const Rule& b) {
        return a.from == b.from && a.event == b.event && a.to == b.to && a.roles == b.roles &&
               a.needs == b.needs;
    }
};

/// Every row of the machine's table, in table order.
std::vector<Rule> transition_table();

/// The table drawn as a Mermaid `stateDiagram-v2`; `docs/lifecycle.md` embeds exactly this text.
std::string mermaid_diagram();

}  // namespace ticketflow::lifecycle

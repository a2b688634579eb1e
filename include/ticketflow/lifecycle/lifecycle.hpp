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
#include <ticketflow/lifecycle/profile.hpp>

namespace ticketflow::lifecycle {

/// What accompanies an event; the table's guards check it.
struct Input {
    Role role = Role::agent;
    bool actor_is_owner = false;         ///< the actor owns the ticket
    bool actor_is_collaborator = false;  ///< the actor is one of the ticket's collaborators
    /// Nobody owns the ticket and it waits in a queue the actor works from: the actor is in the
    /// ticket's team, or the ticket has no team.
    bool actor_in_queue = false;
    bool actor_is_customer = false;    ///< the actor acts for the ticket's customer
    bool ticket_has_owner = false;     ///< somebody owns the ticket
    bool has_assignee = false;         ///< an agent to hand the ticket to was named
    bool has_team = false;             ///< a team to move the ticket to was named
    bool has_reason = false;           ///< a non-blank reason was given
    bool has_closure_code = false;     ///< a closure code was given
    bool has_solution = false;         ///< a non-blank solution was given
    bool has_status = false;           ///< a target status was named
    int satisfaction = 0;              ///< the customer's score, 1–5; 0 when none was given
    bool supervisor_approval = false;  ///< a supervisor or admin approved (reopen)
    /// Which rows are on and who may fire them; null means `Profile::standard()`. Not owned.
    const Profile* profile = nullptr;

    /// Input that passes every guard except the role check (and the profile): what
    /// `allowed_events` assumes.
    static Input complete(Role role, const Profile* profile = nullptr) noexcept;

    friend bool operator==(const Input& a, const Input& b) {
        return a.role == b.role && a.actor_is_owner == b.actor_is_owner &&
               a.actor_is_collaborator == b.actor_is_collaborator &&
               a.actor_in_queue == b.actor_in_queue && a.actor_is_customer == b.actor_is_customer &&
               a.ticket_has_owner == b.ticket_has_owner && a.has_assignee == b.has_assignee &&
               a.has_team == b.has_team && a.has_reason == b.has_reason &&
               a.has_closure_code == b.has_closure_code && a.has_solution == b.has_solution &&
               a.has_status == b.has_status && a.satisfaction == b.satisfaction &&
               a.supervisor_approval == b.supervisor_approval && a.profile == b.profile;
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
/// row for (state, event), or the profile has it off → `invalid_transition`; the role may not
/// fire it, or the actor has no stake in the ticket (a customer not its customer; an agent neither
/// owner, collaborator nor, where the profile allows, in its queue), or a supervisor's approval is
/// missing → `permission_denied`; a required input is missing → `validation_failed`. Never throws
/// and changes nothing.
///
///     auto t = lifecycle::fire(TicketState::resolved, LifecycleEvent::confirm, input);
///     if (!t) return refuse(t.refusal, t.reason);
Transition fire(TicketState from, LifecycleEvent event, const Input& input) noexcept;

/// The events `role` may fire from `state` under `profile`, provided it supplies what they
/// require and has a stake in the ticket — for menus.
std::vector<LifecycleEvent> allowed_events(TicketState state, Role role,
                                           const Profile& profile = Profile::standard());

/// One row of the transition table, read back from the machine.
struct Rule {
    TicketState from = TicketState::new_;
    LifecycleEvent event = LifecycleEvent::assign;
    TicketState to = TicketState::new_;
    std::vector<Role> roles;  ///< roles the row's guard admits
    /// What the guard requires, in the order it checks: permissions "customer", "stake",
    /// "ownership", "unowned", "approval", then inputs "assignee", "team", "reason",
    /// "reason_or_code", "solution", "satisfaction", "status".
    std::vector<std::string> needs;

    friend bool operator==(const Rule& a, const Rule& b) {
        return a.from == b.from && a.event == b.event && a.to == b.to && a.roles == b.roles &&
               a.needs == b.needs;
    }
};

/// The rows `profile` has on, in table order, with the roles it gives them.
std::vector<Rule> transition_table(const Profile& profile = Profile::standard());

/// The profile's rows drawn as a Mermaid `stateDiagram-v2`; `docs/lifecycle.md` embeds exactly
/// this text for each shipped profile.
std::string mermaid_diagram(const Profile& profile = Profile::standard());

}  // namespace ticketflow::lifecycle

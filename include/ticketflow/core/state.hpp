#pragma once
/// \file
/// Lifecycle states and events. The rules that connect them live in `ticketflow/lifecycle/`.
///
/// The states are status *categories*: a desk names its own statuses inside them (waiting for the
/// customer, for a vendor, for parts…; see `lifecycle/status.hpp`), as a ticket system's custom
/// statuses map onto a few categories.

#include <cstdint>
#include <utility>

#include <ticketflow/core/enum_names.hpp>

namespace ticketflow {

/// Where a ticket is in its lifecycle. One byte, stored in the ticket itself.
enum class TicketState : std::uint8_t {
    /// In a queue, nobody works on it yet (named "new"). Entered by `open`, `unassign` from
    /// assigned, `transfer` from assigned, and `reopen` of a cancelled ticket; left by assign,
    /// claim, start, request_info, hold, escalate, resolve, close, cancel.
    new_,
    /// An agent owns it and has not started. Entered by assign and claim; left by start, unassign,
    /// transfer, request_info, hold, escalate, resolve, close, cancel.
    assigned,
    /// Being worked on. Entered by start, customer_replied, resume, reject, reopen; left by
    /// request_info, hold, escalate, resolve, close, cancel.
    in_progress,
    /// Stands still until someone else answers: the customer, a vendor, a problem or change
    /// record, parts (the status says which). Entered by request_info and hold; left by
    /// customer_replied, resume, escalate, resolve, close (also `auto_close` when the customer
    /// never answers), cancel. Named `waiting_customer` before 1.0; that name still reads.
    waiting,
    /// Handed up a support tier. Entered by escalate (people or an SLA step); left by assign,
    /// claim, start, request_info, hold, resolve, close, cancel.
    escalated,
    /// A solution is recorded and awaits the customer. Entered by resolve; left by confirm,
    /// reject, escalate, close and auto_close.
    resolved,
    /// Done. Entered by confirm, close and auto_close; left only by reopen, with approval.
    closed,
    /// Withdrawn before it was done. Entered by cancel; left only by reopen, with approval.
    cancelled,
};

/// Something that may move a ticket from one state to another, or between statuses of one state.
enum class LifecycleEvent : std::uint8_t {
    assign,            ///< a dispatcher gives the ticket to an agent
    claim,             ///< an agent takes it from the queue
    reassign,          ///< another agent owns it from now on (reason)
    start,             ///< work begins
    request_info,      ///< staff ask the customer something and wait for the answer
    customer_replied,  ///< the customer answered; work goes on
    escalate,          ///< up a support tier (reason)
    resolve,           ///< a solution is recorded
    confirm,           ///< the customer accepts the solution (satisfaction 1–5)
    reject,            ///< the customer says it is not fixed (reason)
    auto_close,        ///< the system closes what nobody answered in time
    close,             ///< closed by staff, with a reason or closure code
    reopen,            ///< back from closed or cancelled (reason, a supervisor's approval)
    cancel,            ///< withdrawn (reason)
    unassign,          ///< the owner gives it back to the team's queue
    transfer,          ///< to another team's queue, owner cleared (reason)
    hold,              ///< waits for someone other than the customer: vendor, problem, parts
    resume,            ///< the wait is over; work goes on
    set_status,        ///< to another status of the same state
};

template <>
struct EnumNames<TicketState> {
    static constexpr std::array<std::string_view, 8> names{"new",     "assigned",  "in_progress",
                                                           "waiting", "escalated", "resolved",
                                                           "closed",  "cancelled"};
    /// Names used before 1.0, still accepted when reading.
    static constexpr std::array<std::pair<std::string_view, TicketState>, 1> aliases{
        {{"waiting_customer", TicketState::waiting}}};
};
template <>
struct EnumNames<LifecycleEvent> {
    static constexpr std::array<std::string_view, 19> names{
        "assign",           "claim",    "reassign", "start",     "request_info",
        "customer_replied", "escalate", "resolve",  "confirm",   "reject",
        "auto_close",       "close",    "reopen",   "cancel",    "unassign",
        "transfer",         "hold",     "resume",   "set_status"};
};

/// True for the states in which nothing but a reopen happens (closed, cancelled).
constexpr bool is_terminal(TicketState s) noexcept {
    return s == TicketState::closed || s == TicketState::cancelled;
}

}  // namespace ticketflow

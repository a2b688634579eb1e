#pragma once
/// \file
/// Lifecycle states and events. The rules that connect them live in `ticketflow/lifecycle/`.

#include <cstdint>

#include <ticketflow/core/enum_names.hpp>

namespace ticketflow {

/// Where a ticket is in its lifecycle. One byte, stored in the ticket itself.
enum class TicketState : std::uint8_t {
    new_,  ///< opened, nobody owns it yet (named "new")
    assigned,
    in_progress,
    waiting_customer,
    escalated,
    resolved,
    closed,
    cancelled,
};

/// Something that may move a ticket from one state to another.
enum class LifecycleEvent : std::uint8_t {
    assign,
    claim,
    reassign,
    start,
    request_info,
    customer_replied,
    escalate,
    resolve,
    confirm,
    reject,
    auto_close,
    close,
    reopen,
    cancel,
};

template <>
struct EnumNames<TicketState> {
    static constexpr std::array<std::string_view, 8> names{
        "new",       "assigned", "in_progress", "waiting_customer",
        "escalated", "resolved", "closed",      "cancelled"};
};
template <>
struct EnumNames<LifecycleEvent> {
    static constexpr std::array<std::string_view, 14> names{
        "assign",           "claim",    "reassign", "start",   "request_info",
        "customer_replied", "escalate", "resolve",  "confirm", "reject",
        "auto_close",       "close",    "reopen",   "cancel"};
};

/// True for the states in which nothing but a reopen (closed) or nothing at all (cancelled)
/// happens.
constexpr bool is_terminal(TicketState s) noexcept {
    return s == TicketState::closed || s == TicketState::cancelled;
}

}  // namespace ticketflow

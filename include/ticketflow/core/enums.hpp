#pragma once
/// \file
/// The small closed vocabularies of a ticket.

#include <cstdint>

#include <ticketflow/core/enum_names.hpp>

namespace ticketflow {

/// How urgent a ticket is; new tickets are `medium` unless intake says otherwise.
enum class Priority : std::uint8_t { urgent, high, medium, low };

/// Where the ticket came from.
enum class Channel : std::uint8_t { phone, email, web, app, on_site, other };

/// Commercial standing of a customer; policies and dispatch may treat tiers differently.
enum class CustomerTier : std::uint8_t { standard, vip, strategic };

/// What the customer asks for.
enum class RequestedOutcome : std::uint8_t {
    repair,
    replacement,
    refund,
    advice,
    information,
    other
};

/// Who may read a note: the customer as well, or staff only.
enum class Visibility : std::uint8_t { internal, customer };

/// What an SLA measures on a ticket. Defined here, below `sla`, because a lifecycle status may
/// say which metrics stand still while a ticket is in it; `sla::Metric` names the same type.
enum class Metric : std::uint8_t {
    first_response,  ///< until the first customer-visible agent action
    next_update,     ///< until the next customer-visible update; re-armed after each one
    resolution,      ///< until resolved; resumes with its elapsed time on reject or reopen
};

/// What an actor is allowed to do is decided by its role.
/// `system` is the engine itself acting on a timer (auto-close, SLA escalation) or a dispatcher.
enum class Role : std::uint8_t { customer, agent, supervisor, admin, system };

template <>
struct EnumNames<Metric> {
    static constexpr std::array<std::string_view, 3> names{"first_response", "next_update",
                                                           "resolution"};
};
template <>
struct EnumNames<Priority> {
    static constexpr std::array<std::string_view, 4> names{"urgent", "high", "medium", "low"};
};
template <>
struct EnumNames<Channel> {
    static constexpr std::array<std::string_view, 6> names{"phone", "email",   "web",
                                                           "app",   "on_site", "other"};
};
template <>
struct EnumNames<CustomerTier> {
    static constexpr std::array<std::string_view, 3> names{"standard", "vip", "strategic"};
};
template <>
struct EnumNames<RequestedOutcome> {
    static constexpr std::array<std::string_view, 6> names{"repair", "replacement", "refund",
                                                           "advice", "information", "other"};
};
template <>
struct EnumNames<Visibility> {
    static constexpr std::array<std::string_view, 2> names{"internal", "customer"};
};
template <>
struct EnumNames<Role> {
    static constexpr std::array<std::string_view, 5> names{"customer", "agent", "supervisor",
                                                           "admin", "system"};
};

}  // namespace ticketflow

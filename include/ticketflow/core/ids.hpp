#pragma once
/// \file
/// The ids of ticketflow's entities.

#include <cstdint>
#include <string>

#include <ticketflow/core/strong_id.hpp>

namespace ticketflow {

/// Store-assigned surrogate key of a ticket (1, 2, 3, …); the human number is `Ticket::number`.
using TicketId = StrongId<struct TicketIdTag, std::uint64_t>;
/// An agent (support engineer) as the host application names it.
using AgentId = StrongId<struct AgentIdTag, std::string>;
/// A support team or queue, e.g. "l1-hardware".
using TeamId = StrongId<struct TeamIdTag, std::string>;
/// A customer account as the host application names it.
using CustomerId = StrongId<struct CustomerIdTag, std::string>;
/// Whoever acts on a ticket: an agent, a customer, a supervisor or the system itself.
using ActorId = StrongId<struct ActorIdTag, std::string>;

/// Optimistic-concurrency version of a ticket: 1 after it is opened, +1 for every change.
using Version = std::uint64_t;

}  // namespace ticketflow

#pragma once
// Units of work for the store tests that drive a Store directly, without an engine.

#include <cstdint>
#include <functional>
#include <string>

#include <ticketflow/storage/store.hpp>

#include "support/engine_fixture.hpp"

namespace ticketflow::testing {

/// The numbers N-1, N-2, … of the counter a test's tickets draw from.
inline Result<std::string> n_number(std::uint64_t sequence) {
    return "N-" + std::to_string(sequence);
}

/// Opening a ticket made from `sample_draft(title)`: its "open" audit event by the customer, its
/// number from the counter "K" as `number_for` formats it.
inline TicketCreation opening(
    std::string title = "Printer jams",
    std::function<Result<std::string>(std::uint64_t)> number_for = n_number) {
    Ticket ticket;
    static_cast<TicketDraft&>(ticket) = sample_draft(std::move(title));
    ticket.version = 1;
    AuditEvent opened;
    opened.at = from_unix_seconds(1696118400);
    opened.actor = kCustomer;
    opened.action = "open";
    return {ticket, {opened}, "K", std::move(number_for)};
}

}  // namespace ticketflow::testing

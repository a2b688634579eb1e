#pragma once
// What every Store does the same way with its outbox: checking what callers hand in, building
// entries from messages, and the state changes of leasing, settling and re-driving an entry.
// Stores differ only in where they keep the entries.

#include <cstdint>
#include <optional>
#include <vector>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>
#include <ticketflow/core/ticket.hpp>
#include <ticketflow/storage/outbox.hpp>
#include <ticketflow/storage/store.hpp>

namespace ticketflow::detail {

/// Checks a unit's messages against its `event_count` events; the first problem, if any.
std::optional<Error> check_outbox(const std::vector<OutboxMessage>& outbox,
                                  std::size_t event_count);
/// Every message `creation` stores once its ticket is `stored` (id and number assigned): its
/// `outbox` and what its `outbox_for` adds, checked; `validation_failed` aborts the unit.
Result<std::vector<OutboxMessage>> creation_outbox(const TicketCreation& creation,
                                                   const Ticket& stored);
std::optional<Error> check_lease(const OutboxLease& lease);
std::optional<Error> check_query(const OutboxQuery& query);

/// The entry `message` becomes once `ticket` and its `events` are stored (sequences assigned).
/// Its `id` is left for the store to assign.
OutboxEntry new_outbox_entry(const OutboxMessage& message, const Ticket& ticket,
                             const std::vector<AuditEvent>& stored_events);

/// True when a relay may lease `entry` at `now`: pending, due, and not held by a live lease.
bool leasable(const OutboxEntry& entry, Timestamp now);
void take_lease(OutboxEntry& entry, const OutboxLease& lease);
/// Applies a delivery attempt; `version_conflict` when `attempt.owner` does not hold the entry.
Result<void> settle(OutboxEntry& entry, const OutboxAttempt& attempt);
/// Makes a dead entry pending again, due at `now`; `invalid_transition` for any other entry.
Result<void> redrive(OutboxEntry& entry, Timestamp now);

Error outbox_entry_not_found(std::uint64_t id);

}  // namespace ticketflow::detail

#pragma once
// Reading and writing rows of the `outbox` table. Transactions and locking are the caller's.

#include <cstdint>
#include <optional>
#include <vector>

#include <ticketflow/storage/store.hpp>

#include "storage/sqlite/connection.hpp"

namespace ticketflow::detail::sqlite {

/// Stores the entries `messages` become for `ticket` and its just-stored `events`; an entry whose
/// key is already stored is skipped.
void enqueue(Connection& c, const Ticket& ticket, const std::vector<AuditEvent>& events,
             const std::vector<OutboxMessage>& messages);

/// Pending entries a relay may lease at `now`, soonest due first, at most `limit`; rows that
/// cannot be read back are passed over (as by `select_outbox_page`).
std::vector<OutboxEntry> select_leasable(Connection& c, Timestamp now, std::size_t limit);
/// The entry, or nothing; a row that cannot be read back throws `Exception` with `corrupt`
/// naming its ticket.
std::optional<OutboxEntry> select_outbox_entry(Connection& c, std::uint64_t id);
std::vector<OutboxEntry> select_outbox_page(Connection& c, const OutboxQuery& query);
/// Every outbox row that cannot be read back, by ascending id.
std::vector<DamagedRecord> damaged_outbox_entries(Connection& c);
/// Writes back what leasing, settling or re-driving changed.
void save_outbox_entry(Connection& c, const OutboxEntry& entry);

}  // namespace ticketflow::detail::sqlite

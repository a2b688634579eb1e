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

/// Pending entries a relay may lease at `now`, soonest due first, at most `limit`.
std::vector<OutboxEntry> select_leasable(Connection& c, Timestamp now, std::size_t limit);
std::optional<OutboxEntry> select_outbox_entry(Connection& c, std::uint64_t id);
std::vector<OutboxEntry> select_outbox_page(Connection& c, const OutboxQuery& query);
/// Writes back what leasing, settling or re-driving changed.
void save_outbox_entry(Connection& c, const OutboxEntry& entry);

}  // namespace ticketflow::detail::sqlite

#pragma once
// Reading and writing the rows of the store's tables. Each function is one or two statements on
// a connection; transactions and locking are the caller's.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ticketflow/storage/store.hpp>

#include "storage/sqlite/connection.hpp"

namespace ticketflow::detail::sqlite {

/// The value `key` would take next: its stored value + 1, or 1 for a new key. Writes nothing.
std::uint64_t following_sequence(Connection& c, std::string_view key);
/// Stores `value` as the counter's current value.
void save_sequence(Connection& c, std::string_view key, std::uint64_t value);

/// The id the next ticket gets (ids are never reused: tickets are never deleted).
TicketId following_ticket_id(Connection& c);
bool number_exists(Connection& c, std::string_view number);
/// The stored form of a ticket: its document without the SLA record, which has a column of its
/// own. Made outside the write transaction where it can be, so that the writer is held briefly.
std::string ticket_document(const Ticket& ticket);
void insert_ticket(Connection& c, const Ticket& ticket, const std::string& document);
void replace_ticket(Connection& c, const Ticket& ticket, const std::string& document);

/// The ticket, or nothing when there is none; a row that cannot be read back throws `Exception`
/// with `corrupt` naming the ticket (as `select_ticket_by_number` and `select_audit` do).
std::optional<Ticket> select_ticket(Connection& c, TicketId id);
/// Just the stored version: what a save checks, without reading the whole document.
std::optional<Version> select_version(Connection& c, TicketId id);
std::optional<Ticket> select_ticket_by_number(Connection& c, std::string_view number);
/// One page; rows that cannot be read back are left out and listed in `Page::damaged`.
Page<Ticket> select_page(Connection& c, const TicketQuery& query);

/// The stored documents of audit events: without `ticket` and `sequence`, which are columns
/// assigned in the transaction.
std::vector<std::string> audit_documents(const std::vector<AuditEvent>& events);
/// Appends `events` (stored as `documents`) after the ticket's last one, filling in `ticket` and
/// `sequence`; returns them as stored.
std::vector<AuditEvent> append_audit(Connection& c, TicketId ticket,
                                     const std::vector<AuditEvent>& events,
                                     const std::vector<std::string>& documents);
std::vector<AuditEvent> select_audit(Connection& c, TicketId ticket);

/// Every ticket row whose document or SLA record cannot be read back, by ascending id.
std::vector<DamagedRecord> damaged_tickets(Connection& c);
/// Every audit event row that cannot be read back, by ticket and sequence.
std::vector<DamagedRecord> damaged_audit_events(Connection& c);

}  // namespace ticketflow::detail::sqlite

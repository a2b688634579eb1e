#include "storage/sqlite/outbox_rows.hpp"

#include <string>

#include "storage/outbox_rules.hpp"
#include "storage/store_errors.hpp"

namespace ticketflow::detail::sqlite {
namespace {

// Every SELECT lists the columns in this order, so one function reads them.
#define TICKETFLOW_OUTBOX_COLUMNS                                                          \
    "id, key, ticket_id, event_sequence, channel, recipient, payload, state, created_at, " \
    "due_at, attempts, last_error, settled_at, lease_owner, lease_expires"

std::int64_t micros(Timestamp t) {
    return t.time_since_epoch().count();
}

std::optional<std::int64_t> micros(const std::optional<Timestamp>& t) {
    return t ? std::optional(micros(*t)) : std::nullopt;
}

Timestamp timestamp(const Statement& row, int column) {
    return Timestamp{std::chrono::microseconds{row.integer(column)}};
}

std::optional<Timestamp> optional_timestamp(const Statement& row, int column) {
    return row.is_null(column) ? std::nullopt : std::optional(timestamp(row, column));
}

TicketId ticket_of_entry(const Statement& row) {
    return TicketId{static_cast<std::uint64_t>(row.integer(2))};
}

// Why a time column cannot be read back, if it cannot: an integer in the range of time.
std::optional<std::string> time_problem(const Statement& row, int column, bool optional) {
    if (optional && row.is_null(column)) return std::nullopt;
    if (!row.is_integer(column)) return std::string("does not hold an integer");
    if (!in_range(timestamp(row, column))) return std::string("lies outside the range of time");
    return std::nullopt;
}

// The `corrupt` error of an outbox row that cannot be read back, if it cannot: what `read_entry`
// trusts (a known state, times it can compute with) is checked first.
std::optional<Error> entry_problem(const Statement& row) {
    const TicketId ticket = ticket_of_entry(row);
    const std::string entry = "its outbox entry " + std::to_string(row.integer(0));
    if (!parse_enum<OutboxState>(row.text(7))) {
        return corrupt_ticket(ticket, entry + " has the unknown state '" + row.text(7) + "'");
    }
    constexpr struct {
        int column;
        const char* name;
        bool optional;
    } times[] = {{8, "created_at", false},
                 {9, "due_at", false},
                 {12, "settled_at", true},
                 {14, "lease_expires", true}};
    for (const auto& time : times) {
        if (auto problem = time_problem(row, time.column, time.optional)) {
            return corrupt_ticket(ticket, entry + ": " + time.name + " " + *problem);
        }
    }
    return std::nullopt;
}

// Reads a row whose `entry_problem` is none.
OutboxEntry read_entry(const Statement& row) {
    OutboxEntry e;
    e.id = static_cast<std::uint64_t>(row.integer(0));
    e.key = row.text(1);
    e.ticket = ticket_of_entry(row);
    e.event_sequence = static_cast<std::uint64_t>(row.integer(3));
    e.channel = row.text(4);
    e.recipient = row.text(5);
    e.payload = row.text(6);
    e.state = *parse_enum<OutboxState>(row.text(7));
    e.created_at = timestamp(row, 8);
    e.due_at = timestamp(row, 9);
    e.attempts = static_cast<std::uint32_t>(row.integer(10));
    e.last_error = row.text(11);
    e.settled_at = optional_timestamp(row, 12);
    e.lease_owner = row.text(13);
    e.lease_expires = optional_timestamp(row, 14);
    return e;
}

// Up to `limit` readable entries. Damaged rows are passed over, not counted, so that one of them
// never blocks delivery or ends a page early; `Store::verify` lists them. SQLite produces rows
// lazily, so stopping early reads no further.
std::vector<OutboxEntry> read_entries(Statement& statement, std::size_t limit) {
    std::vector<OutboxEntry> entries;
    while (entries.size() < limit && statement.step()) {
        if (!entry_problem(statement)) entries.push_back(read_entry(statement));
    }
    return entries;
}

// One statement text per combination of filters, each cached once prepared.
std::string page_sql(const OutboxQuery& query) {
    std::string sql = "SELECT " TICKETFLOW_OUTBOX_COLUMNS " FROM outbox WHERE id > ?1";
    if (query.state) sql += " AND state = ?2";
    if (query.ticket) sql += " AND ticket_id = ?3";
    return sql + " ORDER BY id";
}

}  // namespace

void enqueue(Connection& c, const Ticket& ticket, const std::vector<AuditEvent>& events,
             const std::vector<OutboxMessage>& messages) {
    for (const OutboxMessage& message : messages) {
        const OutboxEntry e = new_outbox_entry(message, ticket, events);
        c.prepare(
             "INSERT INTO outbox (key, ticket_id, event_sequence, channel, recipient, payload, "
             "state, created_at, due_at, attempts, last_error, lease_owner) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, '', '') "
             "ON CONFLICT (key) DO NOTHING")
            .bind_all(e.key, e.ticket.value(), e.event_sequence, e.channel, e.recipient, e.payload,
                      to_string(e.state), micros(e.created_at), micros(e.due_at))
            .run();
    }
}

std::vector<OutboxEntry> select_leasable(Connection& c, Timestamp now, std::size_t limit) {
    Statement statement =
        c.prepare("SELECT " TICKETFLOW_OUTBOX_COLUMNS
                  " FROM outbox WHERE state = 'pending' AND due_at <= ?1 "
                  "AND (lease_expires IS NULL OR lease_expires <= ?1) ORDER BY due_at, id");
    statement.bind(1, micros(now));
    return read_entries(statement, limit);
}

std::optional<OutboxEntry> select_outbox_entry(Connection& c, std::uint64_t id) {
    Statement statement =
        c.prepare("SELECT " TICKETFLOW_OUTBOX_COLUMNS " FROM outbox WHERE id = ?1");
    if (!statement.bind(1, id).step()) return std::nullopt;
    if (auto problem = entry_problem(statement)) throw Exception(*problem);
    return read_entry(statement);
}

std::vector<OutboxEntry> select_outbox_page(Connection& c, const OutboxQuery& query) {
    Statement statement = c.prepare(page_sql(query));
    statement.bind(1, query.after);
    if (query.state) statement.bind(2, to_string(*query.state));
    if (query.ticket) statement.bind(3, query.ticket->value());
    return read_entries(statement, query.limit);
}

std::vector<DamagedRecord> damaged_outbox_entries(Connection& c) {
    Statement statement = c.prepare("SELECT " TICKETFLOW_OUTBOX_COLUMNS " FROM outbox ORDER BY id");
    std::vector<DamagedRecord> damaged;
    while (statement.step()) {
        if (auto problem = entry_problem(statement)) {
            damaged.push_back({ticket_of_entry(statement), RecordKind::outbox_entry,
                               static_cast<std::uint64_t>(statement.integer(0)), problem->message});
        }
    }
    return damaged;
}

void save_outbox_entry(Connection& c, const OutboxEntry& e) {
    c.prepare(
         "UPDATE outbox SET state = ?2, due_at = ?3, attempts = ?4, last_error = ?5, "
         "settled_at = ?6, lease_owner = ?7, lease_expires = ?8 WHERE id = ?1")
        .bind_all(e.id, to_string(e.state), micros(e.due_at), e.attempts, e.last_error,
                  micros(e.settled_at), e.lease_owner, micros(e.lease_expires))
        .run();
}

}  // namespace ticketflow::detail::sqlite

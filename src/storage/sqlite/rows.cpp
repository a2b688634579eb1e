#include "storage/sqlite/rows.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "storage/sqlite/documents.hpp"

namespace ticketflow::detail::sqlite {
namespace {

// Both statements bind the ticket's columns in this order, so one function binds them.
constexpr const char* insert_ticket_sql =
    "INSERT INTO tickets (id, number, version, state, owner, team, priority, customer_id, "
    "document, sla_clocks) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* replace_ticket_sql =
    "UPDATE tickets SET number = ?2, version = ?3, state = ?4, owner = ?5, team = ?6, "
    "priority = ?7, customer_id = ?8, document = ?9, sla_clocks = ?10 WHERE id = ?1";

void write_ticket(Connection& c, const char* sql, const Ticket& ticket,
                  const std::string& document) {
    c.prepare(sql)
        .bind_all(ticket.id.value(), ticket.number, ticket.version, to_string(ticket.state),
                  ticket.owner.value(), ticket.team.value(), to_string(ticket.priority),
                  ticket.customer.id.value(), document, ticket.sla_clocks)
        .run();
}

// Every ticket SELECT lists these columns, so one function reads them.
#define TICKETFLOW_TICKET_COLUMNS "id, document, sla_clocks"

TicketId ticket_id_of(const Statement& row) {
    return TicketId{static_cast<std::uint64_t>(row.integer(0))};
}

// The SLA record is kept verbatim, but it must still be the JSON text the store was given.
Result<std::string> sla_record_of(const Statement& row) {
    if (!row.is_text(2)) {
        return corrupt_ticket(ticket_id_of(row), "its SLA record column does not hold text");
    }
    std::string record = row.text(2);
    if (!record.empty() && !nlohmann::json::accept(record)) {
        return corrupt_ticket(ticket_id_of(row), "its SLA record is not a JSON document");
    }
    return record;
}

// The ticket's own document, which must describe the ticket of its row.
Result<Ticket> ticket_document_of(const Statement& row) {
    const TicketId id = ticket_id_of(row);
    if (!row.is_text(1)) return corrupt_ticket(id, "its document column does not hold text");
    auto ticket = decode<Ticket>(row.text(1), id, "its document");
    if (ticket && ticket->id != id) {
        return corrupt_ticket(
            id, "its document describes ticket #" + std::to_string(ticket->id.value()));
    }
    return ticket;
}

// Reads a row of `SELECT TICKETFLOW_TICKET_COLUMNS`: the ticket, or `corrupt` naming it.
Result<Ticket> read_ticket(const Statement& row) {
    auto ticket = ticket_document_of(row);
    if (!ticket) return ticket;
    auto record = sla_record_of(row);
    if (!record) return record.error();
    ticket->sla_clocks = std::move(*record);
    return ticket;
}

// A damaged row throws its `corrupt` error, which the store returns for this ticket alone.
template <class Key>
std::optional<Ticket> select_one(Connection& c, const std::string& sql, const Key& key) {
    Statement statement = c.prepare(sql);
    if (!statement.bind(1, key).step()) return std::nullopt;
    return read_ticket(statement).value();
}

std::int64_t single_integer(Statement& statement) {
    return statement.step() ? statement.integer(0) : 0;
}
std::int64_t single_integer(Statement&& statement) {
    return single_integer(statement);
}

// Reads a row of `SELECT sequence, document` from the audit events of `ticket`.
Result<AuditEvent> read_audit_event(const Statement& row, TicketId ticket) {
    const auto sequence = static_cast<std::uint64_t>(row.integer(0));
    const std::string what = "its audit event " + std::to_string(sequence);
    if (!row.is_text(1)) return corrupt_ticket(ticket, what + " does not hold text");
    auto event = decode<AuditEvent>(row.text(1), ticket, what);
    if (!event) return event;
    // Ticket and sequence are columns; documents written before schema 3 repeat them.
    event->ticket = ticket;
    event->sequence = sequence;
    return event;
}

using Filter = std::pair<const char*, std::string>;  // column, value

std::vector<Filter> filters_of(const TicketQuery& q) {
    std::vector<Filter> filters;
    if (q.state) filters.emplace_back("state", to_string(*q.state));
    if (q.owner) filters.emplace_back("owner", q.owner->value());
    if (q.team) filters.emplace_back("team", q.team->value());
    if (q.priority) filters.emplace_back("priority", to_string(*q.priority));
    if (q.customer) filters.emplace_back("customer_id", q.customer->value());
    return filters;
}

// One statement text per combination of filters (at most 32), each cached once prepared.
std::string page_sql(const std::vector<Filter>& filters) {
    std::string sql = "SELECT " TICKETFLOW_TICKET_COLUMNS " FROM tickets WHERE id > ?";
    for (const auto& filter : filters) sql += std::string(" AND ") + filter.first + " = ?";
    return sql + " ORDER BY id LIMIT ?";
}

}  // namespace

std::uint64_t following_sequence(Connection& c, std::string_view key) {
    auto statement = c.prepare("SELECT value FROM sequences WHERE key = ?1");
    return statement.bind(1, key).step() ? static_cast<std::uint64_t>(statement.integer(0)) + 1 : 1;
}

void save_sequence(Connection& c, std::string_view key, std::uint64_t value) {
    c.prepare(
         "INSERT INTO sequences (key, value) VALUES (?1, ?2) "
         "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind_all(key, value)
        .run();
}

TicketId following_ticket_id(Connection& c) {
    const auto last = single_integer(c.prepare("SELECT coalesce(max(id), 0) FROM tickets"));
    return TicketId{static_cast<std::uint64_t>(last) + 1};
}

bool number_exists(Connection& c, std::string_view number) {
    return c.prepare("SELECT 1 FROM tickets WHERE number = ?1").bind(1, number).step();
}

std::string ticket_document(const Ticket& ticket) {
    nlohmann::json document = ticket;
    document.erase("sla_clocks");
    return encode(document);
}

void insert_ticket(Connection& c, const Ticket& ticket, const std::string& document) {
    write_ticket(c, insert_ticket_sql, ticket, document);
}

void replace_ticket(Connection& c, const Ticket& ticket, const std::string& document) {
    write_ticket(c, replace_ticket_sql, ticket, document);
}

std::optional<Ticket> select_ticket(Connection& c, TicketId id) {
    return select_one(c, "SELECT " TICKETFLOW_TICKET_COLUMNS " FROM tickets WHERE id = ?1",
                      id.value());
}

std::optional<Version> select_version(Connection& c, TicketId id) {
    Statement statement = c.prepare("SELECT version FROM tickets WHERE id = ?1");
    statement.bind(1, id.value());
    if (!statement.step()) return std::nullopt;
    return static_cast<Version>(statement.integer(0));
}

std::optional<Ticket> select_ticket_by_number(Connection& c, std::string_view number) {
    return select_one(c, "SELECT " TICKETFLOW_TICKET_COLUMNS " FROM tickets WHERE number = ?1",
                      number);
}

Page<Ticket> select_page(Connection& c, const TicketQuery& query) {
    const auto filters = filters_of(query);
    const std::size_t limit = std::clamp<std::size_t>(query.limit, 1, TicketQuery::max_limit);
    Statement statement = c.prepare(page_sql(filters));
    int index = 1;
    statement.bind(index, query.after.value());
    for (const auto& filter : filters) statement.bind(++index, filter.second);
    statement.bind(++index, limit + 1);  // one more than a page: is there a next one?

    // A page holds `limit` rows, damaged ones included, so paging moves on past them.
    Page<Ticket> page;
    std::size_t rows = 0;
    TicketId last{0};
    while (statement.step()) {
        if (++rows > limit) {
            page.next_after = last;
            break;
        }
        last = ticket_id_of(statement);
        auto ticket = read_ticket(statement);
        if (ticket) {
            page.items.push_back(std::move(*ticket));
        } else {
            page.damaged.push_back(last);
        }
    }
    return page;
}

std::vector<std::string> audit_documents(const std::vector<AuditEvent>& events) {
    std::vector<std::string> documents;
    documents.reserve(events.size());
    for (const AuditEvent& event : events) {
        nlohmann::json document = event;
        document.erase("ticket");
        document.erase("sequence");
        documents.push_back(encode(document));
    }
    return documents;
}

std::vector<AuditEvent> append_audit(Connection& c, TicketId ticket,
                                     const std::vector<AuditEvent>& events,
                                     const std::vector<std::string>& documents) {
    std::vector<AuditEvent> stored;
    stored.reserve(events.size());
    auto sequence = static_cast<std::uint64_t>(single_integer(
        c.prepare("SELECT coalesce(max(sequence), 0) FROM audit_events WHERE ticket_id = ?1")
            .bind(1, ticket.value())));
    for (std::size_t i = 0; i < events.size(); ++i) {
        AuditEvent event = events[i];
        event.ticket = ticket;
        event.sequence = ++sequence;
        c.prepare(
             "INSERT INTO audit_events (ticket_id, sequence, at, document) "
             "VALUES (?1, ?2, ?3, ?4)")
            .bind_all(ticket.value(), event.sequence, event.at.time_since_epoch().count(),
                      documents[i])
            .run();
        stored.push_back(std::move(event));
    }
    return stored;
}

std::vector<AuditEvent> select_audit(Connection& c, TicketId ticket) {
    Statement statement = c.prepare(
        "SELECT sequence, document FROM audit_events WHERE ticket_id = ?1 ORDER BY sequence");
    statement.bind(1, ticket.value());
    std::vector<AuditEvent> trail;
    while (statement.step()) {
        // One unreadable event makes the whole trail unreadable: a trail with a hole would lie.
        trail.push_back(read_audit_event(statement, ticket).value());
    }
    return trail;
}

std::vector<DamagedRecord> damaged_tickets(Connection& c) {
    Statement statement =
        c.prepare("SELECT " TICKETFLOW_TICKET_COLUMNS " FROM tickets ORDER BY id");
    std::vector<DamagedRecord> damaged;
    while (statement.step()) {
        const TicketId id = ticket_id_of(statement);
        if (auto ticket = ticket_document_of(statement); !ticket) {
            damaged.push_back({id, RecordKind::ticket, 0, ticket.error().message});
        }
        if (auto record = sla_record_of(statement); !record) {
            damaged.push_back({id, RecordKind::sla_record, 0, record.error().message});
        }
    }
    return damaged;
}

std::vector<DamagedRecord> damaged_audit_events(Connection& c) {
    Statement statement = c.prepare(
        "SELECT sequence, document, ticket_id FROM audit_events ORDER BY ticket_id, sequence");
    std::vector<DamagedRecord> damaged;
    while (statement.step()) {
        const TicketId ticket{static_cast<std::uint64_t>(statement.integer(2))};
        if (auto event = read_audit_event(statement, ticket); !event) {
            damaged.push_back({ticket, RecordKind::audit_event,
                               static_cast<std::uint64_t>(statement.integer(0)),
                               event.error().message});
        }
    }
    return damaged;
}

}  // namespace ticketflow::detail::sqlite

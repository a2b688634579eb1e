// SqliteStore: the Store methods as units of work over one writer connection and a reader pool.
#include <algorithm>
#include <exception>
#include <iterator>
#include <string_view>
#include <utility>

#include <ticketflow/storage/sqlite_store.hpp>

#include "storage/outbox_rules.hpp"
#include "storage/sqlite/batch.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/outbox_rows.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/sqlite/rows.hpp"
#include "storage/sqlite/schema.hpp"
#include "storage/sqlite/write_queue.hpp"
#include "storage/store_errors.hpp"

namespace ticketflow {

namespace sql = detail::sqlite;
using sql::Connection;

namespace {

// Readers kept open for reuse; more are opened (and closed after use) under heavier load.
constexpr std::size_t idle_readers = 4;

// Runs `body`, turning what is thrown anywhere below into an error value, so that nothing thrown
// leaves a Store method: a storage failure or damaged row as the error it carries, anything else
// (memory exhausted, a library's own exception) as a `storage_failure` naming `operation`.
template <class Body>
auto reporting_errors(std::string_view operation, Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const Exception& e) {
        return e.error();
    } catch (const std::exception& e) {
        Error error;
        error.code = ErrorCode::storage_failure;
        error.message = "SQLite store: " + std::string(operation) + " failed: " + e.what();
        return error;
    }
}

Result<Ticket> create_in(Connection& c, const TicketCreation& creation,
                         const std::vector<std::string>& event_documents) {
    // Inside the write transaction: a failing number_for rolls back and keeps the sequence.
    const std::uint64_t sequence = sql::following_sequence(c, creation.sequence_key);
    auto number =
        detail::calling_back("create: number_for", [&] { return creation.number_for(sequence); });
    if (!number) return number.error();
    if (sql::number_exists(c, *number)) return detail::number_taken(*number);

    Ticket ticket = creation.ticket;
    ticket.id = sql::following_ticket_id(c);
    ticket.number = std::move(*number);
    const auto outbox = detail::calling_back(
        "create: outbox_for", [&] { return detail::creation_outbox(creation, ticket); });
    if (!outbox) return outbox.error();
    sql::save_sequence(c, creation.sequence_key, sequence);
    sql::insert_ticket(c, ticket, sql::ticket_document(ticket));  // id and number only now known
    const auto events = sql::append_audit(c, ticket.id, creation.events, event_documents);
    sql::enqueue(c, ticket, events, *outbox);
    return ticket;
}

Result<void> update_in(Connection& c, const TicketUpdate& update, const std::string& document,
                       const std::vector<std::string>& event_documents) {
    const auto version = sql::select_version(c, update.ticket.id);
    if (!version) return detail::ticket_not_found(update.ticket.id);
    if (!detail::versions_match(*version, update.expected_version, update.ticket)) {
        // Only a refusal needs the whole stored ticket, to say what it is.
        return detail::version_conflict(*sql::select_ticket(c, update.ticket.id),
                                        update.expected_version);
    }
    sql::replace_ticket(c, update.ticket, document);
    const auto events = sql::append_audit(c, update.ticket.id, update.events, event_documents);
    sql::enqueue(c, update.ticket, events, update.outbox);
    return {};
}

Result<std::uint64_t> next_sequence_in(Connection& c, std::string_view key) {
    const std::uint64_t value = sql::following_sequence(c, key);
    sql::save_sequence(c, key, value);
    return value;
}

Result<std::vector<OutboxEntry>> lease_in(Connection& c, const OutboxLease& lease) {
    auto entries = sql::select_leasable(c, lease.now, lease.limit);
    for (OutboxEntry& entry : entries) {
        detail::take_lease(entry, lease);
        sql::save_outbox_entry(c, entry);
    }
    return entries;
}

// Reads the entry, applies `change` to it and writes it back, all in the caller's transaction.
template <class Change>
Result<OutboxEntry> change_entry_in(Connection& c, std::uint64_t id, Change&& change) {
    auto entry = sql::select_outbox_entry(c, id);
    if (!entry) return detail::outbox_entry_not_found(id);
    if (auto done = change(*entry); !done) return done.error();
    sql::save_outbox_entry(c, *entry);
    return std::move(*entry);
}

// Every damaged record, table by table. Each table is read in one statement (one snapshot); a
// record damaged between the tables' reads is found by the next call.
std::vector<DamagedRecord> verify_in(Connection& c) {
    std::vector<DamagedRecord> damaged = sql::damaged_tickets(c);
    for (auto* table : {&sql::damaged_audit_events, &sql::damaged_outbox_entries}) {
        auto more = table(c);
        damaged.insert(damaged.end(), std::make_move_iterator(more.begin()),
                       std::make_move_iterator(more.end()));
    }
    return damaged;
}

}  // namespace

// Writes go one transaction at a time through one connection (SQLite allows one writer per file
// anyway), several units to a transaction under group commit or in a batch;
// reads use their own connections, which WAL lets run beside the writer.
struct SqliteStore::State {
    explicit State(SqliteOptions opened)
        : options(std::move(opened)),
          writer(options, sql::Access::write),
          readers(options, idle_readers),
          queue(writer, std::max<std::size_t>(options.group_commit, 1)),
          batch(writer, queue) {
        if (options.read_only) {
            sql::require_current_schema(writer);
        } else {
            sql::migrate(writer);
        }
    }

    /// Runs `unit` in a BEGIN IMMEDIATE transaction (shared with others under group commit) and
    /// returns once it has committed; its changes are kept only when it succeeds. On the thread
    /// of an open batch, `unit` joins the batch's transaction instead.
    template <class Unit>
    auto write(Unit&& unit) -> decltype(unit(std::declval<Connection&>())) {
        if (batch.here()) return batch.write(std::forward<Unit>(unit));
        return queue.write(std::forward<Unit>(unit));
    }

    /// Runs `query` on a leased read connection; on the thread of an open batch, on the writer,
    /// so that it sees what the batch wrote so far.
    template <class Query>
    auto read(Query&& query) {
        if (batch.here()) return query(writer);
        const auto lease = readers.acquire();
        return query(*lease);
    }

    SqliteOptions options;
    Connection writer;
    sql::ReaderPool readers;
    sql::WriteQueue queue;
    sql::Batch batch;  // the thread's batch that holds the writer, if one does
};

SqliteStore::SqliteStore(std::unique_ptr<State> state) : state_(std::move(state)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(SqliteOptions options) {
    if (options.path.empty()) return validation_error("path", "a SqliteStore needs a file path");
    return reporting_errors("open", [&]() -> Result<std::unique_ptr<SqliteStore>> {
        auto state = std::make_unique<State>(std::move(options));
        return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(state)));
    });
}

int SqliteStore::schema_version() noexcept {
    return sql::current_schema_version();
}

const SqliteOptions& SqliteStore::options() const noexcept {
    return state_->options;
}

Result<Ticket> SqliteStore::create(const TicketCreation& creation) {
    if (auto invalid = detail::check_outbox(creation.outbox, creation.events.size())) {
        return *invalid;
    }
    if (auto invalid = detail::check_sla_record(creation.ticket); !invalid) return invalid.error();
    return reporting_errors("create", [&]() -> Result<Ticket> {
        // Encoded before taking the writer, so that concurrent writers encode in parallel.
        const auto event_documents = sql::audit_documents(creation.events);
        return state_->write(
            [&](Connection& c) { return create_in(c, creation, event_documents); });
    });
}

Result<void> SqliteStore::update(const TicketUpdate& update) {
    if (auto invalid = detail::check_outbox(update.outbox, update.events.size())) return *invalid;
    if (auto invalid = detail::check_sla_record(update.ticket); !invalid) return invalid;
    return reporting_errors("update", [&]() -> Result<void> {
        const std::string document = sql::ticket_document(update.ticket);
        const auto event_documents = sql::audit_documents(update.events);
        return state_->write(
            [&](Connection& c) { return update_in(c, update, document, event_documents); });
    });
}

Result<Ticket> SqliteStore::load(TicketId id) const {
    return reporting_errors("load", [&]() -> Result<Ticket> {
        auto ticket = state_->read([&](Connection& c) { return sql::select_ticket(c, id); });
        if (!ticket) return detail::ticket_not_found(id);
        return std::move(*ticket);
    });
}

Result<Ticket> SqliteStore::load_by_number(std::string_view number) const {
    return reporting_errors("load_by_number", [&]() -> Result<Ticket> {
        auto ticket =
            state_->read([&](Connection& c) { return sql::select_ticket_by_number(c, number); });
        if (!ticket) return detail::number_not_found(number);
        return std::move(*ticket);
    });
}

Result<Page<Ticket>> SqliteStore::find(const TicketQuery& query) const {
    return reporting_errors("find", [&]() -> Result<Page<Ticket>> {
        return state_->read([&](Connection& c) { return sql::select_page(c, query); });
    });
}

Result<std::vector<AuditEvent>> SqliteStore::audit_trail(TicketId id) const {
    return reporting_errors("audit_trail", [&]() -> Result<std::vector<AuditEvent>> {
        return state_->read([&](Connection& c) { return sql::select_audit(c, id); });
    });
}

Result<std::uint64_t> SqliteStore::next_sequence(std::string_view key) {
    return reporting_errors("next_sequence", [&] {
        return state_->write([&](Connection& c) { return next_sequence_in(c, key); });
    });
}

Result<std::vector<DamagedRecord>> SqliteStore::verify() const {
    return reporting_errors("verify", [&]() -> Result<std::vector<DamagedRecord>> {
        return state_->read([&](Connection& c) { return verify_in(c); });
    });
}

Result<std::vector<OutboxEntry>> SqliteStore::lease_outbox(const OutboxLease& lease) {
    if (auto invalid = detail::check_lease(lease)) return *invalid;
    return reporting_errors("lease_outbox", [&] {
        return state_->write([&](Connection& c) { return lease_in(c, lease); });
    });
}

Result<OutboxEntry> SqliteStore::settle_outbox(const OutboxAttempt& attempt) {
    return reporting_errors("settle_outbox", [&] {
        return state_->write([&](Connection& c) {
            return change_entry_in(c, attempt.entry,
                                   [&](OutboxEntry& e) { return detail::settle(e, attempt); });
        });
    });
}

Result<OutboxEntry> SqliteStore::redrive_outbox(std::uint64_t entry, Timestamp now) {
    return reporting_errors("redrive_outbox", [&] {
        return state_->write([&](Connection& c) {
            return change_entry_in(c, entry,
                                   [&](OutboxEntry& e) { return detail::redrive(e, now); });
        });
    });
}

Result<void> SqliteStore::begin_batch() {
    return reporting_errors("begin_batch", [&] { return state_->batch.begin(); });
}

Result<void> SqliteStore::commit_batch() {
    return reporting_errors("commit_batch", [&] { return state_->batch.commit(); });
}

void SqliteStore::roll_back_batch() noexcept {
    state_->batch.roll_back();
}

Result<std::vector<OutboxEntry>> SqliteStore::outbox(const OutboxQuery& query) const {
    if (auto invalid = detail::check_query(query)) return *invalid;
    return reporting_errors("outbox", [&]() -> Result<std::vector<OutboxEntry>> {
        return state_->read([&](Connection& c) { return sql::select_outbox_page(c, query); });
    });
}

}  // namespace ticketflow

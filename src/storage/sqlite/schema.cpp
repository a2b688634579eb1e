#include "storage/sqlite/schema.hpp"

#include <cstdint>
#include <iterator>

#include "storage/sqlite/errors.hpp"

namespace ticketflow::detail::sqlite {
namespace {

// Marks the file as ticketflow's ("TFlw"), so a database of another program is not mistaken for
// an empty one.
constexpr std::int64_t application_id = 0x54466c77;

struct Migration {
    int version;
    const char* sql;
};

// Append only: a released migration never changes. Migration N brings the schema from N-1 to N.
constexpr Migration migrations[] = {
    {1, R"sql(
CREATE TABLE tickets (
    id          INTEGER PRIMARY KEY,
    number      TEXT    NOT NULL UNIQUE,
    version     INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    team        TEXT    NOT NULL,
    priority    TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    document    TEXT    NOT NULL
);
-- One index per filter of TicketQuery; each ends in id for keyset paging.
CREATE INDEX tickets_by_state    ON tickets (state, id);
CREATE INDEX tickets_by_owner    ON tickets (owner, id);
CREATE INDEX tickets_by_team     ON tickets (team, id);
CREATE INDEX tickets_by_priority ON tickets (priority, id);
CREATE INDEX tickets_by_customer ON tickets (customer_id, id);

CREATE TABLE audit_events (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    sequence  INTEGER NOT NULL,
    at        INTEGER NOT NULL,  -- microseconds since 1970-01-01T00:00:00Z
    document  TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, sequence)
) WITHOUT ROWID;
CREATE TRIGGER audit_events_are_not_updated BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused');
END;
CREATE TRIGGER audit_events_are_not_deleted BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused');
END;

CREATE TABLE sequences (
    key   TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
)sql"},
    {2, R"sql(
-- The transactional outbox: notifications stored with the change that causes them.
CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY,
    key            TEXT    NOT NULL UNIQUE,  -- the idempotency key
    ticket_id      INTEGER NOT NULL,
    event_sequence INTEGER NOT NULL,
    channel        TEXT    NOT NULL,
    recipient      TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    state          TEXT    NOT NULL,         -- pending, delivered, dead
    created_at     INTEGER NOT NULL,         -- microseconds since 1970-01-01T00:00:00Z
    due_at         INTEGER NOT NULL,
    attempts       INTEGER NOT NULL,
    last_error     TEXT    NOT NULL,
    settled_at     INTEGER,
    lease_owner    TEXT    NOT NULL,
    lease_expires  INTEGER,
    FOREIGN KEY (ticket_id, event_sequence) REFERENCES audit_events (ticket_id, sequence)
);
-- What a relay asks for: pending entries, soonest due first.
CREATE INDEX outbox_pending   ON outbox (due_at, id) WHERE state = 'pending';
CREATE INDEX outbox_by_state  ON outbox (state, id);
CREATE INDEX outbox_by_ticket ON outbox (ticket_id, id);
)sql"},
    {3, R"sql(
-- A ticket's SLA record is a JSON document of its own, rewritten by most commands: kept beside the
-- ticket's document rather than inside it, it is stored as is instead of as an escaped string.
ALTER TABLE tickets ADD COLUMN sla_clocks TEXT NOT NULL DEFAULT '';
UPDATE tickets SET sla_clocks = coalesce(json_extract(document, '$.sla_clocks'), ''),
                   document = json_remove(document, '$.sla_clocks');
)sql"},
};

std::int64_t pragma_integer(Connection& connection, const std::string& name) {
    Statement statement = connection.prepare("PRAGMA " + name);
    return statement.step() ? statement.integer(0) : 0;
}

bool has_tables(Connection& connection) {
    Statement statement = connection.prepare("SELECT count(*) FROM sqlite_master");
    return statement.step() && statement.integer(0) > 0;
}

// The file's schema version, after checking that the file is ours (or empty).
std::int64_t file_version(Connection& connection) {
    const auto id = pragma_integer(connection, "application_id");
    const auto version = pragma_integer(connection, "user_version");
    const bool foreign = id != 0 ? id != application_id : version == 0 && has_tables(connection);
    if (foreign) {
        throw Exception(storage_error(connection.path(),
                                      "the file is a SQLite database of another application, not a "
                                      "ticketflow store"));
    }
    if (version > current_schema_version()) {
        throw Exception(storage_error(
            connection.path(), "the file has schema version " + std::to_string(version) +
                                   ", newer than version " +
                                   std::to_string(current_schema_version()) +
                                   " that this ticketflow knows; open it with a newer ticketflow"));
    }
    return version;
}

}  // namespace

int current_schema_version() noexcept {
    return std::end(migrations)[-1].version;
}

void migrate(Connection& writer) {
    WriteTransaction transaction(writer);
    // Read inside the transaction: another process may have migrated while we waited for it.
    const auto version = file_version(writer);
    if (version == current_schema_version()) return;  // nothing written; rolled back
    for (const Migration& migration : migrations) {
        if (migration.version > version) writer.exec(migration.sql);
    }
    writer.exec("PRAGMA application_id = " + std::to_string(application_id));
    writer.exec("PRAGMA user_version = " + std::to_string(current_schema_version()));
    transaction.commit();
}

void require_current_schema(Connection& connection) {
    const auto version = file_version(connection);
    if (version == current_schema_version()) return;
    throw Exception(storage_error(
        connection.path(), "the file has schema version " + std::to_string(version) +
                               " and must be opened writable once to migrate it to version " +
                               std::to_string(current_schema_version())));
}

}  // namespace ticketflow::detail::sqlite

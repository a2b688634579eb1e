#include "storage/sqlite/connection.hpp"

#include <algorithm>
#include <sqlite3.h>
#include <string>

#include "storage/sqlite/errors.hpp"

namespace ticketflow::detail::sqlite {
namespace {

int open_flags(const SqliteOptions& options, Access access) {
    // NOMUTEX: each connection is used by one thread at a time (the writer behind the store's
    // mutex, readers leased from the pool), so SQLite's own per-connection mutex is not needed.
    // EXRESCODE: errors while opening carry their extended code too (which I/O operation failed).
    const int base = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (options.read_only) return base | SQLITE_OPEN_READONLY;
    if (access == Access::read) return base | SQLITE_OPEN_READWRITE;
    return base | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
}

// The page count that keeps the file within `max_size_bytes`: rounded down, but at least one
// page (0 would mean "no change" to SQLite) and at most SQLite's own limit.
std::uint64_t page_cap(std::uint64_t max_size_bytes, std::int64_t page_size) {
    constexpr std::uint64_t sqlite_max_pages = 0xfffffffe;
    const std::uint64_t pages = max_size_bytes / static_cast<std::uint64_t>(page_size);
    return std::clamp<std::uint64_t>(pages, 1, sqlite_max_pages);
}

}  // namespace

void Connection::Close::operator()(sqlite3* db) const noexcept {
    sqlite3_close_v2(db);
}

void Connection::Finalize::operator()(sqlite3_stmt* stmt) const noexcept {
    sqlite3_finalize(stmt);
}

Connection::Connection(const SqliteOptions& options, Access access)
    : file_{options.path.string(), options.max_size_bytes} {
    sqlite3* db = nullptr;
    const char* vfs = options.vfs.empty() ? nullptr : options.vfs.c_str();
    const int code = sqlite3_open_v2(file_.path.c_str(), &db, open_flags(options, access), vfs);
    db_.reset(db);  // SQLite allocates a handle even when opening fails; it must be closed
    if (code != SQLITE_OK) fail("opening the file", code);
    sqlite3_extended_result_codes(db, 1);
    apply_pragmas(options, access);
}

Connection::~Connection() = default;

void Connection::apply_pragmas(const SqliteOptions& options, Access access) {
    // The busy timeout first: switching to WAL may wait for another process's lock.
    sqlite3_busy_timeout(db_.get(), static_cast<int>(options.busy_timeout.count()));
    exec("PRAGMA foreign_keys = ON");
    exec(options.synchronous == Durability::full ? "PRAGMA synchronous = FULL"
                                                 : "PRAGMA synchronous = NORMAL");
    if (access == Access::read) exec("PRAGMA query_only = ON");
    if (access == Access::read || options.read_only) return;
    // WAL lets readers run beside the writer and other processes; it is stored in the file.
    const std::string mode = query_text("PRAGMA journal_mode = WAL");
    if (mode != "wal") {
        throw Exception(storage_error(
            file_.path, "cannot switch to WAL; the journal mode stayed '" + mode + "'"));
    }
    if (options.max_size_bytes) cap_size(*options.max_size_bytes);
}

void Connection::cap_size(std::uint64_t max_size_bytes) {
    // Per connection, not stored in the file: every writer sets it again. SQLite never sets it
    // below the file's current page count.
    const std::int64_t page_size = query_integer("PRAGMA page_size");
    exec("PRAGMA max_page_count = " + std::to_string(page_cap(max_size_bytes, page_size)));
}

std::string Connection::query_text(const std::string& sql) {
    Statement statement = prepare(sql);
    return statement.step() ? statement.text(0) : std::string{};
}

std::int64_t Connection::query_integer(const std::string& sql) {
    Statement statement = prepare(sql);
    return statement.step() ? statement.integer(0) : 0;
}

void Connection::exec(const std::string& sql) {
    char* message = nullptr;
    const int code = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
    if (code == SQLITE_OK) return;
    const std::string text = message != nullptr ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    throw_storage_error(file_, "running `" + sql + "`", code, text);
}

Statement Connection::prepare(const std::string& sql) {
    auto& cached = statements_[sql];
    if (!cached) {
        sqlite3_stmt* stmt = nullptr;
        const int code = sqlite3_prepare_v3(db_.get(), sql.c_str(), static_cast<int>(sql.size()),
                                            SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        cached.reset(stmt);
        if (code != SQLITE_OK) {
            statements_.erase(sql);
            fail("preparing `" + sql + "`", code);
        }
    }
    return Statement(*this, cached.get());
}

bool Connection::in_transaction() const noexcept {
    return sqlite3_get_autocommit(db_.get()) == 0;
}

void Connection::fail(std::string_view doing, int code) const {
    const char* message = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(code);
    throw_storage_error(file_, doing, code, message);
}

WriteTransaction::WriteTransaction(Connection& connection) : connection_(connection) {
    // A transaction left open by a failed rollback would make BEGIN fail forever; close it.
    roll_back();
    connection_.exec("BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
    roll_back();
}

void WriteTransaction::commit() {
    connection_.exec("COMMIT");
}

void WriteTransaction::roll_back() noexcept {
    // SQLite may already have rolled back by itself (after SQLITE_FULL or an I/O error).
    if (!connection_.in_transaction()) return;
    try {
        connection_.exec("ROLLBACK");
    } catch (const Exception&) {
        // Nothing more to do here: the next WriteTransaction tries again before it begins.
    }
}

}  // namespace ticketflow::detail::sqlite

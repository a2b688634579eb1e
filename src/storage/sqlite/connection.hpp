#pragma once
// RAII ownership of one SQLite connection, with its pragmas and its prepared-statement cache.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <ticketflow/storage/sqlite_store.hpp>

#include "storage/sqlite/errors.hpp"
#include "storage/sqlite/statement.hpp"

struct sqlite3;

namespace ticketflow::detail::sqlite {

/// What a connection is for: the one writer may change the file, readers only query it.
enum class Access { write, read };

/// One connection to the store's file, used by one thread at a time. Construction opens the file
/// and applies the pragmas (WAL and the size cap for the writer, synchronous, foreign keys, busy
/// timeout); every failure throws `Exception` with `storage_failure`.
class Connection {
  public:
    Connection(const SqliteOptions& options, Access access);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs SQL without parameters or results (one or several statements).
    void exec(const std::string& sql);
    /// The cached prepared statement for `sql`, prepared on first use.
    Statement prepare(const std::string& sql);
    /// True while a transaction is open.
    bool in_transaction() const noexcept;

    const std::string& path() const noexcept { return file_.path; }
    /// Throws the `storage_failure` for `code`, with SQLite's message for this connection.
    [[noreturn]] void fail(std::string_view doing, int code) const;

  private:
    struct Close {
        void operator()(sqlite3* db) const noexcept;
    };
    struct Finalize {
        void operator()(sqlite3_stmt* stmt) const noexcept;
    };
    void apply_pragmas(const SqliteOptions& options, Access access);
    void cap_size(std::uint64_t max_size_bytes);
    std::string query_text(const std::string& sql);
    std::int64_t query_integer(const std::string& sql);

    StoreFile file_;
    std::unique_ptr<sqlite3, Close> db_;
    // Declared after db_ so the statements are finalized before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, Finalize>> statements_;
};

/// A `BEGIN IMMEDIATE` transaction: it takes the write lock up front (waiting up to the busy
/// timeout), so it never fails half-way for lack of the lock. Rolled back unless committed.
class WriteTransaction {
  public:
    explicit WriteTransaction(Connection& connection);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    void commit();

  private:
    void roll_back() noexcept;
    Connection& connection_;
};

}  // namespace ticketflow::detail::sqlite

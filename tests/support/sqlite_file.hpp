#pragma once
// Temporary SQLite files for the store tests, and a raw connection to look inside them.

#include <atomic>
#include <filesystem>
#include <memory>
#include <sqlite3.h>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>

namespace ticketflow::testing {

/// A fresh file name in the temporary directory; the file and its WAL companions are removed
/// when this goes away.
class TempDatabase {
  public:
    TempDatabase() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("ticketflow-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
                 ".db");
        remove_files();
    }
    ~TempDatabase() { remove_files(); }
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    void remove_files() const {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::filesystem::remove(path_.string() + suffix, ignored);
        }
    }
    std::filesystem::path path_;
};

/// A plain sqlite3 connection to a store's file, for checking and tampering from outside.
class RawDatabase {
  public:
    explicit RawDatabase(const std::filesystem::path& path) {
        EXPECT_EQ(sqlite3_open(path.string().c_str(), &db_), SQLITE_OK);
        sqlite3_busy_timeout(db_, 5000);
    }
    ~RawDatabase() { sqlite3_close(db_); }
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;

    /// Runs `sql`; returns SQLite's result code and keeps its message in `message()`.
    int exec(const std::string& sql) {
        char* text = nullptr;
        const int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &text);
        message_ = text != nullptr ? text : "";
        sqlite3_free(text);
        return code;
    }
    /// The first column of the first row of `sql`, as an integer.
    std::int64_t integer(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
        const std::int64_t value =
            sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
        sqlite3_finalize(stmt);
        return value;
    }
    const std::string& message() const noexcept { return message_; }

  private:
    sqlite3* db_ = nullptr;
    std::string message_;
};

/// A SqliteStore on a temporary file that is removed after the store is closed; `options` say
/// everything but the path.
inline std::shared_ptr<SqliteStore> temporary_sqlite_store(SqliteOptions options = {}) {
    struct Owner {
        TempDatabase file;  // declared first: destroyed after the store
        std::unique_ptr<SqliteStore> store;
    };
    auto owner = std::make_shared<Owner>();
    options.path = owner->file.path();
    owner->store = SqliteStore::open(options).value();
    return std::shared_ptr<SqliteStore>(owner, owner->store.get());
}

}  // namespace ticketflow::testing

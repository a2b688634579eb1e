#include "storage/sqlite/statement.hpp"

#include <sqlite3.h>

#include "storage/sqlite/connection.hpp"

namespace ticketflow::detail::sqlite {

Statement::~Statement() {
    // reset() repeats the last step's error code; that error was already reported.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

void Statement::check(int code, std::string_view doing) const {
    if (code != SQLITE_OK) connection_.fail(doing, code);
}

void Statement::bind_null(int index) {
    check(sqlite3_bind_null(stmt_, index), "binding a parameter");
}

void Statement::bind_integer(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, index, value), "binding a parameter");
}

void Statement::bind_text(int index, std::string_view value) {
    check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8),
          "binding a parameter");
}

bool Statement::step() {
    const int code = sqlite3_step(stmt_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    connection_.fail(std::string("running `") + sqlite3_sql(stmt_) + "`", code);
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool Statement::is_text(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_TEXT;
}

bool Statement::is_integer(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER;
}

std::string Statement::text(int column) const {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    const int size = sqlite3_column_bytes(stmt_, column);
    return bytes == nullptr ? std::string{} : std::string(bytes, static_cast<std::size_t>(size));
}

}  // namespace ticketflow::detail::sqlite

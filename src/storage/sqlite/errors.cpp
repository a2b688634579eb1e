#include "storage/sqlite/errors.hpp"

#include <sqlite3.h>

namespace ticketflow::detail::sqlite {
namespace {

// Which operation failed, for the I/O errors a disk going bad gives; SQLite's own message says
// only "disk I/O error".
std::string_view explain_io(int code) {
    switch (code) {
        case SQLITE_IOERR_READ:
        case SQLITE_IOERR_SHORT_READ:
            return "an I/O error occurred while reading the file";
        case SQLITE_IOERR_WRITE:
            return "an I/O error occurred while writing the file";
        case SQLITE_IOERR_FSYNC:
        case SQLITE_IOERR_DIR_FSYNC:
            // The data already sits in the WAL file, only unconfirmed: the live store no longer
            // shows it, but a process that dies before its next write may find it after reopening.
            return "an I/O error occurred while syncing the file to disk (fsync); the outcome is "
                   "unknown: the change is not applied now but may reappear after a crash";
        default:
            return "an I/O error occurred";
    }
}

// What a primary result code means for the caller; extended codes carry the same primary code in
// their low byte.
std::string_view explain_code(int code) {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "another connection held the database locked for longer than the busy timeout";
        case SQLITE_READONLY:
            return "the database is read-only";
        case SQLITE_CORRUPT:
            return "the database file is corrupt";
        case SQLITE_NOTADB:
            return "the file is not a SQLite database";
        case SQLITE_CANTOPEN:
            return "the file cannot be opened";
        case SQLITE_IOERR:
            return explain_io(code);
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return "access was denied";
        case SQLITE_CONSTRAINT:
            return "a constraint was violated";
        default:
            return "SQLite reported an error";
    }
}

// SQLITE_FULL comes from the cap (max_page_count) or from the disk, and SQLite does not say which.
std::string explain_full(const StoreFile& file) {
    if (!file.max_size_bytes) {
        return "the database is full: the disk has no room left, or the file reached SQLite's own "
               "size limit";
    }
    return "the database is full: it reached its cap of max_size_bytes = " +
           std::to_string(*file.max_size_bytes) + " bytes, or the disk has no room left";
}

std::string explain(int code, const StoreFile& file) {
    if ((code & 0xff) == SQLITE_FULL) return explain_full(file);
    return std::string(explain_code(code));
}

}  // namespace

Error storage_error(const std::string& path, std::string_view message) {
    Error e;
    e.code = ErrorCode::storage_failure;
    e.message = "SQLite store " + path + ": " + std::string(message);
    return e;
}

Error storage_error(const StoreFile& file, std::string_view doing, int code,
                    std::string_view sqlite_message) {
    const std::string message = std::string(doing) + " failed: " + explain(code, file) + " (" +
                                std::string(sqlite_message) + ", code " + std::to_string(code) +
                                ")";
    return storage_error(file.path, message);
}

void throw_storage_error(const StoreFile& file, std::string_view doing, int code,
                         std::string_view sqlite_message) {
    throw Exception(storage_error(file, doing, code, sqlite_message));
}

}  // namespace ticketflow::detail::sqlite

#pragma once
// Turning SQLite result codes into ticketflow's typed errors.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <ticketflow/core/error.hpp>

namespace ticketflow::detail::sqlite {

/// The file a connection works on, and what its errors say about it.
struct StoreFile {
    std::string path;
    std::optional<std::uint64_t> max_size_bytes;  ///< the cap `SqliteOptions` set, if any
};

/// A `storage_failure` naming the file, what was being done, and what the code means, e.g.
/// "SQLite store /var/tf.db: running `COMMIT` failed: the database is full: it reached its cap
/// of max_size_bytes = 262144 bytes, or the disk has no room left (database or disk is full,
/// code 13)".
Error storage_error(const StoreFile& file, std::string_view doing, int code,
                    std::string_view sqlite_message);

/// A `storage_failure` for a problem ticketflow itself detected in the file.
Error storage_error(const std::string& path, std::string_view message);

/// Throws `Exception` carrying `storage_error(file, doing, code, sqlite_message)`.
[[noreturn]] void throw_storage_error(const StoreFile& file, std::string_view doing, int code,
                                      std::string_view sqlite_message);

}  // namespace ticketflow::detail::sqlite

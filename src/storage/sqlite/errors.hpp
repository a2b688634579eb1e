#pragma once
// Turning SQLite result codes into ticketflow's typed errors.

#include <string>
#include <string_view>

#include <ticketflow/core/error.hpp>

namespace ticketflow::detail::sqlite {

/// A `storage_failure` naming the file, what was being done, and what the code means, e.g.
/// "SQLite store /var/tf.db: commit failed: the disk is full (database or disk is full)".
Error storage_error(const std::string& path, std::string_view doing, int code,
                    std::string_view sqlite_message);

/// A `storage_failure` for a problem ticketflow itself detected in the file.
Error storage_error(const std::string& path, std::string_view message);

/// Throws `Exception` carrying `storage_error(path, doing, code, sqlite_message)`.
[[noreturn]] void throw_storage_error(const std::string& path, std::string_view doing, int code,
                                      std::string_view sqlite_message);

}  // namespace ticketflow::detail::sqlite

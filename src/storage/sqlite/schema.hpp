#pragma once
// The store's schema: its version in `PRAGMA user_version`, and the forward migrations that
// bring an older file up to date.

#include "storage/sqlite/connection.hpp"

namespace ticketflow::detail::sqlite {

/// The schema version this code writes: the number of the last migration.
int current_schema_version() noexcept;

/// Applies every migration the file lacks, in order, in one `BEGIN IMMEDIATE` transaction (so
/// two processes opening a new file at once migrate it once). Throws `Exception` with
/// `storage_failure` when the file's schema is newer than this code or the file belongs to
/// another application.
void migrate(Connection& writer);

/// For a read-only store: throws unless the file already has exactly the current schema.
void require_current_schema(Connection& connection);

}  // namespace ticketflow::detail::sqlite

#pragma once
/// \file
/// A Store kept in one SQLite file: the embedded default. Link `ticketflow::sqlite`.
/// Settings, schema, migrations and error mapping are described in docs/storage.md.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/storage/store.hpp>

namespace ticketflow {

/// How hard a commit waits for the disk (SQLite's `PRAGMA synchronous`).
enum class Durability : std::uint8_t {
    full,    ///< every commit is on disk before it returns: survives a power loss (the default)
    normal,  ///< faster commits; after a power loss the last commits may be lost, never corrupted
};

/// How to open a SqliteStore.
struct SqliteOptions {
    std::filesystem::path path;  ///< the database file; created (with its schema) when missing
    Durability synchronous = Durability::full;
    /// How long a writer waits for another connection or process holding the write lock before
    /// the unit of work fails with `storage_failure`.
    std::chrono::milliseconds busy_timeout{5000};
    /// Opens for reading only: the file must exist with the current schema, and every write
    /// returns `storage_failure`.
    bool read_only = false;
    /// Refuses to grow the file beyond this many bytes (`PRAGMA max_page_count`, rounded down to
    /// whole pages; a file already larger is held at its current size); a write that would need
    /// more room fails with `storage_failure` and writes nothing. `std::nullopt`: no cap.
    std::optional<std::uint64_t> max_size_bytes = std::nullopt;
    /// The name of a registered SQLite VFS to reach the file through (`sqlite3_vfs_register`),
    /// e.g. an encrypting or fault-injecting one; empty: SQLite's default for the platform.
    std::string vfs{};
    /// Group commit: at most this many writes share one transaction and one flush to disk. Writes
    /// that arrive while a commit is under way wait for it, then go together in the next one,
    /// each still succeeding or failing on its own and returning only once that transaction has
    /// committed. Pays off with many threads writing at once. 1 (the default): each write
    /// commits alone.
    std::size_t group_commit = 1;
};

/// Keeps tickets, audit trails and sequences in one SQLite file, in WAL mode.
///
/// Thread-safe: writes run one at a time on one connection, each in a `BEGIN IMMEDIATE`
/// transaction (a batch's in one); reads run in parallel on a small pool of their own connections
/// and see the last commit, while a batch's own thread reads what it has written so far. Several
/// processes may open the same file. Every method reports SQLite's failures as `storage_failure`
/// errors and never throws; a row that cannot be read back is `corrupt` for its ticket alone
/// (`verify` lists them; see docs/storage.md, "Damaged rows"). A failed unit of work writes
/// nothing and leaves the store usable.
///
///     auto store = SqliteStore::open({"tickets.db"});
///     if (!store) std::cerr << store.error().message;
///     Engine engine{std::move(store).value(), std::make_shared<SystemClock>()};
class SqliteStore final : public Store {
  public:
    /// Opens (or creates) the file, sets it up and migrates its schema to the current version.
    /// Fails with `storage_failure` when the file is not a SQLite database, cannot be opened, or
    /// has a schema newer than this version of ticketflow knows.
    static Result<std::unique_ptr<SqliteStore>> open(SqliteOptions options);

    /// The schema version this build writes and reads (`PRAGMA user_version` of the file).
    static int schema_version() noexcept;

    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    /// The options the store was opened with.
    const SqliteOptions& options() const noexcept;

    Result<Ticket> create(const TicketCreation& creation) override;
    Result<void> update(const TicketUpdate& update) override;
    Result<Ticket> load(TicketId id) const override;
    Result<Ticket> load_by_number(std::string_view number) const override;
    Result<Page<Ticket>> find(const TicketQuery& query) const override;
    Result<std::vector<AuditEvent>> audit_trail(TicketId id) const override;
    Result<std::uint64_t> next_sequence(std::string_view key) override;
    Result<std::vector<DamagedRecord>> verify() const override;
    Result<std::vector<OutboxEntry>> lease_outbox(const OutboxLease& lease) override;
    Result<OutboxEntry> settle_outbox(const OutboxAttempt& attempt) override;
    Result<OutboxEntry> redrive_outbox(std::uint64_t entry, Timestamp now) override;
    Result<std::vector<OutboxEntry>> outbox(const OutboxQuery& query) const override;

  protected:
    Result<void> begin_batch() override;
    Result<void> commit_batch() override;
    void roll_back_batch() noexcept override;

  private:
    struct State;
    explicit SqliteStore(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

template <>
struct EnumNames<Durability> {
    static constexpr std::array<std::string_view, 2> names{"full", "normal"};
};

}  // namespace ticketflow

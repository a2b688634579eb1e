// Batches on SqliteStore: one transaction and one flush for many units of work; a refused unit
// rolls back to its savepoint alone; a batch whose commit fails, or whose unit fails on the disk,
// leaves nothing in the file; other threads and processes wait for it. (The conformance suite
// checks what every store's batches do.)
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>

#include "support/engine_fixture.hpp"
#include "support/faulty_vfs.hpp"
#include "support/sqlite_file.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

TicketUpdate noting(Ticket ticket, const std::string& note) {
    const Version read = ticket.version;
    ticket.version = read + 1;
    AuditEvent noted;
    noted.at = from_unix_seconds(1696118460);
    noted.actor = kOwner;
    noted.action = "add_note";
    noted.note = note;
    return {std::move(ticket), read, {noted}};
}

void expect_storage_failure(const Error& error, const std::string& mentioned) {
    EXPECT_EQ(error.code, ErrorCode::storage_failure);
    EXPECT_NE(error.message.find(mentioned), std::string::npos) << error.message;
}

// What another connection finds in the file, through SQLite's default VFS.
struct Rows {
    std::int64_t tickets = -1;
    std::int64_t audit_events = -1;
    std::int64_t sequence = -1;        // of the tickets' numbers
    std::int64_t other_sequence = -1;  // the one the batches advance on their own
    bool sound = false;
};

Rows rows_in(const TempDatabase& file) {
    RawDatabase raw(file.path());
    Rows rows;
    rows.tickets = raw.integer("SELECT count(*) FROM tickets");
    rows.audit_events = raw.integer("SELECT count(*) FROM audit_events");
    rows.sequence = raw.integer("SELECT coalesce(max(value), 0) FROM sequences WHERE key = 'K'");
    rows.other_sequence =
        raw.integer("SELECT coalesce(max(value), 0) FROM sequences WHERE key = 'other'");
    rows.sound =
        raw.integer("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") ==
        1;
    return rows;
}

class sqlite_batch : public ::testing::Test {
  protected:
    FaultyVfs vfs{"ticketflow-batch"};  // first: it must outlive every store opened through it
    TempDatabase file;
    std::unique_ptr<SqliteStore> store = open_store();

    std::unique_ptr<SqliteStore> open_store(std::size_t group_commit = 1) const {
        SqliteOptions options;
        options.path = file.path();
        options.vfs = vfs.name();
        options.group_commit = group_commit;
        return SqliteStore::open(options).value();
    }

    void reopen() {
        store.reset();
        store = open_store();
    }

    std::vector<Ticket> all() const {
        TicketQuery query;
        query.limit = TicketQuery::max_limit;
        return store->find(query).value().items;
    }

    /// Two tickets, one of them with a note: what a failed batch must leave as it was.
    std::vector<Ticket> stored_before() {
        std::vector<Ticket> tickets{store->create(opening()).value(),
                                    store->create(opening()).value()};
        EXPECT_TRUE(store->update(noting(tickets[1], "before")));
        tickets[1] = store->load(tickets[1].id).value();
        return tickets;
    }

    /// A batch that opens three tickets, notes one of the `before` and advances a sequence,
    /// then arms `fault` just before it returns, so that only its commit meets it.
    Result<void> batch_failing_at_commit(const std::vector<Ticket>& before,
                                         const std::function<void()>& fault) {
        return store->batch([&]() -> Result<void> {
            for (int i = 0; i < 3; ++i) EXPECT_TRUE(store->create(opening()));
            EXPECT_TRUE(store->update(noting(before[0], "in the batch")));
            EXPECT_TRUE(store->next_sequence("other"));
            fault();
            return {};
        });
    }

    void expect_holds_exactly(const std::vector<Ticket>& tickets) {
        EXPECT_EQ(all(), tickets);
        EXPECT_EQ(store->audit_trail(tickets[0].id).value().size(), 1u);
        const Rows rows = rows_in(file);
        EXPECT_EQ(rows.tickets, 2);
        EXPECT_EQ(rows.audit_events, 3);
        EXPECT_EQ(rows.sequence, 2);
        EXPECT_EQ(rows.other_sequence, 0);
        EXPECT_TRUE(rows.sound);
    }
};

TEST_F(sqlite_batch, a_batch_of_many_units_commits_with_one_flush) {
    const std::uint64_t before_alone = vfs.count(FaultyVfs::Operation::sync);
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(store->create(opening()));
    const std::uint64_t alone = vfs.count(FaultyVfs::Operation::sync) - before_alone;
    EXPECT_GE(alone, 20u);  // Durability::full: a flush per commit

    const std::uint64_t before_batch = vfs.count(FaultyVfs::Operation::sync);
    const auto stored = store->batch([&]() -> Result<void> {
        for (int i = 0; i < 20; ++i) EXPECT_TRUE(store->create(opening()));
        return {};
    });
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_LE(vfs.count(FaultyVfs::Operation::sync) - before_batch, 2u);
    EXPECT_EQ(all().size(), 40u);
    EXPECT_EQ(rows_in(file).sequence, 40);
}

TEST_F(sqlite_batch, a_refused_unit_leaves_the_rest_of_the_batch_in_the_file) {
    const Ticket first = store->create(opening()).value();
    const auto stored = store->batch([&]() -> Result<void> {
        EXPECT_TRUE(store->update(noting(first, "kept")));
        EXPECT_EQ(store->update(noting(first, "stale")).error().code, ErrorCode::version_conflict);
        EXPECT_FALSE(store->create(opening("Refused", [](std::uint64_t) -> Result<std::string> {
            return validation_error("number", "no numbers today");
        })));
        EXPECT_EQ(store->create(opening()).value().number, "N-2");
        return {};
    });
    ASSERT_TRUE(stored) << stored.error().message;
    reopen();
    const Rows rows = rows_in(file);
    EXPECT_EQ(rows.tickets, 2);
    EXPECT_EQ(rows.audit_events, 3);  // two openings and the kept note
    EXPECT_EQ(rows.sequence, 2);
    EXPECT_TRUE(rows.sound);
    EXPECT_EQ(store->audit_trail(first.id).value().back().note, "kept");
}

TEST_F(sqlite_batch, a_commit_that_fails_to_write_leaves_nothing_of_the_batch) {
    const std::vector<Ticket> before = stored_before();
    const auto failed = batch_failing_at_commit(before, [&] { vfs.fail_writes_after(0); });
    vfs.heal();
    ASSERT_FALSE(failed);
    expect_storage_failure(failed.error(), "an I/O error occurred while writing the file");
    expect_holds_exactly(before);
    reopen();
    expect_holds_exactly(before);
    EXPECT_EQ(store->create(opening()).value().number, "N-3");  // no gap
}

// As for a single commit (docs/storage.md): the WAL holds the batch, unconfirmed; the live store
// does not show it, and the error says the outcome is unknown.
TEST_F(sqlite_batch, a_commit_whose_fsync_fails_is_an_unknown_outcome_the_store_does_not_show) {
    const std::vector<Ticket> before = stored_before();
    const auto failed = batch_failing_at_commit(before, [&] { vfs.fail_syncs_after(0); });
    vfs.heal();
    ASSERT_FALSE(failed);
    expect_storage_failure(failed.error(), "the outcome is unknown");
    expect_holds_exactly(before);
    EXPECT_EQ(store->create(opening()).value().number, "N-3");
}

// A unit that fails on the disk (here the database's size cap) may end SQLite's transaction: the
// whole batch fails, later units fail at once, and nothing of it is stored.
TEST_F(sqlite_batch, a_unit_failing_on_the_disk_fails_the_whole_batch) {
    SqliteOptions capped{file.path()};
    capped.max_size_bytes = 256 * 1024;
    store = SqliteStore::open(capped).value();
    const Ticket first = store->create(opening()).value();
    std::optional<Error> full;
    const auto failed = store->batch([&]() -> Result<void> {
        TicketCreation bulky = opening("Bulky");
        bulky.ticket.description = std::string(20000, 'x');
        for (int i = 0; i < 1000 && !full; ++i) {
            if (auto created = store->create(bulky); !created) full = created.error();
        }
        const auto later = store->create(opening());
        EXPECT_FALSE(later);
        if (!later) expect_storage_failure(later.error(), "an earlier write in it failed");
        return {};  // the commit reports the failure anyway
    });
    ASSERT_TRUE(full);
    expect_storage_failure(*full, "the database is full");
    ASSERT_FALSE(failed);
    expect_storage_failure(failed.error(), "the database is full");
    EXPECT_EQ(all(), std::vector<Ticket>{first});
    EXPECT_EQ(store->create(opening()).value().number, "N-2");
    EXPECT_TRUE(rows_in(file).sound);
}

// Group commit: writes of other threads queue behind the batch and then share their own commits.
TEST_F(sqlite_batch, other_threads_writes_wait_for_the_batch_and_commit_without_it) {
    store = open_store(64);
    std::vector<std::thread> writers;
    std::atomic<int> stored_alone{0};
    const auto abandoned = store->batch([&]() -> Result<void> {
        for (int i = 0; i < 3; ++i) EXPECT_TRUE(store->create(opening()));
        for (int t = 0; t < 4; ++t) {
            writers.emplace_back([&] {
                if (store->next_sequence("other")) ++stored_alone;
            });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        EXPECT_EQ(stored_alone.load(), 0);  // they wait for the batch
        return validation_error("import", "abandoned");
    });
    for (auto& writer : writers) writer.join();
    ASSERT_FALSE(abandoned);
    EXPECT_EQ(stored_alone.load(), 4);
    EXPECT_EQ(store->next_sequence("other").value(), 5u);
    EXPECT_TRUE(all().empty());
}

TEST_F(sqlite_batch, a_batch_that_cannot_take_the_write_lock_does_not_begin) {
    SqliteOptions options{file.path()};
    options.busy_timeout = std::chrono::milliseconds{50};
    store = SqliteStore::open(options).value();
    RawDatabase other_process(file.path());
    ASSERT_EQ(other_process.exec("BEGIN IMMEDIATE"), SQLITE_OK);
    bool ran = false;
    const auto refused = store->batch([&]() -> Result<void> {
        ran = true;
        return {};
    });
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "busy timeout");
    EXPECT_FALSE(ran);
    ASSERT_EQ(other_process.exec("ROLLBACK"), SQLITE_OK);
    EXPECT_EQ(store->create(opening()).value().number, "N-1");  // the store goes on
}

}  // namespace
}  // namespace ticketflow::testing

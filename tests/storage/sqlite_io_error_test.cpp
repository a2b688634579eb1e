// SqliteStore on a failing disk: through FaultyVfs, reads, writes and syncs of the database and its
// WAL fail at chosen moments. Every failure must come back as a typed storage_failure, write
// nothing, and leave the store working once the disk is healed; the file must hold exactly what
// the store acknowledged. Each sweep moves the fault one operation further until the unit of work
// gets through, so failures land at every moment of the transaction.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

#include "support/engine_fixture.hpp"
#include "support/faulty_vfs.hpp"
#include "support/sqlite_file.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

using Operation = FaultyVfs::Operation;

// No unit of work of these tests needs more operations than this; a sweep that goes further
// means the fault never stops the unit of work, which is a failure in itself.
constexpr std::uint64_t kMaxFaultPoints = 200;

// The next version of `ticket` with one more audit event: an update that can be retried as is.
TicketUpdate noting(Ticket ticket, const std::string& note) {
    const Version read = ticket.version;
    ticket.version = read + 1;
    ticket.description += " " + note;
    AuditEvent noted;
    noted.at = from_unix_seconds(1696118460);
    noted.actor = kOwner;
    noted.action = "add_note";
    noted.note = note;
    return {std::move(ticket), read, {noted}};
}

std::string number_of(std::size_t sequence) {
    return "N-" + std::to_string(sequence);
}

// What the store's messages say about the operation that failed.
constexpr const char* kWriteFailed = "an I/O error occurred while writing the file";
constexpr const char* kSyncFailed = "an I/O error occurred while syncing the file to disk";
constexpr const char* kReadFailed = "an I/O error occurred while reading the file";

void expect_io_error(const Error& error, const std::string& mentioned = "an I/O error occurred") {
    EXPECT_EQ(error.code, ErrorCode::storage_failure);
    EXPECT_NE(error.message.find(mentioned), std::string::npos) << error.message;
}

// What another connection sees in the file: the row counts, the sequence, and whether SQLite
// finds the file sound. Read through the default VFS, so no fault reaches it.
struct FileContents {
    std::int64_t tickets = 0;
    std::int64_t audit_events = 0;
    std::int64_t sequence = 0;
    bool sound = false;

    friend bool operator==(const FileContents& a, const FileContents& b) {
        return a.tickets == b.tickets && a.audit_events == b.audit_events &&
               a.sequence == b.sequence && a.sound == b.sound;
    }
};

std::ostream& operator<<(std::ostream& out, const FileContents& c) {
    return out << c.tickets << " tickets, " << c.audit_events << " audit events, sequence "
               << c.sequence << (c.sound ? ", sound" : ", NOT sound");
}

FileContents contents_of(const TempDatabase& file) {
    RawDatabase raw(file.path());
    FileContents contents;
    contents.tickets = raw.integer("SELECT count(*) FROM tickets");
    contents.audit_events = raw.integer("SELECT count(*) FROM audit_events");
    contents.sequence = raw.integer("SELECT coalesce(max(value), 0) FROM sequences");
    contents.sound =
        raw.integer("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") ==
        1;
    return contents;
}

// A result that must have failed: a value instead fails the test rather than aborting it.
template <class T>
void expect_io_error(const Result<T>& result,
                     const std::string& mentioned = "an I/O error occurred") {
    ASSERT_FALSE(result) << "no error on a failing disk";
    expect_io_error(result.error(), mentioned);
}

// The store returns exactly `acknowledged`, each ticket with `trail_length` audit events.
void expect_exactly(const SqliteStore& store, const std::vector<Ticket>& acknowledged,
                    std::size_t trail_length = 1) {
    TicketQuery all;
    all.limit = TicketQuery::max_limit;
    EXPECT_EQ(store.find(all).value().items, acknowledged);
    for (const Ticket& ticket : acknowledged) {
        EXPECT_EQ(store.load(ticket.id).value(), ticket);
        EXPECT_EQ(store.audit_trail(ticket.id).value().size(), trail_length) << ticket.number;
    }
}

// How a sweep went: how many attempts the fault stopped, and what the store said each time.
struct Sweep {
    std::vector<Error> refusals;
    bool got_through = false;
};

class sqlite_io_error : public ::testing::Test {
  protected:
    FaultyVfs vfs;      // first: it must outlive every store opened through it
    TempDatabase file;  // before the store: the file is removed after the store closes
    std::unique_ptr<SqliteStore> store = open_store();

    std::unique_ptr<SqliteStore> open_store() const { return SqliteStore::open(options()).value(); }
    SqliteOptions options() const {
        SqliteOptions options;
        options.path = file.path();
        options.vfs = vfs.name();
        return options;
    }

    /// Closes the store and opens the file again: what survives is what is on disk.
    void reopen() {
        store.reset();
        store = open_store();
    }

    /// Arms `arm(k)` for k = 0, 1, 2, … successes and retries `attempt` until it gets through.
    /// After each refusal the disk is healed and `check_unchanged` runs; the attempt that gets
    /// through must not have met the fault at all, so every operation it needs failed in one
    /// attempt.
    Sweep sweep_fault(const std::function<void(std::uint64_t)>& arm,
                      const std::function<Result<void>()>& attempt,
                      const std::function<void()>& check_unchanged) {
        Sweep sweep;
        for (std::uint64_t successes = 0; successes < kMaxFaultPoints; ++successes) {
            const std::uint64_t injected_before = vfs.injected();
            arm(successes);
            const Result<void> result = attempt();
            vfs.heal();
            if (result) {
                EXPECT_EQ(vfs.injected(), injected_before) << "succeeded despite a fault";
                sweep.got_through = true;
                return sweep;
            }
            EXPECT_GT(vfs.injected(), injected_before) << result.error().message;
            sweep.refusals.push_back(result.error());
            check_unchanged();
        }
        ADD_FAILURE() << "the fault never let the unit of work through";
        return sweep;
    }

    /// Sweeps a fault over the creation of one ticket after `acknowledged`: every refusal leaves
    /// the file and the store as they were, and the creation that gets through takes the next
    /// number, with no gap for the refused attempts.
    Sweep sweep_create(const std::function<void(std::uint64_t)>& arm,
                       std::vector<Ticket>& acknowledged,
                       const TicketCreation& creation = opening()) {
        const FileContents before = contents_of(file);
        const std::string next_number = number_of(acknowledged.size() + 1);
        Result<Ticket> created = Error{};
        Sweep result = sweep_fault(
            arm,
            [&]() -> Result<void> {
                created = store->create(creation);
                if (!created) return created.error();
                return {};
            },
            [&] {
                EXPECT_EQ(contents_of(file), before);
                const auto refused = store->load_by_number(next_number);
                EXPECT_TRUE(!refused && refused.error().code == ErrorCode::not_found);
                expect_exactly(*store, acknowledged);
            });
        if (result.got_through) {
            EXPECT_EQ(created->number, next_number);
            acknowledged.push_back(*created);
        }
        return result;
    }

    /// Creates `count` tickets with no fault armed.
    std::vector<Ticket> create_tickets(std::size_t count) {
        std::vector<Ticket> created;
        for (std::size_t i = 0; i < count; ++i) created.push_back(store->create(opening()).value());
        return created;
    }

    /// Reopens the file and checks it holds exactly `acknowledged`, then that numbering goes on.
    void expect_file_holds_exactly(const std::vector<Ticket>& acknowledged) {
        reopen();
        expect_exactly(*store, acknowledged);
        EXPECT_TRUE(contents_of(file).sound);
        EXPECT_EQ(store->create(opening()).value().number, number_of(acknowledged.size() + 1));
    }
};

TEST_F(sqlite_io_error, a_create_failing_at_any_write_writes_nothing_and_the_next_one_succeeds) {
    std::vector<Ticket> acknowledged = create_tickets(2);
    const Sweep sweep =
        sweep_create([&](std::uint64_t k) { vfs.fail_writes_after(k); }, acknowledged);
    ASSERT_TRUE(sweep.got_through);
    // A WAL commit writes a header and a page per frame: several fault points at the least.
    ASSERT_GE(sweep.refusals.size(), 4u);
    for (const Error& refusal : sweep.refusals) expect_io_error(refusal, kWriteFailed);
    expect_io_error(sweep.refusals.front(), file.path().string());
    expect_file_holds_exactly(acknowledged);
}

TEST_F(sqlite_io_error, a_create_failing_at_any_fsync_of_its_commit_writes_nothing) {
    std::vector<Ticket> acknowledged = create_tickets(1);
    const Sweep sweep =
        sweep_create([&](std::uint64_t k) { vfs.fail_syncs_after(k); }, acknowledged);
    ASSERT_TRUE(sweep.got_through);
    ASSERT_GE(sweep.refusals.size(), 1u);  // Durability::full syncs the WAL at every commit
    for (const Error& refusal : sweep.refusals) {
        expect_io_error(refusal, kSyncFailed);
        expect_io_error(refusal, "COMMIT");
    }
    expect_file_holds_exactly(acknowledged);
}

// A failed fsync at COMMIT leaves the change unconfirmed in the WAL file: the live store does not
// show it, but a crash before the next write would bring it back on reopening. So the error says
// the outcome is unknown, and the next successful write settles it: a crash image taken after
// that holds only what was acknowledged.
TEST_F(sqlite_io_error, a_failed_commit_fsync_is_an_unknown_outcome_that_the_next_write_settles) {
    std::vector<Ticket> acknowledged = create_tickets(1);
    vfs.fail_syncs_after(0);
    expect_io_error(store->create(opening()), "the outcome is unknown");
    vfs.heal();
    acknowledged.push_back(store->create(opening()).value());
    EXPECT_EQ(acknowledged.back().number, number_of(2));

    const TempDatabase image;  // the files as kill -9 would leave them
    for (const char* suffix : {"", "-wal"}) {
        std::filesystem::copy_file(file.path().string() + suffix, image.path().string() + suffix);
    }
    EXPECT_EQ(RawDatabase(image.path()).integer("SELECT count(*) FROM tickets"), 2);
    expect_exactly(*store, acknowledged);
}

TEST_F(sqlite_io_error, a_full_disk_at_any_write_of_a_create_is_reported_as_full_not_as_a_cap) {
    std::vector<Ticket> acknowledged = create_tickets(1);
    const Sweep sweep =
        sweep_create([&](std::uint64_t k) { vfs.fill_disk_after(k); }, acknowledged);
    ASSERT_TRUE(sweep.got_through);
    ASSERT_GE(sweep.refusals.size(), 4u);
    for (const Error& refusal : sweep.refusals) {
        expect_io_error(refusal, "the database is full: the disk has no room left");
    }
    expect_file_holds_exactly(acknowledged);
}

TEST_F(sqlite_io_error,
       a_ticket_larger_than_the_page_cache_fails_mid_statement_and_writes_nothing) {
    std::vector<Ticket> acknowledged = create_tickets(1);
    // Bigger than SQLite's default page cache (2 MB), so pages spill into the WAL while the
    // INSERT still runs: those faults land before COMMIT. A fault every 256 writes reaches both
    // the spill and the commit without writing 3 MB hundreds of times.
    TicketCreation bulky = opening("Bulky");
    bulky.ticket.description = std::string(3 * 1024 * 1024, 'x');
    const Sweep sweep =
        sweep_create([&](std::uint64_t k) { vfs.fail_writes_after(k * 256); }, acknowledged, bulky);
    ASSERT_TRUE(sweep.got_through);
    ASSERT_GE(sweep.refusals.size(), 2u);
    bool failed_before_commit = false;
    for (const Error& refusal : sweep.refusals) {
        expect_io_error(refusal, kWriteFailed);
        failed_before_commit |= refusal.message.find("COMMIT") == std::string::npos;
    }
    EXPECT_TRUE(failed_before_commit) << sweep.refusals.front().message;
    expect_file_holds_exactly(acknowledged);
}

TEST_F(sqlite_io_error, a_checkpoint_failing_at_any_write_refuses_nothing_and_loses_nothing) {
    // In WAL mode the database file itself is written only when a commit has pushed the WAL past
    // 1000 pages and SQLite copies it back (the automatic checkpoint). The commit is durable by
    // then, so a checkpoint that fails part-way must neither refuse the create nor lose anything.
    TicketCreation bulky = opening("Bulky");
    bulky.ticket.description = std::string(3 * 1024 * 1024, 'x');  // some 770 WAL pages
    std::vector<Ticket> acknowledged;
    const auto create = [&](const TicketCreation& creation) {
        auto created = store->create(creation);
        ASSERT_TRUE(created) << created.error().message;
        acknowledged.push_back(*created);
    };
    vfs.fail_writes_after(0, SQLITE_IOERR_WRITE, FaultyVfs::Files::database);
    while (vfs.injected(Operation::write) == 0 && acknowledged.size() < 4) create(bulky);
    ASSERT_EQ(vfs.injected(Operation::write), 1u) << "no checkpoint ran";
    // The WAL stays over the threshold, so every commit tries the checkpoint again: let it get
    // further each time before the disk fails.
    for (std::uint64_t successes : {1, 8, 64, 256}) {
        const std::uint64_t injected_before = vfs.injected(Operation::write);
        vfs.fail_writes_after(successes, SQLITE_IOERR_WRITE, FaultyVfs::Files::database);
        create(opening());
        EXPECT_EQ(vfs.injected(Operation::write), injected_before + 1) << successes;
        EXPECT_TRUE(contents_of(file).sound) << successes;
    }
    vfs.heal();
    create(opening());  // the checkpoint completes this time
    expect_exactly(*store, acknowledged);
    expect_file_holds_exactly(acknowledged);
}

TEST_F(sqlite_io_error, an_update_failing_at_any_write_or_fsync_leaves_the_ticket_as_it_was) {
    const Ticket ticket = create_tickets(1).front();
    const FileContents before = contents_of(file);
    const auto unchanged = [&] {
        EXPECT_EQ(contents_of(file), before);
        expect_exactly(*store, {ticket});
    };
    const TicketUpdate update = noting(ticket, "Replaced the fuser");
    const Sweep writes = sweep_fault([&](std::uint64_t k) { vfs.fail_writes_after(k); },
                                     [&] { return store->update(update); }, unchanged);
    ASSERT_TRUE(writes.got_through);
    ASSERT_GE(writes.refusals.size(), 4u);
    for (const Error& refusal : writes.refusals) expect_io_error(refusal, kWriteFailed);

    const TicketUpdate next = noting(update.ticket, "Cleaned the rollers");
    const auto updated = [&] {
        EXPECT_EQ(contents_of(file).audit_events, 2);
        expect_exactly(*store, {update.ticket}, 2);
    };
    const Sweep syncs = sweep_fault([&](std::uint64_t k) { vfs.fail_syncs_after(k); },
                                    [&] { return store->update(next); }, updated);
    ASSERT_TRUE(syncs.got_through);
    ASSERT_GE(syncs.refusals.size(), 1u);
    for (const Error& refusal : syncs.refusals) expect_io_error(refusal, kSyncFailed);

    reopen();
    expect_exactly(*store, {next.ticket}, 3);
}

TEST_F(sqlite_io_error, a_failing_next_sequence_is_a_typed_error_and_keeps_the_sequence) {
    EXPECT_EQ(store->next_sequence("K").value(), 1u);
    vfs.fail_writes_after(0);
    expect_io_error(store->next_sequence("K"), kWriteFailed);
    vfs.heal();
    EXPECT_EQ(store->next_sequence("K").value(), 2u);
    reopen();
    EXPECT_EQ(store->next_sequence("K").value(), 3u);
}

TEST_F(sqlite_io_error, a_read_failing_on_load_is_a_typed_error_and_the_store_recovers) {
    const Ticket ticket = create_tickets(1).front();
    reopen();  // a cold store: its readers must go to the file
    vfs.fail_reads_after(0);
    expect_io_error(store->load(ticket.id));
    expect_io_error(store->load_by_number(ticket.number));
    expect_io_error(store->find({}));
    expect_io_error(store->audit_trail(ticket.id));
    EXPECT_GT(vfs.injected(Operation::read), 0u);

    vfs.heal();
    expect_exactly(*store, {ticket});
    EXPECT_EQ(store->create(opening()).value().number, number_of(2));
}

TEST_F(sqlite_io_error, a_read_failing_at_any_point_of_a_load_is_a_typed_error) {
    const Ticket ticket = create_tickets(1).front();
    reopen();
    const Sweep sweep = sweep_fault([&](std::uint64_t k) { vfs.fail_reads_after(k); },
                                    [&]() -> Result<void> {
                                        auto loaded = store->load(ticket.id);
                                        if (!loaded) return loaded.error();
                                        EXPECT_EQ(*loaded, ticket);
                                        return {};
                                    },
                                    [] {});
    ASSERT_TRUE(sweep.got_through);
    ASSERT_GE(sweep.refusals.size(), 1u);
    for (const Error& refusal : sweep.refusals) expect_io_error(refusal);
    // Opening the reader fails first (SQLite gives only the primary code there); later faults
    // reach the query itself.
    expect_io_error(sweep.refusals.back(), kReadFailed);
    expect_exactly(*store, {ticket});
}

TEST_F(sqlite_io_error, a_write_that_cannot_read_the_ticket_is_a_typed_error_and_writes_nothing) {
    const Ticket ticket = create_tickets(1).front();
    reopen();  // the writer has not read the ticket's pages yet
    const FileContents before = contents_of(file);
    const TicketUpdate update = noting(ticket, "Replaced the fuser");
    const Sweep sweep = sweep_fault([&](std::uint64_t k) { vfs.fail_reads_after(k); },
                                    [&] { return store->update(update); },
                                    [&] { EXPECT_EQ(contents_of(file), before); });
    ASSERT_TRUE(sweep.got_through);
    ASSERT_GE(sweep.refusals.size(), 1u);
    for (const Error& refusal : sweep.refusals) expect_io_error(refusal, kReadFailed);
    expect_exactly(*store, {update.ticket}, 2);
}

TEST_F(sqlite_io_error, opening_a_file_that_cannot_be_read_is_a_typed_error) {
    const std::vector<Ticket> acknowledged = create_tickets(2);
    store.reset();
    std::unique_ptr<SqliteStore> reopened;
    const Sweep sweep = sweep_fault([&](std::uint64_t k) { vfs.fail_reads_after(k); },
                                    [&]() -> Result<void> {
                                        auto opened = SqliteStore::open(options());
                                        if (!opened) return opened.error();
                                        reopened = std::move(*opened);
                                        return {};
                                    },
                                    [] {});
    ASSERT_TRUE(sweep.got_through);
    ASSERT_GE(sweep.refusals.size(), 1u);
    for (const Error& refusal : sweep.refusals) expect_io_error(refusal);
    store = std::move(reopened);
    expect_exactly(*store, acknowledged);
}

// The engine over a failing store: commands come back as storage failures and change nothing,
// neither in the file nor in what the engine answers, and the engine carries on once healed.
class sqlite_io_error_engine : public sqlite_io_error {
  protected:
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    std::unique_ptr<Engine> engine = std::make_unique<Engine>(std::move(store), clock);

    /// Closes the engine with its store and opens both again on the file.
    void reopen_engine() {
        engine.reset();
        engine = std::make_unique<Engine>(open_store(), clock);
    }

    // The numbers the default format gives on the clock's day.
    static std::string engine_number(std::size_t sequence) {
        const std::string digits = std::to_string(sequence);
        return "HT20231001" + std::string(4 - digits.size(), '0') + digits;
    }
    static AgentId owner_agent() { return AgentId{kOwner.id.value()}; }
};

TEST_F(sqlite_io_error_engine, commands_on_a_failing_disk_are_typed_errors_and_change_nothing) {
    const Ticket first = engine->open(sample_draft(), kCustomer).value();
    ASSERT_EQ(first.number, engine_number(1));
    const auto deadline = engine->next_sla_deadline();
    const FileContents before = contents_of(file);

    vfs.fail_writes_after(0);
    expect_io_error(engine->open(sample_draft("Scanner"), kCustomer), kWriteFailed);
    expect_io_error(engine->assign(first.id, kSupervisor, owner_agent()), kWriteFailed);
    vfs.heal();
    vfs.fail_syncs_after(0);
    expect_io_error(engine->open(sample_draft("Scanner"), kCustomer), kSyncFailed);
    expect_io_error(engine->add_note(first.id, kOwner, "checking"), kSyncFailed);
    vfs.heal();

    EXPECT_EQ(contents_of(file), before);
    EXPECT_EQ(engine->get(first.id).value(), first);
    EXPECT_EQ(engine->audit_trail(first.id).value().size(), 1u);
    EXPECT_EQ(engine->next_sla_deadline(), deadline);
    EXPECT_EQ(engine->open(sample_draft("Scanner"), kCustomer).value().number, engine_number(2));
    EXPECT_EQ(engine->assign(first.id, kSupervisor, owner_agent()).value().state,
              TicketState::assigned);
}

TEST_F(sqlite_io_error_engine, an_engine_reopened_after_failures_finds_exactly_what_it_was_told) {
    std::vector<std::string> acknowledged;
    for (std::uint64_t k = 0; k < 12; ++k) {
        // Three attempts in four fail at one of their first writes; the fourth has room.
        vfs.fail_writes_after(k % 4 == 3 ? kMaxFaultPoints : k % 4);
        auto opened = engine->open(sample_draft("Ticket " + std::to_string(k)), kCustomer);
        vfs.heal();
        if (opened) acknowledged.push_back(opened->number);
    }
    ASSERT_GE(acknowledged.size(), 3u);
    ASSERT_LT(acknowledged.size(), 12u) << "no fault stopped the engine";
    reopen_engine();
    TicketQuery all;
    all.limit = TicketQuery::max_limit;
    const Page<Ticket> page = engine->find(all).value();
    std::vector<std::string> found;
    for (const Ticket& t : page.items) found.push_back(t.number);
    EXPECT_EQ(found, acknowledged);
    for (std::size_t i = 0; i < found.size(); ++i) {
        EXPECT_EQ(found[i], engine_number(i + 1));  // the refused attempts left no gaps
    }
}

}  // namespace
}  // namespace ticketflow::testing

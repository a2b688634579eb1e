// What is particular to SqliteStore: the file outlives the store, its schema is versioned, the
// audit log is append-only in the database itself, and SQLite's failures come back as typed
// errors. Everything a Store must do is in store_conformance_test.cpp.
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>

#include "support/engine_fixture.hpp"
#include "support/sqlite_file.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

TicketUpdate assigning(Ticket ticket) {
    const Version read = ticket.version;
    ticket.version = read + 1;
    ticket.owner = AgentId{"agent-1"};
    ticket.state = TicketState::assigned;
    AuditEvent assigned;
    assigned.at = from_unix_seconds(1696118460);
    assigned.actor = kSupervisor;
    assigned.action = "assign";
    assigned.changes = {{"owner", "", "agent-1"}};
    return {std::move(ticket), read, {assigned}};
}

std::unique_ptr<SqliteStore> open_store(const TempDatabase& file) {
    return SqliteStore::open({file.path()}).value();
}

void expect_storage_failure(const Error& error, const std::string& mentioned) {
    EXPECT_EQ(error.code, ErrorCode::storage_failure);
    EXPECT_NE(error.message.find(mentioned), std::string::npos) << error.message;
}

// A result that must have failed: a value fails the test instead of aborting it.
template <class T>
void expect_storage_failure(const Result<T>& result, const std::string& mentioned) {
    ASSERT_FALSE(result) << "no storage failure";
    expect_storage_failure(result.error(), mentioned);
}

constexpr std::uint64_t kSmallCap = 256 * 1024;

std::unique_ptr<SqliteStore> open_capped(const TempDatabase& file,
                                         std::optional<std::uint64_t> max_size_bytes) {
    SqliteOptions options{file.path()};
    options.max_size_bytes = max_size_bytes;
    return SqliteStore::open(options).value();
}

// A ticket of several pages: a dozen of these fill the small cap.
TicketCreation bulky_opening() {
    TicketCreation creation = opening("Bulky");
    creation.ticket.description = std::string(20000, 'x');
    return creation;
}

struct FilledStore {
    std::vector<Ticket> created;  ///< what the store accepted, in order
    Error refusal;                ///< why it refused the next one
};

// Creates bulky tickets until the store refuses one.
FilledStore fill_until_refused(SqliteStore& store) {
    FilledStore filled;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        auto created = store.create(bulky_opening());
        if (!created) {
            filled.refusal = created.error();
            return filled;
        }
        filled.created.push_back(std::move(*created));
    }
    ADD_FAILURE() << "the store never filled up";
    return filled;
}

// Everything the store accepted loads as it was created, with its one audit event.
void expect_intact(const SqliteStore& store, const std::vector<Ticket>& created) {
    for (const Ticket& ticket : created) {
        EXPECT_EQ(store.load(ticket.id).value(), ticket);
        EXPECT_EQ(store.audit_trail(ticket.id).value().size(), 1u) << ticket.number;
    }
    TicketQuery all;
    all.limit = TicketQuery::max_limit;
    EXPECT_EQ(store.find(all).value().items, created);
}

class sqlite_store : public ::testing::Test {
  protected:
    TempDatabase file;
};

TEST_F(sqlite_store, reopening_the_file_finds_tickets_audit_trails_and_sequences_intact) {
    Ticket ticket;
    {
        auto store = open_store(file);
        ticket = store->create(opening()).value();
        ASSERT_TRUE(store->update(assigning(ticket)));
        EXPECT_EQ(store->next_sequence("K").value(), 2u);
    }
    auto store = open_store(file);
    const Ticket loaded = store->load(ticket.id).value();
    EXPECT_EQ(loaded, assigning(ticket).ticket);
    EXPECT_EQ(store->load_by_number("N-1").value(), loaded);
    TicketQuery owned;
    owned.owner = AgentId{"agent-1"};
    EXPECT_EQ(store->find(owned).value().items, std::vector<Ticket>{loaded});
    const auto trail = store->audit_trail(ticket.id).value();
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[1].action, "assign");
    EXPECT_EQ(trail[1].sequence, 2u);
    EXPECT_EQ(store->create(opening()).value().number, "N-3");
}

TEST_F(sqlite_store, stamps_the_file_with_its_schema_version_in_wal_mode) {
    open_store(file);
    RawDatabase raw(file.path());
    EXPECT_EQ(raw.integer("PRAGMA user_version"), SqliteStore::schema_version());
    EXPECT_EQ(raw.integer("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), 2);
    EXPECT_EQ(raw.exec("PRAGMA journal_mode"), SQLITE_OK);
    EXPECT_EQ(raw.integer("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
              1);
}

TEST_F(sqlite_store, refuses_a_file_with_a_newer_schema_naming_both_versions) {
    open_store(file);
    RawDatabase(file.path()).exec("PRAGMA user_version = 99");
    const auto refused = SqliteStore::open({file.path()});
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "schema version 99");
    expect_storage_failure(refused.error(),
                           "version " + std::to_string(SqliteStore::schema_version()));
}

// tests/storage/data/schema-2.db was written by the release before the SLA record got a column of
// its own (schema 2): two tickets opened through the engine, the first assigned and noted. Opening
// a copy brings it to the current schema with everything intact, the SLA records moved out of the
// documents into their column.
TEST_F(sqlite_store, migrates_a_file_of_an_earlier_release_keeping_everything) {
    std::filesystem::copy_file(TICKETFLOW_SOURCE_DIR "/tests/storage/data/schema-2.db",
                               file.path());
    SqliteOptions read_only{file.path()};
    read_only.read_only = true;
    expect_storage_failure(SqliteStore::open(read_only).error(), "must be opened writable once");

    auto store = open_store(file);
    RawDatabase raw(file.path());
    EXPECT_EQ(raw.integer("PRAGMA user_version"), SqliteStore::schema_version());
    EXPECT_EQ(raw.integer("SELECT count(*) FROM tickets WHERE json_extract(document, "
                          "'$.sla_clocks') IS NOT NULL OR sla_clocks = ''"),
              0);
    const Ticket first = store->load_by_number("HT202310010001").value();
    EXPECT_EQ(first.state, TicketState::assigned);
    EXPECT_EQ(first.title, "打印机卡纸");
    EXPECT_EQ(store->audit_trail(first.id).value().size(), 3u);
    EXPECT_EQ(store->load_by_number("HT202310010002")->title, "扫描仪无法连接");

    // The engine reads the moved SLA records as its own: the customer-visible note was the first
    // response, and the resolution clock runs on.
    Engine engine{std::shared_ptr<Store>(std::move(store)),
                  std::make_shared<ManualClock>(from_unix_seconds(1696120200))};
    const auto status = engine.sla_status(first.id).value();
    EXPECT_FALSE(status.metric(sla::Metric::first_response).running) << first.sla_clocks;
    EXPECT_FALSE(status.metric(sla::Metric::first_response).breached_at);
    EXPECT_TRUE(status.metric(sla::Metric::resolution).running);
    EXPECT_EQ(engine.add_note(first.id, kOwner, "备件已寄出").value().version, 4u);
}

TEST_F(sqlite_store, refuses_a_file_that_is_not_a_database) {
    std::ofstream(file.path()) << std::string(4096, 'x');
    const auto refused = SqliteStore::open({file.path()});
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "not a SQLite database");
}

TEST_F(sqlite_store, refuses_a_database_of_another_application) {
    RawDatabase(file.path()).exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    const auto refused = SqliteStore::open({file.path()});
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "another application");
}

TEST_F(sqlite_store, refuses_an_empty_path) {
    const auto refused = SqliteStore::open({});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
}

TEST_F(sqlite_store, audit_rows_cannot_be_updated_or_deleted_even_from_outside) {
    auto store = open_store(file);
    const Ticket ticket = store->create(opening()).value();
    RawDatabase raw(file.path());
    EXPECT_EQ(raw.exec("UPDATE audit_events SET document = '{}'"), SQLITE_CONSTRAINT);
    EXPECT_NE(raw.message().find("append-only: UPDATE refused"), std::string::npos);
    EXPECT_EQ(raw.exec("DELETE FROM audit_events"), SQLITE_CONSTRAINT);
    EXPECT_NE(raw.message().find("append-only: DELETE refused"), std::string::npos);
    EXPECT_EQ(store->audit_trail(ticket.id).value().size(), 1u);
}

TEST_F(sqlite_store, a_failing_number_leaves_nothing_in_the_file) {
    auto store = open_store(file);
    auto failing = opening();
    failing.number_for = [](std::uint64_t) -> Result<std::string> {
        Error e;
        e.code = ErrorCode::sequence_exhausted;
        return e;
    };
    EXPECT_EQ(store->create(failing).error().code, ErrorCode::sequence_exhausted);
    auto throwing = opening();
    throwing.number_for = [](std::uint64_t) -> Result<std::string> {
        throw std::runtime_error("formatter broke");
    };
    expect_storage_failure(store->create(throwing), "formatter broke");

    RawDatabase raw(file.path());
    for (const char* table : {"tickets", "audit_events", "sequences"}) {
        EXPECT_EQ(raw.integer(std::string("SELECT count(*) FROM ") + table), 0) << table;
    }
    EXPECT_EQ(store->create(opening()).value().number, "N-1");
}

TEST_F(sqlite_store, two_stores_on_one_file_write_concurrently_without_busy_errors) {
    constexpr int per_thread = 100;
    std::vector<std::string> failures;
    std::mutex failures_mutex;
    auto writer = [&] {
        auto store = open_store(file);
        for (int i = 0; i < per_thread; ++i) {
            auto created = store->create(opening());
            auto updated = created ? store->update(assigning(*created)) : Result<void>{};
            if (created && updated) continue;
            std::lock_guard lock(failures_mutex);
            failures.push_back(created ? updated.error().message : created.error().message);
        }
    };
    open_store(file);  // create the schema before the race
    std::thread first(writer);
    std::thread second(writer);
    first.join();
    second.join();
    EXPECT_TRUE(failures.empty()) << failures.front();

    auto store = open_store(file);
    TicketQuery all;
    all.limit = TicketQuery::max_limit;
    const auto tickets = store->find(all).value().items;
    ASSERT_EQ(tickets.size(), 2u * per_thread);
    std::set<std::string> numbers;
    for (const Ticket& t : tickets) {
        numbers.insert(t.number);
        EXPECT_EQ(t.version, 2u);
        EXPECT_EQ(store->audit_trail(t.id).value().size(), 2u);
    }
    EXPECT_EQ(numbers.size(), 2u * per_thread);
    EXPECT_EQ(store->next_sequence("K").value(), 2u * per_thread + 1);
}

TEST_F(sqlite_store, a_lock_held_beyond_the_busy_timeout_is_a_typed_error_and_the_store_recovers) {
    SqliteOptions options{file.path()};
    options.busy_timeout = std::chrono::milliseconds{50};
    auto store = SqliteStore::open(options).value();
    RawDatabase other_process(file.path());
    ASSERT_EQ(other_process.exec("BEGIN IMMEDIATE"), SQLITE_OK);
    const auto refused = store->create(opening());
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "busy timeout");
    expect_storage_failure(store->next_sequence("K"), "busy timeout");

    ASSERT_EQ(other_process.exec("ROLLBACK"), SQLITE_OK);
    EXPECT_EQ(store->create(opening()).value().number, "N-1");
}

TEST_F(sqlite_store, a_store_opened_read_only_refuses_writes_with_a_typed_error) {
    const Ticket ticket = open_store(file)->create(opening()).value();
    SqliteOptions options{file.path()};
    options.read_only = true;
    auto store = SqliteStore::open(options).value();
    EXPECT_EQ(store->load(ticket.id).value(), ticket);
    const auto refused = store->create(opening());
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "read-only");
    expect_storage_failure(store->next_sequence("K"), "read-only");
    EXPECT_EQ(store->find({}).value().items.size(), 1u);
}

TEST_F(sqlite_store, a_write_protected_file_refuses_writes_with_a_typed_error) {
    if (::geteuid() == 0) GTEST_SKIP() << "root writes to write-protected files";
    open_store(file);
    std::filesystem::permissions(file.path(), std::filesystem::perms::owner_read);
    const auto opened = SqliteStore::open({file.path()});
    std::filesystem::permissions(file.path(), std::filesystem::perms::owner_all);
    if (!opened) return expect_storage_failure(opened.error(), "read-only");
    expect_storage_failure((*opened)->create(opening()).error(), "read-only");
}

// More damage, and how it is contained, in sqlite_damage_test.cpp.
TEST_F(sqlite_store, an_unreadable_stored_document_is_corrupt_naming_its_ticket) {
    auto store = open_store(file);
    const Ticket ticket = store->create(opening()).value();
    RawDatabase(file.path()).exec("UPDATE tickets SET document = '{\"title\": 7}'");
    const auto refused = store->load(ticket.id);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::corrupt);
    EXPECT_EQ(refused.error().ticket, ticket.id);
    EXPECT_NE(refused.error().message.find("unreadable"), std::string::npos);
}

// Every page after the first (the schema) overwritten: opening still works, and every read or
// write that meets a damaged page is a typed error saying the file is corrupt, never a crash.
TEST_F(sqlite_store, a_corrupt_file_gives_typed_errors_for_every_call) {
    TicketId id;
    {
        auto store = open_store(file);
        for (int i = 0; i < 20; ++i) id = store->create(opening()).value().id;
    }  // closing the last connection checkpoints the WAL into the file
    const auto size = std::filesystem::file_size(file.path());
    ASSERT_GT(size, 4096u * 3);
    {
        std::fstream bytes(file.path(), std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(4096);
        const std::string garbage(size - 4096, '\xA5');
        bytes.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto opened = SqliteStore::open({file.path()});
    ASSERT_TRUE(opened) << opened.error().message;
    auto& store = **opened;
    expect_storage_failure(store.load(id).error(), "corrupt");
    expect_storage_failure(store.load_by_number("N-1").error(), "corrupt");
    expect_storage_failure(store.create(opening()).error(), "corrupt");
    expect_storage_failure(store.find({}), "corrupt");
}

TEST_F(sqlite_store, a_full_database_refuses_the_whole_create_and_keeps_every_earlier_ticket) {
    auto store = open_capped(file, kSmallCap);
    const auto [created, refusal] = fill_until_refused(*store);
    ASSERT_GE(created.size(), 2u);
    expect_storage_failure(refusal, "the database is full");
    expect_storage_failure(refusal, "max_size_bytes = " + std::to_string(kSmallCap));
    expect_storage_failure(refusal, file.path().string());

    const std::string refused_number = "N-" + std::to_string(created.size() + 1);
    EXPECT_EQ(store->load_by_number(refused_number).error().code, ErrorCode::not_found);
    RawDatabase raw(file.path());
    const auto count = static_cast<std::int64_t>(created.size());
    EXPECT_EQ(raw.integer("SELECT count(*) FROM tickets"), count);
    EXPECT_EQ(raw.integer("SELECT count(*) FROM audit_events"), count);
    EXPECT_EQ(raw.integer("SELECT value FROM sequences WHERE key = 'K'"), count);
    EXPECT_EQ(
        raw.integer("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
    expect_intact(*store, created);
}

TEST_F(sqlite_store, a_full_database_refuses_an_update_that_grows_a_ticket_and_writes_nothing) {
    auto store = open_capped(file, kSmallCap);
    const auto created = fill_until_refused(*store).created;
    ASSERT_FALSE(created.empty());
    const Ticket& first = created.front();
    TicketUpdate growing = assigning(first);
    growing.ticket.description = std::string(2 * kSmallCap, 'y');

    const auto refused = store->update(growing);
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "the database is full");
    EXPECT_EQ(store->load(first.id).value(), first);
    EXPECT_EQ(store->audit_trail(first.id).value().size(), 1u);
    expect_intact(*store, created);
    // A change that makes the ticket smaller frees pages, so it still fits.
    TicketUpdate shrinking = assigning(first);
    shrinking.ticket.description = "Paper jams.";
    ASSERT_TRUE(store->update(shrinking));
    EXPECT_EQ(store->load(first.id).value(), shrinking.ticket);
}

TEST_F(sqlite_store, reopening_a_full_database_with_a_larger_cap_or_none_accepts_writes_again) {
    std::vector<Ticket> created;
    {
        auto store = open_capped(file, kSmallCap);
        created = fill_until_refused(*store).created;
    }
    // The cap is set again by every store that opens the file.
    expect_storage_failure(open_capped(file, kSmallCap)->create(bulky_opening()).error(), "full");
    auto store = open_capped(file, 4 * kSmallCap);
    const Ticket next = store->create(bulky_opening()).value();
    EXPECT_EQ(next.number, "N-" + std::to_string(created.size() + 1));  // no gap
    created.push_back(next);
    store = open_capped(file, std::nullopt);
    created.push_back(store->create(bulky_opening()).value());
    expect_intact(*store, created);
}

TEST_F(sqlite_store, a_cap_below_the_schema_refuses_to_create_the_file) {
    SqliteOptions options{file.path()};
    options.max_size_bytes = 1;  // one page: not even room for the schema
    const auto refused = SqliteStore::open(options);
    ASSERT_FALSE(refused);
    expect_storage_failure(refused.error(), "the database is full");
}

}  // namespace
}  // namespace ticketflow::testing

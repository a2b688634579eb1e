// Group commit in SqliteStore: concurrent writes share transactions and flushes, yet each one
// succeeds or fails on its own and returns only after the commit that holds it. (The conformance
// suites also run against a group-committing store.)
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/ticketflow.hpp>

#include "support/engine_fixture.hpp"
#include "support/faulty_vfs.hpp"
#include "support/sqlite_file.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

constexpr int kThreads = 8;
constexpr int kNotesPerThread = 60;

class sqlite_group_commit : public ::testing::Test {
  protected:
    FaultyVfs vfs{"ticketflow-counting"};  // counts the flushes; no fault is armed
    TempDatabase file;

    std::unique_ptr<SqliteStore> open_store(std::size_t group_commit) const {
        SqliteOptions options;
        options.path = file.path();
        options.vfs = vfs.name();
        options.group_commit = group_commit;
        return SqliteStore::open(options).value();
    }

    /// Adds notes from `kThreads` threads through an engine, each thread to its own ticket, and
    /// returns how many flushes to disk that took.
    std::uint64_t flushes_for_concurrent_notes(std::size_t group_commit) {
        Engine engine{std::shared_ptr<Store>(open_store(group_commit)),
                      std::make_shared<ManualClock>(from_unix_seconds(1696118400))};
        std::vector<TicketId> tickets;
        for (int t = 0; t < kThreads; ++t)
            tickets.push_back(engine.open(sample_draft(), kCustomer)->id);
        const std::uint64_t before = vfs.count(FaultyVfs::Operation::sync);
        std::atomic<int> failures{0};
        std::vector<std::thread> writers;
        for (int t = 0; t < kThreads; ++t) {
            writers.emplace_back([&, t] {
                for (int i = 0; i < kNotesPerThread; ++i) {
                    if (!engine.add_note(tickets[static_cast<std::size_t>(t)], kOwner, "checked")) {
                        ++failures;
                    }
                }
            });
        }
        for (auto& writer : writers) writer.join();
        EXPECT_EQ(failures.load(), 0);
        for (const TicketId id : tickets) {
            EXPECT_EQ(engine.get(id)->version, 1u + kNotesPerThread);
        }
        return vfs.count(FaultyVfs::Operation::sync) - before;
    }
};

TEST_F(sqlite_group_commit, concurrent_writes_share_flushes_and_all_arrive) {
    constexpr std::uint64_t writes = kThreads * kNotesPerThread;
    const std::uint64_t alone = flushes_for_concurrent_notes(1);
    EXPECT_GE(alone, writes);  // Durability::full: at least one flush per commit
    const std::uint64_t grouped = flushes_for_concurrent_notes(64);
    EXPECT_LT(grouped, writes / 2) << "commits were not shared";
}

// The first write holds the commit up while three more queue behind it; those three then share a
// transaction, in which one refuses (an error value) and one throws (a storage_failure for its
// caller: nothing thrown leaves a Store). The refused and the thrown unit leave nothing behind,
// their callers get their own outcome, and the fourth is stored.
TEST_F(sqlite_group_commit, a_refusing_or_throwing_unit_fails_alone) {
    auto store = open_store(64);
    std::atomic<bool> leader_inside{false};
    std::thread leader([&] {
        const auto slow = [&](std::uint64_t sequence) {
            leader_inside = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return n_number(sequence);
        };
        EXPECT_TRUE(store->create(opening("Printer jams", slow)));
    });
    while (!leader_inside) std::this_thread::yield();

    Result<Ticket> refused = Error{}, thrown = Error{}, kept = Error{};
    std::thread refusing([&] {
        refused = store->create(opening("Printer jams", [](std::uint64_t) -> Result<std::string> {
            return validation_error("number", "no numbers today");
        }));
    });
    std::thread throwing([&] {
        thrown = store->create(opening("Printer jams", [](std::uint64_t) -> Result<std::string> {
            throw std::runtime_error("the number service is down");
        }));
    });
    std::thread keeping([&] { kept = store->create(opening()); });
    for (auto* t : {&leader, &refusing, &throwing, &keeping}) t->join();

    EXPECT_EQ(refused.error().field, "number");
    ASSERT_FALSE(thrown);
    EXPECT_EQ(thrown.error().code, ErrorCode::storage_failure);
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(kept->number, "N-2");
    TicketQuery all;
    EXPECT_EQ(store->find(all).value().items.size(), 2u);
    EXPECT_EQ(store->next_sequence("K").value(), 3u);
}

// A commit that fails fails every unit that shared it; nothing of any of them is stored, and the
// store goes on working.
TEST_F(sqlite_group_commit, a_failed_shared_commit_fails_every_unit_in_it) {
    auto store = open_store(64);
    ASSERT_TRUE(store->create(opening()));
    vfs.fail_writes_after(0);
    std::vector<std::thread> writers;
    std::atomic<int> failed{0};
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&] {
            const auto result = store->create(opening());
            if (!result && result.error().code == ErrorCode::storage_failure) ++failed;
        });
    }
    for (auto& writer : writers) writer.join();
    vfs.heal();
    EXPECT_EQ(failed.load(), kThreads);
    EXPECT_EQ(store->find({}).value().items.size(), 1u);
    EXPECT_EQ(store->create(opening())->number, "N-2");
}

}  // namespace
}  // namespace ticketflow::testing

// Several processes on one SQLite file. kill -9 at random moments: a child process (store_child)
// runs commands and reports each acknowledged one; after every kill the file must hold every
// acknowledged command, pass SQLite's integrity check, and no ticket may lack its audit events.
// And four processes adding notes to one ticket at once: no busy error, not one note lost.

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>
#include <ticketflow/ticketflow.hpp>

#include "support/killed_child.hpp"
#include "support/sqlite_file.hpp"

namespace ticketflow {
namespace {

using namespace std::chrono_literals;

/// Kills per run: 50 in the test suite; TICKETFLOW_CRASH_ROUNDS=200 (or more) for the longer run
/// docs/reliability.md describes.
int crash_rounds() {
    const char* rounds = std::getenv("TICKETFLOW_CRASH_ROUNDS");
    return rounds != nullptr ? std::max(1, std::atoi(rounds)) : 50;
}

/// Highest acknowledged version per ticket id.
using Acknowledged = std::map<std::uint64_t, std::uint64_t>;

/// What one writer acknowledged before it was killed.
struct Round {
    Acknowledged acked;
    std::size_t commands = 0;
};

/// Runs the writer for `run_for`, kills it with SIGKILL and returns what it acknowledged.
Round run_and_kill(const std::string& database, std::uint64_t seed,
                   std::chrono::milliseconds run_for) {
    const std::string text = testing::run_and_kill(
        {TICKETFLOW_STORE_CHILD, "until-killed", database, std::to_string(seed)}, run_for);
    Round round;
    for (const std::string& line : testing::whole_lines(text)) {
        std::uint64_t id = 0, version = 0;
        std::istringstream(line) >> id >> version;
        round.acked[id] = std::max(round.acked[id], version);
        ++round.commands;
    }
    return round;
}

std::string integrity(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    sqlite3_open(path.string().c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    std::string verdict = sqlite3_step(stmt) == SQLITE_ROW
                              ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                              : "no answer";
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return verdict;
}

/// Every acknowledged command is stored, and every stored ticket has a gapless audit trail
/// with at least one event per version.
void expect_consistent(SqliteStore& store, const Acknowledged& acked) {
    for (const auto& [id, version] : acked) {
        const auto ticket = store.load(TicketId{id});
        ASSERT_TRUE(ticket) << "acknowledged ticket #" << id << " is gone";
        EXPECT_GE(ticket->version, version) << "ticket #" << id << " lost a command";
    }
    TicketQuery all;
    all.limit = TicketQuery::max_limit;
    for (;;) {
        const Page<Ticket> page = store.find(all).value();
        for (const Ticket& ticket : page.items) {
            const auto trail = store.audit_trail(ticket.id).value();
            ASSERT_GE(trail.size(), ticket.version) << "ticket #" << ticket.id.value();
            for (std::size_t i = 0; i < trail.size(); ++i) {
                ASSERT_EQ(trail[i].sequence, i + 1) << "ticket #" << ticket.id.value();
            }
        }
        if (!page.next_after) break;
        all.after = *page.next_after;
    }
}

TEST(sqlite_store_crash, acknowledged_commands_survive_kill_9_at_random_moments) {
    testing::TempDatabase file;
    std::mt19937_64 rng(20241124);
    Acknowledged acked;
    std::size_t commands = 0;  // acknowledged over all rounds
    const int rounds = crash_rounds();
    for (int round = 0; round < rounds; ++round) {
        const auto run_for = std::chrono::milliseconds(30 + rng() % 170);
        const Round this_round = run_and_kill(file.path().string(), rng(), run_for);
        for (const auto& [id, version] : this_round.acked) {
            acked[id] = std::max(acked[id], version);
        }
        commands += this_round.commands;
        ASSERT_EQ(integrity(file.path()), "ok") << "round " << round;
        auto store = SqliteStore::open({file.path()});
        ASSERT_TRUE(store) << store.error().message;
        expect_consistent(**store, acked);
        if (::testing::Test::HasFatalFailure()) return;
    }
    EXPECT_GT(commands, static_cast<std::size_t>(rounds));
    std::cout << rounds << " kills, " << commands << " commands on " << acked.size()
              << " tickets acknowledged, all present\n";
}

TEST(sqlite_store_processes, four_writers_on_one_ticket_lose_nothing_and_never_see_busy) {
    constexpr int kWriters = 4;
    constexpr int kNotes = 2000;
    testing::TempDatabase file;
    TicketId ticket;
    {
        Engine engine{std::shared_ptr<Store>(SqliteStore::open({file.path()}).value()),
                      std::make_shared<SystemClock>()};
        TicketDraft draft;
        draft.customer.id = CustomerId{"cust-1"};
        draft.customer.name = "华东精密制造有限公司";
        draft.title = "Shared ticket";
        draft.description = "Four processes write to it at once";
        draft.category = "hardware_fault";
        ticket = engine.open(draft, Actor::customer("cust-1")).value().id;
    }
    std::vector<pid_t> children;
    const std::string id_text = std::to_string(ticket.value());
    const std::string count_text = std::to_string(kNotes);
    for (int i = 0; i < kWriters; ++i) {
        const pid_t child = ::fork();
        if (child == 0) {
            ::execl(TICKETFLOW_STORE_CHILD, TICKETFLOW_STORE_CHILD, "notes", file.path().c_str(),
                    id_text.c_str(), count_text.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        children.push_back(child);
    }
    for (const pid_t child : children) {
        int status = 0;
        ::waitpid(child, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << "a writer failed (status " << status << "); see its stderr above";
    }
    auto store = SqliteStore::open({file.path()}).value();
    const Ticket shared = store->load(ticket).value();
    EXPECT_EQ(shared.version, 1u + kWriters * kNotes);
    std::size_t notes = 0;
    for (const AuditEvent& event : store->audit_trail(ticket).value())
        notes += event.action == "add_note";
    EXPECT_EQ(notes, static_cast<std::size_t>(kWriters * kNotes));
    EXPECT_EQ(integrity(file.path()), "ok");
}

}  // namespace
}  // namespace ticketflow

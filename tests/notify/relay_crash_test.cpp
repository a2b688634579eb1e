// kill -9 between commit and send. A child process (store_child) runs commands whose
// notifications the standard rules write into the outbox, and is killed at random moments; after
// the restart a relay delivers what is left. Every committed notification reaches the receiver,
// none that was not committed does, and a key reaches it twice only when the child died between
// handing it over and recording that: the receiver's dedupe by key makes that once.
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/notify/notifiers.hpp>
#include <ticketflow/notify/relay.hpp>
#include <ticketflow/storage/sqlite_store.hpp>

#include "support/killed_child.hpp"
#include "support/sqlite_file.hpp"

namespace ticketflow::testing {
namespace {

using namespace std::chrono_literals;

/// Kills per run: 20 in the test suite; TICKETFLOW_CRASH_ROUNDS sets more.
int crash_rounds() {
    const char* rounds = std::getenv("TICKETFLOW_CRASH_ROUNDS");
    return rounds != nullptr ? std::max(1, std::atoi(rounds)) : 20;
}

/// How often the receiver got each key. A line the kill cut short was never delivered (the
/// notifier had not returned), and is left out.
std::map<std::string, int> received(const std::filesystem::path& inbox) {
    std::map<std::string, int> keys;
    std::ifstream in(inbox);
    for (std::string line; std::getline(in, line);) {
        const auto parsed = nlohmann::json::parse(line, nullptr, false);
        if (!parsed.is_discarded()) ++keys[parsed["key"].get<std::string>()];
    }
    return keys;
}

std::vector<OutboxEntry> every_entry(Store& store) {
    std::vector<OutboxEntry> all;
    OutboxQuery query;
    query.limit = OutboxQuery::max_limit;
    for (;;) {
        auto page = store.outbox(query).value();
        if (page.empty()) return all;
        query.after = page.back().id;
        all.insert(all.end(), page.begin(), page.end());
    }
}

/// Kills the child `rounds` times, then delivers what is left with a relay of its own; returns
/// the outbox as stored at the end.
std::vector<OutboxEntry> crash_and_restart(const TempDatabase& file,
                                           const std::filesystem::path& inbox, int relay_every) {
    std::mt19937_64 rng(20261207 + relay_every);
    for (int round = 0; round < crash_rounds(); ++round) {
        const auto run_for = std::chrono::milliseconds(40 + rng() % 160);
        run_and_kill({TICKETFLOW_STORE_CHILD, "notify-until-killed", file.path().string(),
                      inbox.string(), std::to_string(rng()), std::to_string(relay_every)},
                     run_for);
    }
    auto store = std::shared_ptr<Store>(SqliteStore::open({file.path()}).value());
    // Past the leases the killed relays held, and their retry times.
    auto clock = std::make_shared<ManualClock>(SystemClock{}.now() + 2h);
    notify::Relay relay{store, clock};
    relay.add_notifier("email", std::make_shared<notify::JsonLinesNotifier>(inbox));
    relay.pump().value();
    return every_entry(*store);
}

TEST(relay_crash, notifications_committed_before_kill_9_are_delivered_once_after_restart) {
    TempDatabase file;
    const auto inbox = file.path().string() + ".inbox.jsonl";
    const auto entries = crash_and_restart(file, inbox, /*relay_every=*/0);
    ASSERT_GT(entries.size(), static_cast<std::size_t>(crash_rounds()));
    std::map<std::string, int> stored;
    for (const OutboxEntry& entry : entries) {
        EXPECT_EQ(entry.state, OutboxState::delivered) << entry.key;
        stored[entry.key] = 1;
    }
    // Nothing was sent before the restart, so every key arrives exactly once, and nothing that
    // was not committed arrives at all.
    EXPECT_EQ(received(inbox), stored);
    std::filesystem::remove(inbox);
}

TEST(relay_crash,
     a_relay_killed_while_delivering_loses_nothing_and_repeats_only_what_was_in_flight) {
    TempDatabase file;
    const auto inbox = file.path().string() + ".inbox.jsonl";
    const auto entries = crash_and_restart(file, inbox, /*relay_every=*/3);
    const auto keys = received(inbox);
    std::size_t repeats = 0;
    for (const OutboxEntry& entry : entries) {
        EXPECT_EQ(entry.state, OutboxState::delivered) << entry.key;
        const auto got = keys.find(entry.key);
        ASSERT_NE(got, keys.end()) << "lost: " << entry.key;
        repeats += static_cast<std::size_t>(got->second - 1);
    }
    EXPECT_EQ(keys.size(), entries.size()) << "a key that was never committed was delivered";
    // A relay hands over one entry at a time: each kill repeats at most the one in its hands.
    EXPECT_LE(repeats, static_cast<std::size_t>(crash_rounds()));
    std::cout << crash_rounds() << " kills, " << entries.size() << " notifications, " << repeats
              << " handed over twice (deduplicated by key)\n";
    std::filesystem::remove(inbox);
}

}  // namespace
}  // namespace ticketflow::testing

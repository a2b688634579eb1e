// The relay over every store: each notification delivered once, failures retried with growing,
// jittered delays and given up after too many attempts, re-driven, taken over from a relay that
// died holding it, and never delivered twice by relays racing each other.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/notify/background_relay.hpp>
#include <ticketflow/notify/notifiers.hpp>
#include <ticketflow/notify/relay.hpp>

#include "support/faulty_vfs.hpp"
#include "support/sqlite_file.hpp"
#include "support/store_kinds.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

using namespace std::chrono_literals;
using notify::Delivery;
using notify::Relay;
using notify::RelayOptions;

/// A receiver that remembers every key it was handed, and fails as told.
class Receiver {
  public:
    std::function<Delivery(const OutboxEntry&)> failing_first(int failures) {
        return [this, failures](const OutboxEntry& entry) {
            std::lock_guard lock(mutex_);
            if (static_cast<int>(calls_[entry.key]++) < failures) {
                return Delivery::failure("HTTP 503");
            }
            ++delivered_[entry.key];
            return Delivery::ok();
        };
    }
    std::map<std::string, int> delivered() const {
        std::lock_guard lock(mutex_);
        return delivered_;
    }

  private:
    mutable std::mutex mutex_;
    std::map<std::string, unsigned> calls_;
    std::map<std::string, int> delivered_;
};

template <class Kind>
class relay : public ::testing::Test {
  protected:
    std::shared_ptr<Store> store = Kind::make();
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    Receiver receiver;

    /// Opens a ticket whose opening causes `count` e-mails, to r0, r1, ….
    Ticket open_with_emails(int count) {
        TicketCreation creation = opening();
        creation.ticket.created_at = clock->now();
        creation.events[0].at = clock->now();
        for (int i = 0; i < count; ++i) {
            creation.outbox.push_back({0, "email", "r" + std::to_string(i), R"({"n": 1})", {}});
        }
        return store->create(creation).value();
    }

    std::unique_ptr<Relay> relay_named(std::string name, int failures = 0,
                                       std::uint32_t max_attempts = 8) {
        RelayOptions options;
        options.name = std::move(name);
        options.max_attempts = max_attempts;
        auto made = std::make_unique<Relay>(store, clock, options);
        made->add_notifier(
            "email", std::make_shared<notify::CallbackNotifier>(receiver.failing_first(failures)));
        return made;
    }

    OutboxEntry only_entry() { return store->outbox({}).value().at(0); }
};

TYPED_TEST_SUITE(relay, StoreKinds, StoreKindNames);

TYPED_TEST(relay, delivers_each_due_notification_once) {
    this->open_with_emails(20);
    const auto report = this->relay_named("relay-1")->pump().value();
    EXPECT_EQ(report.delivered, 20u);
    EXPECT_EQ(this->relay_named("relay-2")->pump().value(), notify::PumpReport{});
    const auto delivered = this->receiver.delivered();
    ASSERT_EQ(delivered.size(), 20u);
    for (const auto& [key, times] : delivered) EXPECT_EQ(times, 1) << key;
}

TYPED_TEST(relay, retries_with_growing_jittered_delays_then_delivers) {
    this->open_with_emails(1);
    auto relay = this->relay_named("relay-1", 2);
    EXPECT_EQ(relay->pump().value().retried, 1u);
    const OutboxEntry first = this->only_entry();
    const auto first_delay = first.due_at - this->clock->now();
    EXPECT_GE(first_delay, 24s);  // 30 s ± 20 %
    EXPECT_LE(first_delay, 36s);
    EXPECT_EQ(relay->pump().value(), notify::PumpReport{});  // not due yet

    this->clock->set(first.due_at);
    EXPECT_EQ(relay->pump().value().retried, 1u);
    const OutboxEntry second = this->only_entry();
    EXPECT_GE(second.due_at - this->clock->now(), 48s);  // 60 s ± 20 %
    EXPECT_EQ(second.attempts, 2u);
    EXPECT_EQ(second.last_error, "HTTP 503");

    this->clock->set(second.due_at);
    EXPECT_EQ(relay->pump().value().delivered, 1u);
    EXPECT_EQ(this->only_entry().attempts, 3u);  // three attempts recorded, one delivery
    EXPECT_EQ(this->receiver.delivered().begin()->second, 1);
}

TYPED_TEST(relay, gives_up_after_max_attempts_and_a_redrive_delivers) {
    this->open_with_emails(1);
    auto relay = this->relay_named("relay-1", 3, 3);
    for (int i = 0; i < 3; ++i) {
        relay->pump().value();
        this->clock->advance(1h);
    }
    OutboxEntry dead = this->only_entry();
    EXPECT_EQ(dead.state, OutboxState::dead);
    EXPECT_EQ(dead.last_error, "HTTP 503 (gave up after 3 attempts)");
    EXPECT_EQ(relay->pump().value(), notify::PumpReport{});

    ASSERT_TRUE(this->store->redrive_outbox(dead.id, this->clock->now()));
    EXPECT_EQ(relay->pump().value().delivered, 1u);
    EXPECT_EQ(this->receiver.delivered().size(), 1u);
}

TYPED_TEST(relay, an_unknown_channel_or_a_rejection_is_dead_at_once) {
    TicketCreation creation = opening();
    creation.outbox = {{0, "sms", "138", "{}", {}}, {0, "email", "bad@", "{}", {}}};
    this->store->create(creation).value();
    Relay relay(this->store, this->clock);
    relay.add_notifier("email", std::make_shared<notify::CallbackNotifier>([](const OutboxEntry&) {
                           return Delivery::rejection("invalid address");
                       }));
    EXPECT_EQ(relay.pump().value().dead, 2u);
    const auto entries = this->store->outbox({}).value();
    EXPECT_EQ(entries[0].last_error, "no notifier for channel 'sms'");
    EXPECT_EQ(entries[1].last_error, "invalid address");
}

// The process died after the commit, and its relay died holding a lease: after the lease
// expires another relay delivers every key, exactly once.
TYPED_TEST(relay, a_relay_that_died_holding_leases_leaves_them_to_the_next) {
    this->open_with_emails(5);
    const auto held = this->store->lease_outbox({"crashed", this->clock->now(), 60s, 16}).value();
    ASSERT_EQ(held.size(), 5u);
    auto survivor = this->relay_named("relay-2");
    EXPECT_EQ(survivor->pump().value(), notify::PumpReport{});  // the lease is still live
    this->clock->advance(61s);
    EXPECT_EQ(survivor->pump().value().delivered, 5u);
    for (const auto& [key, times] : this->receiver.delivered()) EXPECT_EQ(times, 1) << key;
}

TYPED_TEST(relay, relays_racing_on_one_store_never_deliver_twice) {
    this->open_with_emails(120);
    std::vector<std::unique_ptr<Relay>> relays;
    for (int r = 0; r < 4; ++r) relays.push_back(this->relay_named("relay-" + std::to_string(r)));
    std::vector<std::thread> threads;
    std::atomic<std::size_t> delivered{0};
    for (auto& relay : relays) {
        threads.emplace_back([&, r = relay.get()] { delivered += r->pump().value().delivered; });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(delivered.load(), 120u);
    const auto received = this->receiver.delivered();
    ASSERT_EQ(received.size(), 120u);
    for (const auto& [key, times] : received) EXPECT_EQ(times, 1) << key;
}

TYPED_TEST(relay, a_background_relay_delivers_on_its_own_thread) {
    this->open_with_emails(3);
    auto relay = this->relay_named("relay-1");
    std::atomic<std::size_t> delivered{0};
    notify::BackgroundRelay pumping{
        *relay, 5ms, [&](const notify::PumpReport& report) { delivered += report.delivered; }};
    for (int i = 0; i < 400 && delivered.load() < 3; ++i) std::this_thread::sleep_for(5ms);
    pumping.stop();
    EXPECT_EQ(delivered.load(), 3u);
    EXPECT_GE(pumping.pumps(), 1u);
    EXPECT_EQ(pumping.failures(), 0u);
}

TEST(relay_options, are_checked) {
    const auto refusal = [](RelayOptions options) {
        auto relay = Relay::create(std::make_shared<MemoryStore>(), std::make_shared<SystemClock>(),
                                   options);
        return relay ? std::string("accepted") : relay.error().field;
    };
    RelayOptions nameless;
    nameless.name = "";
    EXPECT_EQ(refusal(nameless), "name");
    RelayOptions shaky;
    shaky.jitter = 1.5;
    EXPECT_EQ(refusal(shaky), "jitter");
    RelayOptions hasty;
    hasty.first_retry = 0s;
    EXPECT_EQ(refusal(hasty), "first_retry");
    EXPECT_EQ(refusal(RelayOptions{}), "accepted");
}

TEST(relay_options, the_constructor_throws_the_error_create_returns) {
    RelayOptions shaky;
    shaky.jitter = 1.5;
    try {
        Relay(std::make_shared<MemoryStore>(), std::make_shared<SystemClock>(), shaky);
        FAIL() << "accepted";
    } catch (const Exception& e) {
        EXPECT_EQ(e.error().field, "jitter");
        EXPECT_EQ(e.code(), ErrorCode::validation_failed);
    }
    const auto storeless = Relay::create(nullptr, std::make_shared<SystemClock>());
    ASSERT_FALSE(storeless);
    EXPECT_EQ(storeless.error().field, "store");
}

// A relay over a SQLite store whose disk stops taking writes: leasing fails.
class relay_on_a_failing_disk : public ::testing::Test {
  protected:
    FaultyVfs vfs{"ticketflow-faulty-relay"};  // first: it outlives the store
    TempDatabase file;
    std::shared_ptr<Store> store = open_store();
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    std::atomic<int> delivered{0};

    std::shared_ptr<Store> open_store() const {
        SqliteOptions options;
        options.path = file.path();
        options.vfs = vfs.name();
        return SqliteStore::open(options).value();
    }

    std::unique_ptr<Relay> relay_with_two_emails() {
        TicketCreation creation = opening();
        creation.ticket.created_at = clock->now();
        creation.events[0].at = clock->now();
        for (const char* to : {"r0", "r1"}) {
            creation.outbox.push_back({0, "email", to, R"({"n": 1})", {}});
        }
        store->create(creation).value();
        auto relay = Relay::create(store, clock).value();
        relay->add_notifier("email", std::make_shared<notify::CallbackNotifier>([this](auto&) {
                                ++delivered;
                                return Delivery::ok();
                            }));
        return relay;
    }
};

TEST_F(relay_on_a_failing_disk, pump_returns_the_store_error_and_loses_nothing) {
    auto relay = relay_with_two_emails();
    vfs.fail_writes_after(0);
    const auto failed = relay->pump();
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::storage_failure);
    EXPECT_EQ(delivered.load(), 0);

    vfs.heal();
    const auto report = relay->pump();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->delivered, 2u);
    EXPECT_EQ(delivered.load(), 2);
}

TEST_F(relay_on_a_failing_disk, a_background_relay_counts_the_failure_and_delivers_later) {
    auto relay = relay_with_two_emails();
    vfs.fail_writes_after(0);
    notify::BackgroundRelay pumping{*relay, 5ms};
    for (int i = 0; i < 400 && pumping.failures() == 0; ++i) std::this_thread::sleep_for(5ms);
    EXPECT_GE(pumping.failures(), 1u);
    ASSERT_TRUE(pumping.last_error());
    EXPECT_EQ(pumping.last_error()->code, ErrorCode::storage_failure);
    EXPECT_EQ(delivered.load(), 0);

    vfs.heal();
    for (int i = 0; i < 400 && delivered.load() < 2; ++i) std::this_thread::sleep_for(5ms);
    pumping.stop();
    EXPECT_EQ(delivered.load(), 2);
}

TEST(json_lines_notifier, appends_one_line_per_delivery) {
    const auto path = std::filesystem::temp_directory_path() / "ticketflow-notifications.jsonl";
    std::filesystem::remove(path);
    notify::JsonLinesNotifier file(path);
    OutboxEntry entry;
    entry.key = "HT202310010001/1/email/li@example.com";
    entry.ticket = TicketId{1};
    entry.channel = "email";
    entry.recipient = "li@example.com";
    entry.payload = R"({"template": "acknowledgement"})";
    EXPECT_EQ(file.deliver(entry).outcome, Delivery::Outcome::delivered);
    entry.payload = "plain text";
    EXPECT_EQ(file.deliver(entry).outcome, Delivery::Outcome::delivered);
    std::ifstream in(path);
    std::string first, second;
    std::getline(in, first);
    std::getline(in, second);
    EXPECT_EQ(nlohmann::json::parse(first)["payload"]["template"], "acknowledgement");
    EXPECT_EQ(nlohmann::json::parse(second)["payload"], "plain text");
    EXPECT_EQ(nlohmann::json::parse(second)["key"], entry.key);
    std::filesystem::remove(path);
}

TEST(json_lines_notifier, starts_a_new_line_after_a_line_torn_by_a_crash) {
    const auto path = std::filesystem::temp_directory_path() / "ticketflow-torn.jsonl";
    std::ofstream(path, std::ios::binary) << R"({"key": "a"})"
                                          << "\n"
                                          << R"({"key": "b", "tick)";
    OutboxEntry entry;
    entry.key = "HT202310010001/1/email/\xff@example.com";  // not UTF-8: replaced, not refused
    entry.recipient = "\xff@example.com";
    {
        notify::JsonLinesNotifier file(path);
        EXPECT_EQ(file.deliver(entry).outcome, Delivery::Outcome::delivered);
    }
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_TRUE(nlohmann::json::parse(lines[1], nullptr, false).is_discarded());
    EXPECT_EQ(nlohmann::json::parse(lines[2])["key"],
              "HT202310010001/1/email/\xEF\xBF\xBD@example.com");
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace ticketflow::testing

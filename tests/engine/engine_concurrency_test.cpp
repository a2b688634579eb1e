// Commands from many threads: nothing lost, nothing doubled, versions and audit trails agree.
#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"

namespace ticketflow::testing {
namespace {

class engine_concurrency : public EngineFixture {
  protected:
    // Every ticket's version counts its successful commands (+1 for opening), and its audit trail
    // has exactly one entry per version, numbered without gaps.
    void expect_consistent(const std::vector<Ticket>& tickets, std::size_t successes) {
        std::size_t changes = 0;
        for (const Ticket& t : tickets) {
            const Ticket now = engine.get(t.id).value();
            const auto trail = engine.audit_trail(t.id).value();
            ASSERT_EQ(trail.size(), now.version);
            for (std::size_t i = 0; i < trail.size(); ++i) ASSERT_EQ(trail[i].sequence, i + 1);
            changes += now.version - 1;
        }
        EXPECT_EQ(changes, successes);
    }

    std::vector<Ticket> open_many(int count) {
        std::vector<Ticket> tickets;
        for (int i = 0; i < count; ++i) tickets.push_back(open("t" + std::to_string(i)));
        return tickets;
    }
};

// One thread's share of the load: notes and priority changes spread over all tickets. Some priority
// changes are refused (already at that priority); those must leave no trace.
std::size_t hammer(Engine& engine, const std::vector<Ticket>& tickets, int thread, int commands) {
    std::size_t succeeded = 0;
    const Priority priorities[] = {Priority::high, Priority::medium, Priority::low};
    for (int i = 0; i < commands; ++i) {
        const TicketId id = tickets[(i * 7 + thread * 13) % tickets.size()].id;
        const Actor actor = Actor::agent("agent-" + std::to_string(thread));
        const bool ok =
            i % 3 == 0
                ? engine.change_priority(id, actor, priorities[(i / 3) % 3], "load").has_value()
                : engine.add_note(id, actor, "note " + std::to_string(i)).has_value();
        succeeded += ok ? 1 : 0;
    }
    return succeeded;
}

TEST_F(engine_concurrency, eight_threads_lose_no_command_on_one_engine) {
    const auto tickets = open_many(100);
    std::atomic<std::size_t> successes{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] { successes += hammer(engine, tickets, t, 10'000); });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_GT(successes.load(), 8u * 10'000 * 2 / 3);
    expect_consistent(tickets, successes);
}

TEST_F(engine_concurrency, engines_sharing_a_store_detect_conflicts_and_lose_nothing) {
    // Two engines over one store act like two application instances: they only have the store's
    // optimistic versioning between them, so some commands fail with version_conflict.
    const auto tickets = open_many(4);
    Engine other{store, clock};
    std::atomic<std::size_t> successes{0};
    std::atomic<std::size_t> conflicts{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            Engine& mine = t % 2 == 0 ? engine : other;
            for (int i = 0; i < 2'000; ++i) {
                const auto r = mine.add_note(tickets[i % tickets.size()].id, kOwner, "n");
                if (r)
                    ++successes;
                else if (r.error().code == ErrorCode::version_conflict)
                    ++conflicts;
                else
                    ADD_FAILURE() << r.error().message;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(successes + conflicts, 4u * 2'000);
    expect_consistent(tickets, successes);
}

// An engine starts a command from the ticket as it last saved it. When another engine has changed
// the ticket since, the stored ticket decides: a change goes through on top of the other's, a
// command the new state allows is not refused for the old one, and one it refuses names the state
// the ticket is really in.
TEST_F(engine_concurrency, an_engine_acts_on_another_engines_change_not_on_its_own_last_save) {
    const Ticket t = ticket_in(TicketState::assigned);  // saved by `engine`
    Engine other{store, clock};
    ASSERT_TRUE(other.start(t.id, kOwner));  // in progress, behind `engine`'s back

    const auto noted = engine.add_note(t.id, kOwner, "spare part ordered");
    ASSERT_TRUE(noted) << noted.error().message;
    EXPECT_EQ(noted->version, t.version + 2);
    ASSERT_TRUE(engine.request_info(t.id, kOwner, "Which firmware version?"));  // needs in_progress

    ASSERT_TRUE(other.customer_replied(t.id, kCustomer, "v2.1"));
    const auto refused = engine.customer_replied(t.id, kCustomer, "v2.1 again");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_transition);
    EXPECT_EQ(refused.error().state, TicketState::in_progress);
    expect_consistent({t}, engine.get(t.id)->version - 1);
}

TEST_F(engine_concurrency, eight_threads_open_100k_tickets_with_unique_gapless_numbers) {
    EngineConfig config;
    config.number_format = TicketNumberFormat::parse("HT{yyyy}{MM}{dd}{seq:6}").value();
    Engine numbering{store, clock, config};
    constexpr int kThreads = 8;
    constexpr int kPerThread = 12'500;
    std::vector<std::vector<std::string>> numbers(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                numbers[t].push_back(numbering.open(sample_draft(), kCustomer).value().number);
            }
        });
    }
    for (auto& thread : threads) thread.join();

    std::set<std::string> unique;
    for (const auto& list : numbers) unique.insert(list.begin(), list.end());
    ASSERT_EQ(unique.size(), std::size_t{kThreads * kPerThread});
    EXPECT_EQ(*unique.begin(), "HT20231001000001");
    EXPECT_EQ(*unique.rbegin(),
              "HT20231001100000");  // 100 000 distinct, first 1, last 100 000: no gaps
}

}  // namespace
}  // namespace ticketflow::testing

// The conformance suite every Store passes (the outbox has its own, outbox_conformance_test.cpp).
// A new backend joins by adding its kind to StoreKinds in support/store_kinds.hpp.
#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"
#include "support/store_kinds.hpp"

namespace ticketflow::testing {
namespace {

template <class Kind>
class store_conformance : public ::testing::Test {
  protected:
    std::shared_ptr<Store> store = Kind::make();

    static AuditEvent entry(std::string action) {
        AuditEvent e;
        e.at = from_unix_seconds(1696118400);
        e.actor = kOwner;
        e.action = std::move(action);
        return e;
    }

    TicketCreation creation(std::string key = "K", std::string prefix = "N-") {
        Ticket t;
        static_cast<TicketDraft&>(t) = sample_draft();
        t.version = 1;
        return {
            t, {entry("open")}, std::move(key), [prefix](std::uint64_t seq) -> Result<std::string> {
                return prefix + std::to_string(seq);
            }};
    }

    Ticket create(std::string key = "K", std::string prefix = "N-") {
        return store->create(creation(std::move(key), std::move(prefix))).value();
    }

    TicketUpdate change(Ticket t, std::string note) {
        const Version read = t.version;
        t.version = read + 1;
        AuditEvent e = entry("add_note");
        e.note = std::move(note);
        return {std::move(t), read, {std::move(e)}};
    }
};

TYPED_TEST_SUITE(store_conformance, StoreKinds, StoreKindNames);

TYPED_TEST(store_conformance, assigns_ids_and_numbers_and_loads_them_back) {
    const Ticket a = this->create();
    const Ticket b = this->create();
    EXPECT_LT(a.id.value(), b.id.value());
    EXPECT_EQ(a.number, "N-1");
    EXPECT_EQ(b.number, "N-2");
    EXPECT_EQ(this->store->load(a.id).value(), a);
    EXPECT_EQ(this->store->load_by_number("N-2").value(), b);
}

TYPED_TEST(store_conformance, keeps_sequences_per_key) {
    EXPECT_EQ(this->create("day-1").number, "N-1");
    EXPECT_EQ(this->create("day-2", "M-").number, "M-1");
    EXPECT_EQ(this->create("day-1").number, "N-2");
    EXPECT_EQ(this->store->next_sequence("day-1").value(), 3u);
    EXPECT_EQ(this->store->next_sequence("fresh").value(), 1u);
}

TYPED_TEST(store_conformance, a_failing_number_aborts_the_creation_and_keeps_the_sequence) {
    auto failing = this->creation();
    failing.number_for = [](std::uint64_t) -> Result<std::string> {
        Error e;
        e.code = ErrorCode::sequence_exhausted;
        return e;
    };
    const auto refused = this->store->create(failing);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::sequence_exhausted);
    EXPECT_TRUE(this->store->find({}).value().items.empty());
    EXPECT_EQ(this->create().number, "N-1");
}

TYPED_TEST(store_conformance, refuses_a_duplicate_number) {
    this->create("a");
    const auto duplicate = this->store->create(this->creation("b"));
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(this->store->find({}).value().items.size(), 1u);
    EXPECT_TRUE(this->store->audit_trail(TicketId{2}).value().empty());
}

TYPED_TEST(store_conformance, saves_a_change_against_the_expected_version) {
    const Ticket t = this->create();
    auto update = this->change(t, "first");
    update.ticket.title = "changed";
    ASSERT_TRUE(this->store->update(update));
    EXPECT_EQ(this->store->load(t.id)->title, "changed");
    EXPECT_EQ(this->store->load(t.id)->version, 2u);
}

TYPED_TEST(store_conformance, a_stale_version_is_a_conflict_that_writes_nothing) {
    const Ticket t = this->create();
    ASSERT_TRUE(this->store->update(this->change(t, "wins")));
    auto stale = this->change(t, "loses");
    stale.ticket.title = "lost";
    const auto refused = this->store->update(stale);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::version_conflict);
    EXPECT_EQ(this->store->load(t.id)->title, t.title);
    EXPECT_EQ(this->store->audit_trail(t.id).value().size(), 2u);
}

TYPED_TEST(store_conformance, reports_missing_tickets) {
    EXPECT_EQ(this->store->load(TicketId{9}).error().code, ErrorCode::not_found);
    EXPECT_EQ(this->store->load_by_number("nope").error().code, ErrorCode::not_found);
    Ticket ghost;
    ghost.id = TicketId{9};
    ghost.version = 2;
    EXPECT_EQ(this->store->update({ghost, 1, {}}).error().code, ErrorCode::not_found);
    EXPECT_TRUE(this->store->audit_trail(TicketId{9}).value().empty());
}

TYPED_TEST(store_conformance, numbers_audit_events_per_ticket_in_order) {
    const Ticket a = this->create();
    const Ticket b = this->create();
    ASSERT_TRUE(this->store->update(this->change(a, "a2")));
    ASSERT_TRUE(this->store->update(this->change(b, "b2")));
    const auto trail = this->store->audit_trail(a.id).value();
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[0].action, "open");
    EXPECT_EQ(trail[1].note, "a2");
    EXPECT_EQ(trail[1].ticket, a.id);
    EXPECT_EQ(trail[1].sequence, 2u);
}

TYPED_TEST(store_conformance, filters_and_pages_queries) {
    std::vector<Ticket> tickets;
    for (int i = 0; i < 7; ++i) tickets.push_back(this->create());
    auto update = this->change(tickets[3], "assign");
    update.ticket.owner = AgentId{"agent-1"};
    update.ticket.priority = Priority::urgent;
    ASSERT_TRUE(this->store->update(update));

    TicketQuery urgent;
    urgent.priority = Priority::urgent;
    EXPECT_EQ(this->store->find(urgent).value().items.size(), 1u);
    TicketQuery owned;
    owned.owner = AgentId{"agent-1"};
    owned.customer = CustomerId{"cust-1"};
    EXPECT_EQ(this->store->find(owned).value().items.at(0).id, tickets[3].id);

    TicketQuery paged;
    paged.limit = 3;
    std::vector<TicketId> seen;
    for (;;) {
        const auto page = this->store->find(paged).value();
        for (const auto& t : page.items) seen.push_back(t.id);
        if (!page.next_after) break;
        paged.after = *page.next_after;
    }
    ASSERT_EQ(seen.size(), 7u);
    for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], tickets[i].id);
}

TYPED_TEST(store_conformance, concurrent_sequence_allocation_has_no_duplicates_or_gaps) {
    std::vector<std::vector<std::uint64_t>> got(8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            // 4,000 in all: each is a durable commit, and a disk's flush takes milliseconds.
            for (int i = 0; i < 500; ++i)
                got[t].push_back(this->store->next_sequence("shared").value());
        });
    }
    for (auto& thread : threads) thread.join();
    std::set<std::uint64_t> all;
    for (const auto& list : got) all.insert(list.begin(), list.end());
    ASSERT_EQ(all.size(), 4'000u);
    EXPECT_EQ(*all.begin(), 1u);
    EXPECT_EQ(*all.rbegin(), 4'000u);
}

TYPED_TEST(store_conformance, concurrent_writers_on_one_ticket_never_both_win) {
    const Ticket t = this->create();
    std::atomic<int> wins{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            if (this->store->update(this->change(t, "w" + std::to_string(i)))) ++wins;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wins.load(), 1);
    EXPECT_EQ(this->store->audit_trail(t.id).value().size(), 2u);
}

TYPED_TEST(store_conformance, a_healthy_store_verifies_with_nothing_damaged) {
    EXPECT_EQ(this->store->verify().value(), std::vector<DamagedRecord>{});  // empty store
    const Ticket t = this->create();
    ASSERT_TRUE(this->store->update(this->change(t, "checked")));
    this->create("other-key", "M-");
    EXPECT_EQ(this->store->verify().value(), std::vector<DamagedRecord>{});
}

TYPED_TEST(store_conformance, pages_of_a_healthy_store_name_no_damaged_tickets) {
    for (int i = 0; i < 3; ++i) this->create();
    TicketQuery paged;
    paged.limit = 2;
    const auto first = this->store->find(paged).value();
    EXPECT_EQ(first.items.size(), 2u);
    EXPECT_TRUE(first.damaged.empty());
    paged.after = first.next_after.value();
    const auto last = this->store->find(paged).value();
    EXPECT_EQ(last.items.size(), 1u);
    EXPECT_TRUE(last.damaged.empty());
    EXPECT_FALSE(last.next_after);
}

TYPED_TEST(store_conformance, a_throwing_number_for_is_a_storage_failure_that_writes_nothing) {
    auto throwing = this->creation();
    throwing.number_for = [](std::uint64_t) -> Result<std::string> {
        throw std::runtime_error("the number service is down");
    };
    const auto refused = this->store->create(throwing);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::storage_failure);
    EXPECT_NE(refused.error().message.find("the number service is down"), std::string::npos)
        << refused.error().message;
    EXPECT_TRUE(this->store->find({}).value().items.empty());
    EXPECT_EQ(this->create().number, "N-1");  // the sequence did not move
}

TYPED_TEST(store_conformance, refuses_an_sla_record_it_could_not_read_back_and_writes_nothing) {
    auto opening = this->creation();
    opening.ticket.sla_clocks = "{not json";
    const auto refused = this->store->create(opening);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(refused.error().field, "sla_clocks");
    EXPECT_TRUE(this->store->find({}).value().items.empty());

    const Ticket t = this->create();
    auto update = this->change(t, "damaging");
    update.ticket.sla_clocks = "[1, 2";
    const auto not_saved = this->store->update(update);
    ASSERT_FALSE(not_saved);
    EXPECT_EQ(not_saved.error().field, "sla_clocks");
    EXPECT_EQ(this->store->load(t.id).value(), t);
    EXPECT_EQ(this->store->audit_trail(t.id).value().size(), 1u);
}

}  // namespace
}  // namespace ticketflow::testing

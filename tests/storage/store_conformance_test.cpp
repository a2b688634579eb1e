// The conformance suite every Store passes (the outbox has its own, outbox_conformance_test.cpp).
// A new backend joins by adding its kind to StoreKinds in support/store_kinds.hpp.
#include <atomic>
#include <chrono>
#include <mutex>
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

    std::vector<Ticket> all() const {
        TicketQuery query;
        query.limit = TicketQuery::max_limit;
        return store->find(query).value().items;
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

// Batches: the units of work of one thread in one transaction.

TYPED_TEST(store_conformance, a_batch_stores_every_unit_of_it_together) {
    const Ticket existing = this->create();
    std::vector<Ticket> opened;
    const auto stored = this->store->batch([&]() -> Result<void> {
        for (int i = 0; i < 3; ++i) opened.push_back(this->create());
        if (auto saved = this->store->update(this->change(existing, "in a batch")); !saved) {
            return saved;
        }
        EXPECT_EQ(this->store->next_sequence("other").value(), 1u);
        return {};
    });
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(opened.size(), 3u);
    EXPECT_EQ(opened[0].number, "N-2");
    EXPECT_EQ(opened[2].number, "N-4");
    for (const Ticket& t : opened) EXPECT_EQ(this->store->load(t.id).value(), t);
    EXPECT_EQ(this->store->load(existing.id)->version, 2u);
    EXPECT_EQ(this->store->audit_trail(existing.id).value().size(), 2u);
    EXPECT_EQ(this->store->next_sequence("other").value(), 2u);
    EXPECT_EQ(this->create().number, "N-5");
}

TYPED_TEST(store_conformance, reads_inside_a_batch_see_its_own_writes) {
    const Ticket before = this->create();
    const auto stored = this->store->batch([&]() -> Result<void> {
        const Ticket t = this->create();
        EXPECT_EQ(this->store->load(t.id).value(), t);
        EXPECT_EQ(this->store->load_by_number(t.number).value(), t);
        EXPECT_EQ(this->all().size(), 2u);
        EXPECT_EQ(this->store->audit_trail(t.id).value().size(), 1u);
        EXPECT_TRUE(this->store->update(this->change(before, "seen")));
        EXPECT_EQ(this->store->load(before.id)->version, 2u);
        EXPECT_EQ(this->store->audit_trail(before.id).value().size(), 2u);
        return {};
    });
    EXPECT_TRUE(stored);
}

TYPED_TEST(store_conformance, a_refused_unit_in_a_batch_changes_nothing_and_the_batch_goes_on) {
    const Ticket t = this->create();
    const auto stored = this->store->batch([&]() -> Result<void> {
        EXPECT_TRUE(this->store->update(this->change(t, "wins")));
        EXPECT_EQ(this->store->update(this->change(t, "loses")).error().code,
                  ErrorCode::version_conflict);
        auto exhausted = this->creation();
        exhausted.number_for = [](std::uint64_t) -> Result<std::string> {
            Error e;
            e.code = ErrorCode::sequence_exhausted;
            return e;
        };
        EXPECT_EQ(this->store->create(exhausted).error().code, ErrorCode::sequence_exhausted);
        auto throwing = this->creation();
        throwing.number_for = [](std::uint64_t) -> Result<std::string> {
            throw std::runtime_error("the number service is down");
        };
        EXPECT_EQ(this->store->create(throwing).error().code, ErrorCode::storage_failure);
        EXPECT_EQ(this->create().number, "N-2");  // the refused openings took no number
        return {};
    });
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(this->all().size(), 2u);
    const auto trail = this->store->audit_trail(t.id).value();
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[1].note, "wins");
    EXPECT_EQ(this->create().number, "N-3");
}

TYPED_TEST(store_conformance, a_batch_whose_work_fails_stores_nothing_of_it) {
    const Ticket t = this->create();
    const auto refused = this->store->batch([&]() -> Result<void> {
        this->create();
        this->create("day-2", "M-");
        EXPECT_TRUE(this->store->update(this->change(t, "undone")));
        EXPECT_EQ(this->store->next_sequence("other").value(), 1u);
        return validation_error("import", "row 3 is malformed");
    });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "import");
    EXPECT_EQ(this->all(), std::vector<Ticket>{t});
    EXPECT_EQ(this->store->load(t.id).value(), t);
    EXPECT_EQ(this->store->audit_trail(t.id).value().size(), 1u);
    EXPECT_EQ(this->store->next_sequence("other").value(), 1u);
    // The next ticket takes the id, number and trail the abandoned one had, without a gap.
    const Ticket next = this->create();
    EXPECT_EQ(next.number, "N-2");
    EXPECT_EQ(this->store->audit_trail(next.id).value().size(), 1u);
    EXPECT_EQ(this->create("day-2", "M-").number, "M-1");
}

TYPED_TEST(store_conformance, an_exception_leaving_a_batch_abandons_it_as_an_error) {
    const auto thrown = this->store->batch([&]() -> Result<void> {
        this->create();
        throw std::runtime_error("the import file vanished");
    });
    ASSERT_FALSE(thrown);
    EXPECT_EQ(thrown.error().code, ErrorCode::storage_failure);
    EXPECT_NE(thrown.error().message.find("the import file vanished"), std::string::npos);
    // A failed Result's value() inside the work: its own error comes back.
    const auto missing = this->store->batch([&]() -> Result<void> {
        this->create();
        (void)this->store->load(TicketId{99}).value();
        return {};
    });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
    EXPECT_TRUE(this->all().empty());
    EXPECT_EQ(this->create().number, "N-1");
}

TYPED_TEST(store_conformance, a_batch_inside_a_batch_is_refused_and_the_outer_goes_on) {
    const auto stored = this->store->batch([&]() -> Result<void> {
        this->create();
        const auto inner = this->store->batch([&]() -> Result<void> {
            ADD_FAILURE() << "the inner batch ran";
            return {};
        });
        EXPECT_EQ(inner.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(inner.error().field, "batch");
        this->create();
        return {};
    });
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(this->all().size(), 2u);
}

TYPED_TEST(store_conformance, a_store_batch_rolls_back_when_it_ends_without_commit) {
    {
        StoreBatch batch{*this->store};
        ASSERT_TRUE(batch.began());
        EXPECT_TRUE(batch.active());
        this->create();
    }
    EXPECT_TRUE(this->all().empty());
    StoreBatch batch{*this->store};
    this->create();
    ASSERT_TRUE(batch.commit());
    EXPECT_FALSE(batch.active());
    EXPECT_EQ(batch.commit().error().field, "batch");  // ended: nothing more to commit
    EXPECT_EQ(this->all().size(), 1u);
}

// Another thread's read sees the batch whole or not at all; its write waits for the batch and is
// stored on its own, whatever becomes of the batch.
TYPED_TEST(store_conformance, other_threads_see_a_batch_whole_and_write_apart_from_it) {
    const Ticket t = this->create();
    std::atomic<bool> batch_over{false};
    std::mutex seen_mutex;
    std::set<std::size_t> seen;
    std::thread reader;
    std::thread writer;
    Result<Ticket> written = Error{};
    const auto kept = this->store->batch([&]() -> Result<void> {
        this->create();
        reader = std::thread([&] {
            do {
                const std::size_t count = this->all().size();
                const std::lock_guard lock(seen_mutex);
                seen.insert(count);
            } while (!batch_over);
        });
        writer = std::thread([&] { written = this->store->create(this->creation("x", "M-")); });
        for (int i = 0; i < 4; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            this->create();
        }
        return {};
    });
    batch_over = true;
    reader.join();
    writer.join();
    ASSERT_TRUE(kept) << kept.error().message;
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(written->number, "M-1");
    EXPECT_EQ(this->all().size(), 7u);
    // 1 before the batch, 6 after it (7 with the other write): never a part of it.
    for (const std::size_t count : seen) {
        EXPECT_TRUE(count == 1 || count == 6 || count == 7) << count;
    }
    EXPECT_EQ(this->store->load(t.id).value(), t);
}

TYPED_TEST(store_conformance, another_threads_write_is_kept_when_a_batch_is_abandoned) {
    std::thread writer;
    Result<Ticket> written = Error{};
    const auto abandoned = this->store->batch([&]() -> Result<void> {
        for (int i = 0; i < 3; ++i) this->create();
        writer = std::thread([&] { written = this->store->create(this->creation("x", "M-")); });
        std::this_thread::sleep_for(std::chrono::milliseconds(30));  // it waits for the batch
        return validation_error("import", "abandoned");
    });
    writer.join();
    ASSERT_FALSE(abandoned);
    ASSERT_TRUE(written) << written.error().message;
    EXPECT_EQ(this->all(), std::vector<Ticket>{*written});
    EXPECT_EQ(written->id.value(), 1u);  // the batch's ids were never stored
}

}  // namespace
}  // namespace ticketflow::testing

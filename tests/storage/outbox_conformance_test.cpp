// The outbox part of the conformance suite: every Store stores notifications atomically with the
// change that causes them, once per idempotency key, and leases, settles and re-drives them the
// same way.
#include <map>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"
#include "support/store_kinds.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kOpened = from_unix_seconds(1696118400);  // 2023-10-01T00:00:00Z

OutboxMessage message(std::size_t event, std::string channel, std::string recipient,
                      std::optional<Timestamp> not_before = std::nullopt) {
    return {event, std::move(channel), std::move(recipient), R"({"text":"hello"})", not_before};
}

template <class Kind>
class outbox_conformance : public ::testing::Test {
  protected:
    std::shared_ptr<Store> store = Kind::make();

    static AuditEvent entry(std::string action, Timestamp at = kOpened) {
        AuditEvent e;
        e.at = at;
        e.actor = kOwner;
        e.action = std::move(action);
        return e;
    }

    /// Opens a ticket numbered N-1, N-2, … whose "open" event causes `outbox`.
    Ticket create(std::vector<OutboxMessage> outbox = {}) {
        Ticket t;
        static_cast<TicketDraft&>(t) = sample_draft();
        t.version = 1;
        TicketCreation creation{
            t, {entry("open")}, "K", [](std::uint64_t seq) -> Result<std::string> {
                return "N-" + std::to_string(seq);
            }};
        creation.outbox = std::move(outbox);
        return store->create(creation).value();
    }

    /// A change of `t` with one audit event at `at`, causing `outbox`.
    static TicketUpdate change(Ticket t, std::vector<OutboxMessage> outbox,
                               Timestamp at = kOpened) {
        const Version read = t.version;
        t.version = read + 1;
        TicketUpdate update{std::move(t), read, {entry("assign", at)}};
        update.outbox = std::move(outbox);
        return update;
    }

    std::vector<OutboxEntry> all(OutboxQuery query = {}) const {
        return store->outbox(query).value();
    }

    std::vector<OutboxEntry> lease(std::string owner, Timestamp now, std::size_t limit = 16,
                                   minutes duration = minutes{1}) {
        return store->lease_outbox({std::move(owner), now, duration, limit}).value();
    }

    Result<OutboxEntry> settle(const OutboxEntry& e, std::string owner, OutboxOutcome outcome,
                               Timestamp retry_at = {}) {
        return store->settle_outbox(
            {e.id, std::move(owner), kOpened + minutes{5}, outcome, "HTTP 503", retry_at});
    }
};

TYPED_TEST_SUITE(outbox_conformance, StoreKinds, StoreKindNames);

TYPED_TEST(outbox_conformance, stores_messages_with_the_change_that_causes_them) {
    const Ticket t = this->create({message(0, "email", "li@example.com")});
    const Timestamp later = kOpened + minutes{3};
    ASSERT_TRUE(this->store->update(this->change(
        t, {message(0, "webhook", "crm"), message(0, "sms", "138", later + minutes{60})}, later)));

    const auto entries = this->all();
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].key, "N-1/1/email/li@example.com");
    EXPECT_EQ(entries[1].key, "N-1/2/webhook/crm");
    EXPECT_EQ(entries[2].key, outbox_key("N-1", 2, "sms", "138"));
    EXPECT_LT(entries[0].id, entries[1].id);
    EXPECT_EQ(entries[1].ticket, t.id);
    EXPECT_EQ(entries[1].event_sequence, 2u);
    EXPECT_EQ(entries[1].payload, R"({"text":"hello"})");
    EXPECT_EQ(entries[1].state, OutboxState::pending);
    EXPECT_EQ(entries[1].created_at, later);
    EXPECT_EQ(entries[1].due_at, later);
    EXPECT_EQ(entries[2].due_at, later + minutes{60});
    EXPECT_EQ(entries[2].attempts, 0u);
    EXPECT_FALSE(entries[2].settled_at);
    EXPECT_TRUE(entries[2].lease_owner.empty());
}

TYPED_TEST(outbox_conformance, keeps_one_entry_per_idempotency_key) {
    this->create({message(0, "email", "li@example.com"), message(0, "email", "li@example.com"),
                  message(0, "email", "wang@example.com")});
    const auto entries = this->all();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].recipient, "wang@example.com");
}

TYPED_TEST(outbox_conformance, a_refused_unit_stores_none_of_its_messages) {
    const Ticket t = this->create();
    ASSERT_TRUE(this->store->update(this->change(t, {})));
    const auto stale = this->store->update(this->change(t, {message(0, "email", "li")}));
    EXPECT_EQ(stale.error().code, ErrorCode::version_conflict);

    const Ticket current = this->store->load(t.id).value();
    const auto invalid = this->store->update(
        this->change(current, {message(0, "email", "li"), message(1, "email", "wang")}));
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(invalid.error().field, "outbox[1].event");

    EXPECT_TRUE(this->all().empty());
    EXPECT_EQ(this->store->load(t.id)->version, 2u);
    EXPECT_EQ(this->store->audit_trail(t.id).value().size(), 2u);
}

TYPED_TEST(outbox_conformance, messages_quoting_the_assigned_number_are_stored_with_the_opening) {
    TicketCreation creation = opening();
    creation.outbox = {message(0, "email", "first@example.com")};
    creation.outbox_for = [](const Ticket& stored) {
        EXPECT_NE(stored.id, TicketId{});
        return std::vector<OutboxMessage>{{0, "sms", "+86 138 0000 0000",
                                           R"({"number":")" + stored.number + R"("})",
                                           std::nullopt}};
    };
    const Ticket t = this->store->create(creation).value();
    OutboxQuery query;
    query.ticket = t.id;
    const auto entries = this->store->outbox(query).value();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].recipient, "first@example.com");
    EXPECT_EQ(entries[1].key, "N-1/1/sms/+86 138 0000 0000");
    EXPECT_EQ(entries[1].payload, R"({"number":"N-1"})");
}

TYPED_TEST(outbox_conformance, a_bad_message_from_outbox_for_aborts_the_whole_opening) {
    TicketCreation creation = opening();
    creation.outbox_for = [](const Ticket&) {
        return std::vector<OutboxMessage>{message(3, "email", "li@example.com")};
    };
    const auto refused = this->store->create(creation);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(this->store->find({}).value().items.size(), 0u);
    EXPECT_TRUE(this->store->outbox({}).value().empty());
    // Nothing was used up: the next opening gets the first number.
    EXPECT_EQ(this->store->create(opening()).value().number, "N-1");
}

TYPED_TEST(outbox_conformance, refuses_a_message_without_channel_or_recipient) {
    const Ticket t = this->create();
    EXPECT_EQ(this->store->update(this->change(t, {message(0, "", "li")})).error().field,
              "outbox[0].channel");
    EXPECT_EQ(this->store->update(this->change(t, {message(0, "email", "")})).error().field,
              "outbox[0].recipient");
    EXPECT_EQ(this->store->load(t.id)->version, 1u);
}

TYPED_TEST(outbox_conformance, leases_due_entries_soonest_first_and_to_one_relay_at_a_time) {
    const Ticket t =
        this->create({message(0, "email", "a", kOpened + minutes{2}), message(0, "email", "b"),
                      message(0, "email", "later", kOpened + minutes{30})});
    ASSERT_TRUE(
        this->store->update(this->change(t, {message(0, "email", "c")}, kOpened + minutes{1})));
    const Timestamp now = kOpened + minutes{10};

    const auto first = this->lease("relay-1", now, 2);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].recipient, "b");  // due at kOpened
    EXPECT_EQ(first[1].recipient, "c");  // due a minute later
    EXPECT_EQ(first[0].lease_owner, "relay-1");
    EXPECT_EQ(first[0].lease_expires, now + minutes{1});

    const auto second = this->lease("relay-2", now, 16, minutes{5});
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].recipient, "a");  // "later" is not due yet
    EXPECT_TRUE(this->lease("relay-3", now).empty());

    // Relay 1 died: once its lease expires, its entries go to whoever asks; relay 2 keeps its own.
    const auto taken_over = this->lease("relay-3", now + minutes{1});
    ASSERT_EQ(taken_over.size(), 2u);
    EXPECT_EQ(taken_over[0].lease_owner, "relay-3");
}

TYPED_TEST(outbox_conformance, a_delivered_entry_is_done) {
    this->create({message(0, "email", "li")});
    const auto leased = this->lease("relay-1", kOpened);
    ASSERT_EQ(leased.size(), 1u);
    const auto settled = this->settle(leased[0], "relay-1", OutboxOutcome::delivered);
    ASSERT_TRUE(settled);
    EXPECT_EQ(settled->state, OutboxState::delivered);
    EXPECT_EQ(settled->attempts, 1u);
    EXPECT_EQ(settled->settled_at, kOpened + minutes{5});
    EXPECT_TRUE(settled->lease_owner.empty());
    EXPECT_FALSE(settled->lease_expires);
    EXPECT_EQ(this->all(), std::vector<OutboxEntry>{*settled});
    EXPECT_TRUE(this->lease("relay-2", kOpened + minutes{60}).empty());
}

TYPED_TEST(outbox_conformance, a_failed_attempt_is_retried_from_its_retry_time) {
    this->create({message(0, "webhook", "crm")});
    const auto leased = this->lease("relay-1", kOpened);
    const Timestamp retry_at = kOpened + minutes{7};
    const auto settled = this->settle(leased.at(0), "relay-1", OutboxOutcome::retry, retry_at);
    ASSERT_TRUE(settled);
    EXPECT_EQ(settled->state, OutboxState::pending);
    EXPECT_EQ(settled->due_at, retry_at);
    EXPECT_EQ(settled->last_error, "HTTP 503");
    EXPECT_EQ(settled->attempts, 1u);

    EXPECT_TRUE(this->lease("relay-1", retry_at - seconds{1}).empty());
    const auto again = this->lease("relay-2", retry_at);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(this->settle(again[0], "relay-2", OutboxOutcome::delivered)->attempts, 2u);
}

TYPED_TEST(outbox_conformance, a_dead_entry_waits_for_a_redrive) {
    this->create({message(0, "webhook", "crm")});
    const auto leased = this->lease("relay-1", kOpened);
    const auto dead = this->settle(leased.at(0), "relay-1", OutboxOutcome::dead);
    ASSERT_TRUE(dead);
    EXPECT_EQ(dead->state, OutboxState::dead);
    EXPECT_TRUE(this->lease("relay-1", kOpened + minutes{60}).empty());
    OutboxQuery dead_ones;
    dead_ones.state = OutboxState::dead;
    EXPECT_EQ(this->all(dead_ones).size(), 1u);

    const Timestamp now = kOpened + minutes{90};
    const auto redriven = this->store->redrive_outbox(dead->id, now);
    ASSERT_TRUE(redriven);
    EXPECT_EQ(redriven->state, OutboxState::pending);
    EXPECT_EQ(redriven->attempts, 0u);
    EXPECT_EQ(redriven->due_at, now);
    EXPECT_EQ(redriven->last_error, "HTTP 503");
    EXPECT_FALSE(redriven->settled_at);
    EXPECT_EQ(this->lease("relay-2", now).size(), 1u);
}

TYPED_TEST(outbox_conformance, only_the_lease_holder_settles_and_only_once) {
    this->create({message(0, "email", "li")});
    const auto leased = this->lease("relay-1", kOpened);
    const OutboxEntry before = this->all().at(0);

    EXPECT_EQ(this->settle(leased.at(0), "relay-2", OutboxOutcome::delivered).error().code,
              ErrorCode::version_conflict);
    EXPECT_EQ(this->settle(leased.at(0), "", OutboxOutcome::delivered).error().code,
              ErrorCode::version_conflict);
    EXPECT_EQ(this->all().at(0), before);

    ASSERT_TRUE(this->settle(leased.at(0), "relay-1", OutboxOutcome::delivered));
    EXPECT_EQ(this->settle(leased.at(0), "relay-1", OutboxOutcome::dead).error().code,
              ErrorCode::version_conflict);
    EXPECT_EQ(this->all().at(0).state, OutboxState::delivered);
}

TYPED_TEST(outbox_conformance, reports_missing_entries_and_refuses_to_redrive_live_ones) {
    this->create({message(0, "email", "li")});
    OutboxEntry ghost;
    ghost.id = 99;
    EXPECT_EQ(this->settle(ghost, "relay-1", OutboxOutcome::delivered).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(this->store->redrive_outbox(99, kOpened).error().code, ErrorCode::not_found);
    const auto pending = this->all().at(0);
    EXPECT_EQ(this->store->redrive_outbox(pending.id, kOpened).error().code,
              ErrorCode::invalid_transition);
    EXPECT_EQ(this->all().at(0), pending);
}

TYPED_TEST(outbox_conformance, refuses_malformed_leases_and_queries) {
    this->create({message(0, "email", "li")});
    const auto field_of = [&](OutboxLease lease) {
        return this->store->lease_outbox(lease).error().field;
    };
    EXPECT_EQ(field_of({"", kOpened, minutes{1}, 1}), "owner");
    EXPECT_EQ(field_of({"relay", kOpened, minutes{0}, 1}), "duration");
    EXPECT_EQ(field_of({"relay", kOpened, minutes{1}, 0}), "limit");
    EXPECT_EQ(field_of({"relay", kOpened, minutes{1}, OutboxLease::max_limit + 1}), "limit");
    OutboxQuery empty_page;
    empty_page.limit = 0;
    EXPECT_EQ(this->store->outbox(empty_page).error().field, "limit");
    EXPECT_TRUE(this->all().at(0).lease_owner.empty());
}

TYPED_TEST(outbox_conformance, filters_and_pages_the_outbox) {
    const Ticket a = this->create({message(0, "email", "1"), message(0, "email", "2")});
    const Ticket b = this->create({message(0, "email", "3")});
    ASSERT_TRUE(this->store->update(this->change(a, {message(0, "email", "4")})));
    const auto leased = this->lease("relay", kOpened, 1);
    ASSERT_TRUE(this->settle(leased.at(0), "relay", OutboxOutcome::delivered));

    OutboxQuery of_a;
    of_a.ticket = a.id;
    EXPECT_EQ(this->all(of_a).size(), 3u);
    OutboxQuery of_b;
    of_b.ticket = b.id;
    EXPECT_EQ(this->all(of_b).at(0).recipient, "3");
    OutboxQuery pending_of_a = of_a;
    pending_of_a.state = OutboxState::pending;
    EXPECT_EQ(this->all(pending_of_a).size(), 2u);

    OutboxQuery paged;
    paged.limit = 3;
    std::vector<std::string> recipients;
    for (auto page = this->all(paged); !page.empty(); page = this->all(paged)) {
        for (const auto& e : page) recipients.push_back(e.recipient);
        paged.after = page.back().id;
    }
    EXPECT_EQ(recipients, (std::vector<std::string>{"1", "2", "3", "4"}));
}

TYPED_TEST(outbox_conformance, racing_relays_never_hold_one_entry_at_once) {
    std::vector<OutboxMessage> messages;
    for (int i = 0; i < 200; ++i) messages.push_back(message(0, "email", std::to_string(i)));
    this->create(std::move(messages));

    std::mutex mutex;
    std::map<std::uint64_t, int> deliveries;
    std::vector<std::thread> relays;
    for (int r = 0; r < 4; ++r) {
        relays.emplace_back([&, r] {
            const std::string name = "relay-" + std::to_string(r);
            for (auto batch = this->lease(name, kOpened, 7); !batch.empty();
                 batch = this->lease(name, kOpened, 7)) {
                for (const auto& e : batch) {
                    ASSERT_TRUE(this->settle(e, name, OutboxOutcome::delivered));
                    std::lock_guard lock(mutex);
                    ++deliveries[e.id];
                }
            }
        });
    }
    for (auto& relay : relays) relay.join();
    ASSERT_EQ(deliveries.size(), 200u);
    for (const auto& [id, count] : deliveries) EXPECT_EQ(count, 1) << "entry " << id;
}

// In a batch, notifications are stored, leased and settled with the batch, or not at all.
TYPED_TEST(outbox_conformance, a_batch_stores_or_abandons_its_outbox_with_it) {
    this->create({message(0, "email", "before")});
    const Timestamp now = kOpened + minutes{10};
    const auto abandoned = this->store->batch([&]() -> Result<void> {
        this->create({message(0, "email", "in-batch")});
        const auto leased = this->lease("relay-1", now);
        EXPECT_EQ(leased.size(), 2u);  // the batch's own entry too
        EXPECT_TRUE(this->settle(leased.at(0), "relay-1", OutboxOutcome::delivered));
        return validation_error("import", "abandoned");
    });
    ASSERT_FALSE(abandoned);
    auto entries = this->all();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].state, OutboxState::pending);
    EXPECT_TRUE(entries[0].lease_owner.empty());

    const auto kept = this->store->batch([&]() -> Result<void> {
        this->create({message(0, "email", "in-batch")});
        const auto leased = this->lease("relay-1", now);
        EXPECT_TRUE(this->settle(leased.at(0), "relay-1", OutboxOutcome::delivered));
        return {};
    });
    ASSERT_TRUE(kept) << kept.error().message;
    entries = this->all();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].state, OutboxState::delivered);
    EXPECT_EQ(entries[1].key, "N-2/1/email/in-batch");
    EXPECT_EQ(entries[1].lease_owner, "relay-1");
}

}  // namespace
}  // namespace ticketflow::testing

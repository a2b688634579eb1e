// Damage contained: a row of a SQLite file that cannot be read back (changed from outside, or by
// a bug) is `corrupt` for its ticket alone. The engine starts, every other ticket works, lists
// leave the damaged ticket out and name it, and `verify` finds it. Rows are damaged through the
// SQLite C API, as anything outside the store could.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/storage/sqlite_store.hpp>

#include "support/engine_fixture.hpp"
#include "support/sqlite_file.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

void expect_corrupt(const Error& error, TicketId ticket, const std::string& mentioned) {
    EXPECT_EQ(error.code, ErrorCode::corrupt) << error.message;
    EXPECT_EQ(error.ticket, ticket);
    EXPECT_NE(error.message.find(mentioned), std::string::npos) << error.message;
}

template <class T>
void expect_corrupt(const Result<T>& result, TicketId ticket, const std::string& mentioned) {
    ASSERT_FALSE(result) << "a damaged record was read";
    expect_corrupt(result.error(), ticket, mentioned);
}

std::vector<TicketId> ids_of(const std::vector<Ticket>& tickets) {
    std::vector<TicketId> ids;
    for (const Ticket& t : tickets) ids.push_back(t.id);
    return ids;
}

std::vector<TicketId> without(std::vector<TicketId> ids, TicketId removed) {
    ids.erase(std::remove(ids.begin(), ids.end(), removed), ids.end());
    return ids;
}

/// A SQLite file with four tickets owned by agent-1: three open (assigned, in progress, waiting
/// for the customer) and one closed; engines are opened on it as an application would.
class sqlite_damage : public ::testing::Test {
  protected:
    TempDatabase file;
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));
    std::vector<Ticket> tickets;  // as last changed before the damage

    sqlite_damage() {
        auto engine = open_engine();
        const Actor owner = kOwner;
        const TicketId a = engine->open(sample_draft("a"), kCustomer).value().id;
        const TicketId closed = engine->open(sample_draft("closed"), kCustomer).value().id;
        const TicketId b = engine->open(sample_draft("b"), kCustomer).value().id;
        const TicketId c = engine->open(sample_draft("c"), kCustomer).value().id;
        for (const TicketId id : {a, closed, b, c}) {
            engine->assign(id, kSupervisor, AgentId{"agent-1"}).value();
        }
        engine->start(closed, owner).value();
        engine->resolve(closed, owner, "Replaced the fuser").value();
        engine->confirm(closed, kCustomer, {5, "fixed"}).value();
        engine->start(b, owner).value();
        engine->start(c, owner).value();
        engine->request_info(c, owner, "Which firmware?").value();
        tickets = engine->find({}).value().items;
    }

    std::unique_ptr<Engine> open_engine() {
        dispatch::Agent agent;
        agent.id = AgentId{"agent-1"};
        EngineConfig config;
        config.directory = dispatch::Directory::make({}, {agent}).value();
        return std::make_unique<Engine>(SqliteStore::open({file.path()}).value(), clock, config);
    }

    const Ticket& ticket(std::size_t n) const { return tickets.at(n); }

    void damage(const std::string& sql) {
        RawDatabase raw(file.path());
        ASSERT_EQ(raw.exec(sql), SQLITE_OK) << raw.message();
    }

    void damage_document_of(TicketId id) {
        damage("UPDATE tickets SET document = '{' WHERE id = " + std::to_string(id.value()));
    }

    /// Checks an engine started on the file with `damaged` unreadable: every other ticket reads,
    /// takes commands and counts towards its owner's load; the damaged one is refused and named.
    void expect_contained(TicketId damaged) {
        std::unique_ptr<Engine> engine;
        ASSERT_NO_THROW(engine = open_engine());

        expect_corrupt(engine->get(damaged), damaged, "#" + std::to_string(damaged.value()));
        const Ticket& hurt = tickets.at(damaged.value() - 1);
        expect_corrupt(engine->find_by_number(hurt.number), damaged, "document");
        expect_corrupt(engine->add_note(damaged, kOwner, "still there?"), damaged, "document");

        const auto page = engine->find({}).value();
        EXPECT_EQ(ids_of(page.items), without(ids_of(tickets), damaged));
        EXPECT_EQ(page.damaged, std::vector<TicketId>{damaged});

        std::uint32_t open_owned = 0;
        for (const Ticket& t : tickets) {
            if (t.id == damaged) continue;
            EXPECT_EQ(engine->get(t.id).value(), t);
            EXPECT_EQ(engine->audit_trail(t.id).value().size(), t.version);
            if (t.state == TicketState::closed) continue;  // notes go on open tickets only
            EXPECT_TRUE(engine->add_note(t.id, kOwner, "checked after the damage"));
            ++open_owned;
        }
        // Loads were counted from the readable tickets only, and their deadlines scheduled.
        EXPECT_EQ(engine->directory().load(AgentId{"agent-1"}), open_owned);
        EXPECT_TRUE(engine->next_sla_deadline());

        auto store = SqliteStore::open({file.path()}).value();
        const auto found = store->verify().value();
        ASSERT_EQ(found.size(), 1u);
        EXPECT_EQ(found[0].ticket, damaged);
        EXPECT_EQ(found[0].kind, RecordKind::ticket);
        EXPECT_EQ(found[0].row, 0u);
        EXPECT_NE(found[0].what.find("document is unreadable"), std::string::npos) << found[0].what;
    }
};

TEST_F(sqlite_damage, an_unreadable_open_ticket_is_corrupt_and_everything_else_works) {
    damage_document_of(ticket(2).id);  // in progress
    expect_contained(ticket(2).id);
}

TEST_F(sqlite_damage, an_unreadable_closed_ticket_is_corrupt_and_everything_else_works) {
    damage_document_of(ticket(1).id);
    expect_contained(ticket(1).id);
}

TEST_F(sqlite_damage, the_audit_trail_of_a_ticket_whose_row_is_damaged_stays_readable) {
    // It is what the ticket can be rebuilt from (docs/storage.md).
    damage_document_of(ticket(0).id);
    auto store = SqliteStore::open({file.path()}).value();
    EXPECT_EQ(store->audit_trail(ticket(0).id).value().size(), ticket(0).version);
}

TEST_F(sqlite_damage, pages_move_on_past_damaged_rows_and_name_them) {
    damage_document_of(ticket(1).id);
    auto store = SqliteStore::open({file.path()}).value();
    TicketQuery paged;
    paged.limit = 2;
    const auto first = store->find(paged).value();
    EXPECT_EQ(ids_of(first.items), std::vector<TicketId>{ticket(0).id});
    EXPECT_EQ(first.damaged, std::vector<TicketId>{ticket(1).id});
    ASSERT_EQ(first.next_after, ticket(1).id);
    paged.after = *first.next_after;
    const auto last = store->find(paged).value();
    EXPECT_EQ(ids_of(last.items), (std::vector<TicketId>{ticket(2).id, ticket(3).id}));
    EXPECT_TRUE(last.damaged.empty());
    EXPECT_FALSE(last.next_after);
}

TEST_F(sqlite_damage, a_document_of_another_ticket_is_damage) {
    damage(
        "UPDATE tickets SET document = (SELECT document FROM tickets WHERE id = 1) WHERE id = 4");
    auto store = SqliteStore::open({file.path()}).value();
    expect_corrupt(store->load(TicketId{4}), TicketId{4}, "describes ticket #1");
}

TEST_F(sqlite_damage, a_time_outside_the_range_of_time_is_damage_not_a_crash) {
    damage(
        "UPDATE tickets SET document = json_set(document, '$.created_at', "
        "'10000-01-01T00:00:00Z') WHERE id = 3");
    auto store = SqliteStore::open({file.path()}).value();
    expect_corrupt(store->load(TicketId{3}), TicketId{3}, "document is unreadable");
    EXPECT_EQ(store->find({}).value().damaged, std::vector<TicketId>{TicketId{3}});
}

TEST_F(sqlite_damage, an_unreadable_sla_record_is_damage_of_its_ticket) {
    damage("UPDATE tickets SET sla_clocks = '{\"calendar\":' WHERE id = 2");
    damage("UPDATE tickets SET sla_clocks = x'00ff' WHERE id = 3");
    auto store = SqliteStore::open({file.path()}).value();
    expect_corrupt(store->load(TicketId{2}), TicketId{2}, "SLA record");
    expect_corrupt(store->load(TicketId{3}), TicketId{3}, "SLA record");
    const auto found = store->verify().value();
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].ticket, TicketId{2});
    EXPECT_EQ(found[0].kind, RecordKind::sla_record);
    EXPECT_EQ(found[1].ticket, TicketId{3});
    EXPECT_EQ(found[1].kind, RecordKind::sla_record);
    ASSERT_NO_THROW(open_engine());
}

TEST_F(sqlite_damage, an_unreadable_audit_event_makes_that_trail_corrupt_and_no_other) {
    // Audit events cannot be changed (a trigger forbids it), but a row can still be added.
    damage("INSERT INTO audit_events (ticket_id, sequence, at, document) VALUES (2, 99, 0, '[')");
    auto engine = open_engine();
    expect_corrupt(engine->audit_trail(TicketId{2}), TicketId{2}, "audit event 99");
    EXPECT_EQ(engine->get(TicketId{2}).value(), ticket(1));
    EXPECT_EQ(engine->audit_trail(TicketId{1}).value().size(), ticket(0).version);
    const auto found = SqliteStore::open({file.path()}).value()->verify().value();
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0], (DamagedRecord{TicketId{2}, RecordKind::audit_event, 99, found[0].what}));
}

// The outbox: a damaged entry is passed over by leases and lists (it must not block delivery of
// the others) and is `corrupt` for its ticket when named.
class sqlite_outbox_damage : public ::testing::Test {
  protected:
    TempDatabase file;
    std::unique_ptr<SqliteStore> store = SqliteStore::open({file.path()}).value();

    Ticket create_with_message(const std::string& recipient) {
        TicketCreation creation = opening();
        OutboxMessage message;
        message.channel = "email";
        message.recipient = recipient;
        message.payload = "{}";
        creation.outbox = {message};
        return store->create(creation).value();
    }

    void damage(const std::string& sql) {
        RawDatabase raw(file.path());
        ASSERT_EQ(raw.exec(sql), SQLITE_OK) << raw.message();
    }
};

TEST_F(sqlite_outbox_damage, a_damaged_entry_is_passed_over_and_named_by_verify) {
    const Ticket first = create_with_message("a@example.com");
    const Ticket second = create_with_message("b@example.com");
    // Long before the year 1: due, and first in line, if it were read.
    damage("UPDATE outbox SET due_at = -9223372036854775807 WHERE id = 1");

    OutboxLease lease{"relay-1", from_unix_seconds(1696118400 + 60)};
    lease.limit = 1;  // the damaged entry, first by id, must not take the only place
    const auto leased = store->lease_outbox(lease).value();
    ASSERT_EQ(leased.size(), 1u);
    EXPECT_EQ(leased[0].ticket, second.id);

    OutboxQuery one;
    one.limit = 1;
    const auto listed = store->outbox(one).value();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, 2u);

    expect_corrupt(store->redrive_outbox(1, lease.now), first.id, "due_at");
    const auto found = store->verify().value();
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].ticket, first.id);
    EXPECT_EQ(found[0].kind, RecordKind::outbox_entry);
    EXPECT_EQ(found[0].row, 1u);
    EXPECT_NE(found[0].what.find("outside the range of time"), std::string::npos);
}

TEST_F(sqlite_outbox_damage, an_unknown_state_or_a_time_that_is_not_a_number_is_damage) {
    const Ticket first = create_with_message("a@example.com");
    const Ticket second = create_with_message("b@example.com");
    damage("UPDATE outbox SET state = 'lost' WHERE id = 1");
    damage("UPDATE outbox SET created_at = 'yesterday' WHERE id = 2");
    const auto found = store->verify().value();
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].ticket, first.id);
    EXPECT_NE(found[0].what.find("unknown state 'lost'"), std::string::npos) << found[0].what;
    EXPECT_EQ(found[1].ticket, second.id);
    EXPECT_NE(found[1].what.find("created_at"), std::string::npos) << found[1].what;
    EXPECT_TRUE(store->outbox({}).value().empty());
}

}  // namespace
}  // namespace ticketflow::testing

// What Store::batch promises of a store that keeps no batches (the base class's primitives): the
// work runs and each unit commits on its own, so a batch that fails undoes nothing. Stores that
// keep batches are held to the conformance suite instead.
#include <memory>

#include <gtest/gtest.h>

#include <ticketflow/storage/memory_store.hpp>

#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

// A third-party store written before batches: it forwards everything and overrides no primitive.
class StoreWithoutBatches final : public Store {
  public:
    Result<Ticket> create(const TicketCreation& creation) override {
        return inner_.create(creation);
    }
    Result<void> update(const TicketUpdate& update) override { return inner_.update(update); }
    Result<Ticket> load(TicketId id) const override { return inner_.load(id); }
    Result<Ticket> load_by_number(std::string_view number) const override {
        return inner_.load_by_number(number);
    }
    Result<Page<Ticket>> find(const TicketQuery& query) const override {
        return inner_.find(query);
    }
    Result<std::vector<AuditEvent>> audit_trail(TicketId id) const override {
        return inner_.audit_trail(id);
    }
    Result<std::uint64_t> next_sequence(std::string_view key) override {
        return inner_.next_sequence(key);
    }
    Result<std::vector<DamagedRecord>> verify() const override { return inner_.verify(); }
    Result<std::vector<OutboxEntry>> lease_outbox(const OutboxLease& lease) override {
        return inner_.lease_outbox(lease);
    }
    Result<OutboxEntry> settle_outbox(const OutboxAttempt& attempt) override {
        return inner_.settle_outbox(attempt);
    }
    Result<OutboxEntry> redrive_outbox(std::uint64_t entry, Timestamp now) override {
        return inner_.redrive_outbox(entry, now);
    }
    Result<std::vector<OutboxEntry>> outbox(const OutboxQuery& query) const override {
        return inner_.outbox(query);
    }

  private:
    MemoryStore inner_;
};

TEST(store_batch, a_store_without_batches_runs_the_work_and_stores_each_unit_on_its_own) {
    StoreWithoutBatches store;
    const auto stored = store.batch([&]() -> Result<void> {
        EXPECT_TRUE(store.create(opening()));
        return {};
    });
    EXPECT_TRUE(stored);
    const auto failed = store.batch([&]() -> Result<void> {
        EXPECT_TRUE(store.create(opening()));
        return validation_error("import", "row 2 is malformed");
    });
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().field, "import");
    EXPECT_EQ(store.find({}).value().items.size(), 2u);  // nothing to undo it with
}

}  // namespace
}  // namespace ticketflow::testing

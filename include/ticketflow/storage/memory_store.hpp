#pragma once
/// \file
/// A Store kept in memory: for tests, simulations and embedding where persistence is not wanted.

#include <memory>

#include <ticketflow/storage/store.hpp>

namespace ticketflow {

/// Keeps everything in process memory. Thread-safe; readers run in parallel, writers one at a time.
/// A batch holds the store for its thread until it ends: other threads' reads and writes wait.
class MemoryStore final : public Store {
  public:
    MemoryStore();
    ~MemoryStore() override;
    MemoryStore(const MemoryStore&) = delete;
    MemoryStore& operator=(const MemoryStore&) = delete;

    Result<Ticket> create(const TicketCreation& creation) override;
    Result<void> update(const TicketUpdate& update) override;
    Result<Ticket> load(TicketId id) const override;
    Result<Ticket> load_by_number(std::string_view number) const override;
    Result<Page<Ticket>> find(const TicketQuery& query) const override;
    Result<std::vector<AuditEvent>> audit_trail(TicketId id) const override;
    Result<std::uint64_t> next_sequence(std::string_view key) override;
    Result<std::vector<DamagedRecord>> verify() const override;
    Result<std::vector<OutboxEntry>> lease_outbox(const OutboxLease& lease) override;
    Result<OutboxEntry> settle_outbox(const OutboxAttempt& attempt) override;
    Result<OutboxEntry> redrive_outbox(std::uint64_t entry, Timestamp now) override;
    Result<std::vector<OutboxEntry>> outbox(const OutboxQuery& query) const override;

  protected:
    Result<void> begin_batch() override;
    Result<void> commit_batch() override;
    void roll_back_batch() noexcept override;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace ticketflow

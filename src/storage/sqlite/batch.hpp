#pragma once
// One thread's batch on the SQLite store: it takes the writer connection from the write queue,
// runs every unit of work of its thread in one transaction, each inside a savepoint of its own,
// and commits them with one flush.

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include <ticketflow/core/error.hpp>
#include <ticketflow/core/result.hpp>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/write_queue.hpp"

namespace ticketflow::detail::sqlite {

class Batch {
  public:
    Batch(Connection& writer, WriteQueue& queue) : writer_(writer), queue_(queue) {}

    /// True on the thread whose batch is open: its writes and reads go through `write` and the
    /// writer connection, not the queue and the readers.
    bool here() const noexcept { return owner_.load() == std::this_thread::get_id(); }

    /// Waits for the writer connection and begins the transaction.
    Result<void> begin();
    /// Commits; the first failure of a unit that threw, or the commit's own, when nothing is
    /// stored.
    Result<void> commit();
    void roll_back() noexcept;

    /// Runs `unit(connection) -> Result<…>` inside the batch's transaction: a refusal (an error
    /// value) rolls back to its savepoint and leaves the batch going on. What `unit` throws (the
    /// disk fails, the database is full) may have ended the whole transaction, so it fails the
    /// batch: it is thrown on to the unit's caller, every later unit returns at once, and
    /// `commit` stores nothing.
    template <class Unit>
    auto write(Unit&& unit) -> decltype(unit(std::declval<Connection&>())) {
        if (failed_) return failed_earlier();
        try {
            writer_.prepare("SAVEPOINT batch_unit").run();
            auto outcome = unit(writer_);
            if (!outcome) writer_.prepare("ROLLBACK TO batch_unit").run();
            writer_.prepare("RELEASE batch_unit").run();
            return outcome;
        } catch (...) {
            fail_with_current_exception();
            throw;
        }
    }

  private:
    void fail_with_current_exception();
    Error failed_earlier() const;
    void end() noexcept;

    Connection& writer_;
    WriteQueue& queue_;
    std::atomic<std::thread::id> owner_{};
    // Used by the owning thread only.
    std::optional<WriteTransaction> transaction_;
    std::optional<Error> failed_;
};

}  // namespace ticketflow::detail::sqlite

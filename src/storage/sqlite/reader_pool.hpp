#pragma once
// Read connections, opened on demand and kept for reuse, so reads run in parallel with each other
// and with the writer (WAL lets a reader see the last commit while a write is in progress).

#include <cstddef>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

#include <ticketflow/storage/sqlite_store.hpp>

#include "storage/sqlite/connection.hpp"

namespace ticketflow::detail::sqlite {

class ReaderPool {
  public:
    /// A read connection on loan; it goes back to the pool when the lease ends.
    class Lease {
      public:
        Lease(const ReaderPool& pool, std::unique_ptr<Connection> connection) noexcept
            : pool_(pool), connection_(std::move(connection)) {}
        ~Lease() { pool_.give_back(std::move(connection_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        Connection& operator*() const noexcept { return *connection_; }

      private:
        const ReaderPool& pool_;
        std::unique_ptr<Connection> connection_;
    };

    /// Keeps up to `keep` idle connections; more are opened when more threads read at once.
    ReaderPool(SqliteOptions options, std::size_t keep)
        : options_(std::move(options)), keep_(keep) {}

    /// An idle connection, or a new one. Throws `Exception` when a new one cannot be opened.
    Lease acquire() const;

  private:
    void give_back(std::unique_ptr<Connection> connection) const noexcept;

    SqliteOptions options_;
    std::size_t keep_;
    mutable std::mutex mutex_;
    mutable std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace ticketflow::detail::sqlite

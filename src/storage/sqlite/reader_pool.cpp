#include "storage/sqlite/reader_pool.hpp"

namespace ticketflow::detail::sqlite {

ReaderPool::Lease ReaderPool::acquire() const {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(connection));
        }
    }
    // Opened outside the lock: opening touches the file and may wait for it.
    return Lease(*this, std::make_unique<Connection>(options_, Access::read));
}

void ReaderPool::give_back(std::unique_ptr<Connection> connection) const noexcept {
    std::unique_lock lock(mutex_);
    if (idle_.size() >= keep_) return;  // closed when `connection` goes out of scope
    try {
        idle_.push_back(std::move(connection));
    } catch (const std::bad_alloc&) {
        // Dropping the connection is the right answer to having no memory to keep it.
    }
}

}  // namespace ticketflow::detail::sqlite

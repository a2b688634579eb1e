// Store::batch and StoreBatch: one thread's units of work in one transaction, over the batch
// primitives each store implements (by default none: every unit then commits on its own).
#include <ticketflow/storage/store.hpp>

#include "storage/store_errors.hpp"

namespace ticketflow {

StoreBatch::StoreBatch(Store& store) : store_(store) {
    // A store's primitives report failure as values; one written elsewhere (in Python) may
    // still throw, and the batch then did not begin.
    began_ = detail::running_work("beginning a batch", [&] { return store_.begin_batch(); });
    active_ = began_.has_value();
}

StoreBatch::~StoreBatch() {
    roll_back();
}

Result<void> StoreBatch::commit() {
    if (!active_) return began_ ? detail::no_batch_here() : began_;
    active_ = false;
    return detail::running_work("committing a batch", [&] { return store_.commit_batch(); });
}

void StoreBatch::roll_back() noexcept {
    if (!active_) return;
    active_ = false;
    store_.roll_back_batch();
}

Result<void> Store::batch(const BatchWork& work) {
    StoreBatch batch{*this};
    if (!batch.began()) return batch.began();
    if (auto done = detail::running_work("batch", work); !done) {
        batch.roll_back();
        return done;
    }
    return batch.commit();
}

}  // namespace ticketflow

#include "storage/sqlite/batch.hpp"

#include "storage/store_errors.hpp"

namespace ticketflow::detail::sqlite {

Result<void> Batch::begin() {
    if (here()) return nested_batch();
    queue_.hold();
    try {
        transaction_.emplace(writer_);
    } catch (...) {
        queue_.release();
        return error_of_current_exception("SQLite store " + writer_.path() + ": beginning a batch");
    }
    failed_.reset();
    owner_ = std::this_thread::get_id();
    return {};
}

Result<void> Batch::commit() {
    if (!here()) return no_batch_here();
    Result<void> outcome;
    if (failed_) {
        outcome = *failed_;
    } else {
        try {
            transaction_->commit();
        } catch (...) {
            outcome = error_of_current_exception("SQLite store " + writer_.path() +
                                                 ": committing a batch");
        }
    }
    end();
    return outcome;
}

void Batch::roll_back() noexcept {
    if (here()) end();
}

// Rolls back whatever is not committed, and lets the queue go on.
void Batch::end() noexcept {
    transaction_.reset();
    failed_.reset();
    owner_ = std::thread::id{};
    queue_.release();
}

void Batch::fail_with_current_exception() {
    if (!failed_)
        failed_ = error_of_current_exception("SQLite store " + writer_.path() + ": batch");
}

Error Batch::failed_earlier() const {
    Error error = *failed_;
    error.message = "the batch stores nothing, as an earlier write in it failed: " + error.message;
    return error;
}

}  // namespace ticketflow::detail::sqlite

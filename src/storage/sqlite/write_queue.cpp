#include "storage/sqlite/write_queue.hpp"

#include <algorithm>

namespace ticketflow::detail::sqlite {
namespace {

// Called inside a catch block: hands what was thrown to the job, as an error or as is.
template <class Job>
void fail_with_current_exception(Job& job) {
    try {
        throw;
    } catch (const Exception& e) {
        job.fail(e.error());
    } catch (...) {
        job.unexpected = std::current_exception();
    }
}

}  // namespace

// Leader and followers: the first waiting thread that finds nobody running a batch runs the next
// one (its own unit and whoever queued behind it); when it has committed it wakes the batch's
// threads and the first one still waiting, to lead the next batch.
void WriteQueue::submit(Job& job) {
    std::unique_lock lock(mutex_);
    waiting_.push_back(&job);
    wait_for_turn(lock, job);
}

// A batch queues like a unit, so it neither overtakes the units before it nor starves behind
// later ones; when its turn comes it leaves with `leading_` set, which keeps everyone else out.
void WriteQueue::hold() {
    Job turn{nullptr, nullptr};
    turn.holds = true;
    std::unique_lock lock(mutex_);
    waiting_.push_back(&turn);
    wait_for_turn(lock, turn);
}

void WriteQueue::release() {
    const std::lock_guard lock(mutex_);
    leading_ = false;
    if (!waiting_.empty()) waiting_.front()->wake.notify_one();
}

void WriteQueue::wait_for_turn(std::unique_lock<std::mutex>& lock, Job& job) {
    while (!job.done) {
        if (leading_) {
            job.wake.wait(lock);
            continue;
        }
        lead(lock);
    }
}

// Runs the batch at the front of the queue, or hands the connection to the batch whose turn it
// is (which may be the caller's own).
void WriteQueue::lead(std::unique_lock<std::mutex>& lock) {
    leading_ = true;
    if (Job* front = waiting_.front(); front->holds) {
        waiting_.pop_front();
        front->done = true;
        front->wake.notify_one();
        return;  // `leading_` stays set until the batch releases the connection
    }
    const std::vector<Job*> batch = take_batch();
    lock.unlock();
    run_batch(batch);
    lock.lock();
    leading_ = false;
    for (Job* ran : batch) {
        ran->done = true;
        ran->wake.notify_one();
    }
    if (!waiting_.empty()) waiting_.front()->wake.notify_one();
}

// The units at the front, up to the next batch's turn.
std::vector<WriteQueue::Job*> WriteQueue::take_batch() {
    const auto limit = static_cast<std::ptrdiff_t>(std::min(max_batch_, waiting_.size()));
    const auto end = std::find_if(waiting_.begin(), waiting_.begin() + limit,
                                  [](const Job* job) { return job->holds; });
    std::vector<Job*> batch(waiting_.begin(), end);
    waiting_.erase(waiting_.begin(), end);
    return batch;
}

void WriteQueue::run_alone(Job& job) {
    try {
        WriteTransaction transaction(writer_);
        if (job.apply(writer_)) transaction.commit();
    } catch (...) {
        fail_with_current_exception(job);
    }
}

// A refused unit is rolled back to its savepoint; the units before and after it are kept.
void WriteQueue::apply_in_savepoint(Job& job) {
    writer_.prepare("SAVEPOINT unit_of_work").run();
    if (!job.apply(writer_)) writer_.prepare("ROLLBACK TO unit_of_work").run();
    writer_.prepare("RELEASE unit_of_work").run();
}

void WriteQueue::run_batch(const std::vector<Job*>& batch) {
    if (batch.size() == 1) return run_alone(*batch.front());
    Job* failed = nullptr;  // the unit that threw, if one did
    try {
        WriteTransaction transaction(writer_);
        for (Job* job : batch) {
            failed = job;
            apply_in_savepoint(*job);
        }
        failed = nullptr;
        transaction.commit();
        return;
    } catch (...) {
        if (failed == nullptr) {
            // BEGIN or COMMIT failed: every unit of the batch shares that outcome.
            for (Job* job : batch) fail_with_current_exception(*job);
            return;
        }
        fail_with_current_exception(*failed);
    }
    // A unit threw (a full disk, an I/O error, a failing callback), and SQLite may have rolled
    // back the whole transaction with it: the others run again, each alone, for their own result.
    for (Job* job : batch) {
        if (job != failed) run_alone(*job);
    }
}

}  // namespace ticketflow::detail::sqlite

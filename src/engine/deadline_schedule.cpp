#include "engine/deadline_schedule.hpp"

#include <algorithm>
#include <chrono>

namespace ticketflow::detail {
namespace {

using Queue = sla::DeadlineQueue;

Queue::Time queue_time(Timestamp t) {
    // Round up: a deadline at 09:00:00.4 is taken at 09:00:01, never before it has come.
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(t.time_since_epoch());
    return std::clamp(Queue::Time{seconds}, Queue::min_deadline(), Queue::max_deadline());
}

}  // namespace

void DeadlineSchedule::set(TicketId ticket, std::optional<Timestamp> deadline, Priority priority) {
    std::lock_guard locked(mutex_);
    if (!deadline) return erase_locked(ticket);
    const auto rank = static_cast<Queue::Rank>(priority);
    const auto found = handles_.find(ticket.value());
    if (found != handles_.end()) {
        queue_.update(found->second, queue_time(*deadline), rank);
        return;
    }
    const auto handle =
        queue_.push(static_cast<Queue::Ticket>(ticket.value()), queue_time(*deadline), rank);
    handles_.emplace(ticket.value(), handle);
    if (handle.slot >= ticket_of_slot_.size()) ticket_of_slot_.resize(handle.slot + 1);
    ticket_of_slot_[handle.slot] = ticket;
}

std::vector<TicketId> DeadlineSchedule::take_due(Timestamp now) {
    std::vector<TicketId> due;
    std::lock_guard locked(mutex_);
    // Round down: everything due by `now` to the second, as queue_time rounded deadlines up.
    const auto until =
        Queue::Time{std::chrono::floor<std::chrono::seconds>(now.time_since_epoch())};
    queue_.pop_due(until, [&](const sla::DeadlineEntry& entry) {
        const TicketId ticket = ticket_of_slot_[entry.handle.slot];
        handles_.erase(ticket.value());
        due.push_back(ticket);
    });
    return due;
}

std::optional<Timestamp> DeadlineSchedule::next() const {
    std::lock_guard locked(mutex_);
    if (queue_.empty()) return std::nullopt;
    return Timestamp{queue_.top().deadline.time_since_epoch()};
}

std::size_t DeadlineSchedule::size() const {
    std::lock_guard locked(mutex_);
    return queue_.size();
}

void DeadlineSchedule::erase_locked(TicketId ticket) {
    const auto found = handles_.find(ticket.value());
    if (found == handles_.end()) return;
    queue_.erase(found->second);
    handles_.erase(found);
}

}  // namespace ticketflow::detail

#pragma once
// Each ticket's next SLA deadline, in the deadline queue: the engine sets it after every change
// and `tick` takes the tickets whose deadline has come. Safe to use from several threads.

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/ids.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/sla/deadline_queue.hpp>

namespace ticketflow::detail {

class DeadlineSchedule {
  public:
    /// Queues `ticket` at `deadline` (rounded up to the second, so it never comes early), or
    /// removes it when there is none.
    void set(TicketId ticket, std::optional<Timestamp> deadline, Priority priority);
    /// Removes and returns the tickets due by `now`, earliest (then most urgent) first.
    std::vector<TicketId> take_due(Timestamp now);
    /// The earliest queued deadline.
    std::optional<Timestamp> next() const;
    std::size_t size() const;

  private:
    void erase_locked(TicketId ticket);

    mutable std::mutex mutex_;
    sla::DeadlineQueue queue_;
    // The queue names tickets by 32 bits and hands out slots; these map both ways to full ids.
    std::unordered_map<std::uint64_t, sla::DeadlineHandle> handles_;
    std::vector<TicketId> ticket_of_slot_;
};

}  // namespace ticketflow::detail

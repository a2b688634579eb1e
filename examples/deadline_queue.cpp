// deadline_queue: the SLA deadline queue on its own — deadlines in, warnings ahead, breaches out.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

#include <ticketflow/sla/deadline_queue.hpp>

using std::chrono::hours;
using std::chrono::minutes;
using ticketflow::sla::DeadlineEntry;
using ticketflow::sla::DeadlineQueue;
using ticketflow::sla::DeadlineTime;
using ticketflow::sla::TicketDeadlineQueue;

namespace {

// Priority ranks as ticketflow::Priority numbers them: urgent 0, high 1, medium 2, low 3.
constexpr std::uint8_t kUrgent = 0;
constexpr std::uint8_t kHigh = 1;
constexpr std::uint8_t kMedium = 2;

void print(const char* what, const DeadlineEntry& e, DeadlineTime start) {
    const auto at = std::chrono::duration_cast<minutes>(e.deadline - start).count();
    std::cout << "  " << what << " ticket " << e.ticket << " (rank " << int{e.priority}
              << ") due at +" << at << " min\n";
}

}  // namespace

int main() {
    const DeadlineTime start{std::chrono::seconds{1'795'510'800}};  // 2026-11-24T09:00:00Z

    // One entry per ticket; the handle names it until it is popped or erased.
    DeadlineQueue queue;
    queue.reserve(1000);  // 16 bytes per entry, all of it allocated here
    auto printer = queue.push(1017, start + hours(4), kHigh);
    auto outage = queue.push(1020, start + hours(1), kUrgent);
    auto invoice = queue.push(1023, start + hours(1), kMedium);
    queue.push(1024, start + hours(24), kMedium);

    // A priority change moves the deadline (earlier or later); a cancelled ticket leaves.
    queue.update(printer, start + hours(2), kUrgent);
    queue.erase(invoice);

    // Warnings: everything due within the next 90 minutes, left in the queue.
    std::vector<DeadlineEntry> soon;
    queue.due_within(start + minutes(90), soon);
    std::cout << "due within 90 minutes:\n";
    for (const DeadlineEntry& e : soon) print("warn", e, start);

    // The tick: at 11:00 everything due by then is breached, earliest first.
    std::vector<DeadlineEntry> breached;
    queue.pop_due(start + hours(2), breached);
    std::cout << "breached by 11:00:\n";
    for (const DeadlineEntry& e : breached) print("breach", e, start);

    // The outage's next-update clock is re-armed for another hour.
    outage = queue.push(1020, breached.front().deadline + hours(1), kUrgent);
    std::cout << "next: ticket " << queue.top().ticket << ", " << queue.size() << " entries, "
              << queue.memory_bytes() << " bytes\n";

    // When tickets are dense indexes (0, 1, 2, …), the ticket itself names its entry: no
    // handles to keep, and one memory lookup less on every update and erase.
    TicketDeadlineQueue by_ticket;
    by_ticket.reserve(1000);  // tickets 0 … 999, 16 bytes each
    by_ticket.push(17, start + hours(4), kHigh);
    by_ticket.push(20, start + hours(1), kUrgent);
    by_ticket.update(TicketDeadlineQueue::handle(17), start + minutes(30), kUrgent);
    const DeadlineEntry first = by_ticket.pop();
    std::cout << "first by ticket: " << first.ticket << "\n";

    const bool as_expected = soon.size() == 1 && breached.size() == 2 &&
                             breached[0].ticket == 1020 && breached[1].ticket == 1017 &&
                             queue.top().handle == outage && queue.size() == 2 &&
                             first.ticket == 17 && by_ticket.size() == 1;
    return as_expected ? EXIT_SUCCESS : EXIT_FAILURE;
}

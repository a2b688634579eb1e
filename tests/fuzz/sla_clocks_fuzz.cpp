// A ticket's SLA clocks from JSON (sla/ticket_clocks_json.hpp): the text stores keep beside each
// ticket and the engine reads back on every command. Clocks read must write and read back equal,
// hold instants in the range of time, and answer status and deadline questions without
// overflowing (UBSan) or leaving the range; a refusal is validation_failed.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include <ticketflow/sla/business_time.hpp>
#include <ticketflow/sla/ticket_clocks_json.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

void check_times(const sla::TicketClocks& clocks) {
    for (const auto metric : all_values<sla::Metric>()) {
        const auto& clock = clocks.clock(metric);
        TICKETFLOW_FUZZ_CHECK(clock.target.count() >= 0 && clock.spent.count() >= 0);
        fuzz::check_in_range(clock.running_since);
        fuzz::check_in_range(clock.breached_at);
        fuzz::check_in_range(clock.warning_reached_at);
        fuzz::check_in_range(clock.target_reached_at);
    }
}

// The questions the engine asks of stored clocks on its next command or tick.
void check_answers(sla::TicketClocks clocks) {
    const sla::AroundTheClock time;
    const Timestamp now = from_unix_seconds(1'700'000'000);
    try {
        fuzz::check_in_range(clocks.next_deadline(time));
        for (const auto metric : all_values<sla::Metric>()) {
            const auto status = clocks.status(metric, now, time);
            fuzz::check_in_range(status.due);
            fuzz::check_in_range(status.breached_at);
        }
        for (const auto& signal : clocks.signals_due(now, time)) fuzz::check_in_range(signal.at);
    } catch (const Exception& e) {
        // Arithmetic that would leave the range of time is refused, not wrapped.
        fuzz::check_validation_error(e.error());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = fuzz::parse_json(data, size);
    if (!document) return 0;
    if (const auto clock = fuzz::read_as<sla::MetricClock>(*document))
        fuzz::check_round_trip(*clock);
    const auto clocks = fuzz::read_as<sla::TicketClocks>(*document);
    if (!clocks) return 0;
    check_times(*clocks);
    fuzz::check_round_trip(*clocks);
    check_answers(*clocks);
    return 0;
}

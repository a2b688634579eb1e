// Time zones (core/time_zone.hpp): zone names, fixed offsets and POSIX TZ rule strings. A zone
// that is found keeps its name, finds itself again by it, and converts instants consistently; an
// unknown name is a `validation_failed` error with a UTF-8 message.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <ticketflow/core/time_zone.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

// Instants across the range of time where offsets and rules behave differently: far past,
// before and after 2037 (the end of most zone tables), and around a DST switch.
constexpr std::int64_t probes[] = {-62'000'000'000, 0, 1'700'000'000, 1'711'846'800, 2'200'000'000,
                                   250'000'000'000};

void check_zone(const TimeZone& zone) {
    TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(zone.name()));
    const auto again = TimeZone::locate(zone.name());
    TICKETFLOW_FUZZ_CHECK(again.has_value() && *again == zone);
    for (const auto seconds : probes) {
        const Timestamp t = from_unix_seconds(seconds);
        const auto offset = zone.offset_at(t);
        // No place on Earth is more than a day from UTC; a wild offset is a misread rule.
        TICKETFLOW_FUZZ_CHECK(offset <= std::chrono::hours{25} &&
                              offset >= -std::chrono::hours{25});
        const auto period = zone.period_at(t);
        TICKETFLOW_FUZZ_CHECK(period.begin <= t && t < period.end && period.offset == offset);
        // The wall-clock reading maps back to this instant, or to an earlier one when the
        // reading happens twice (clocks set back); never later, never more than a day off.
        const auto local = zone.to_local(t);
        TICKETFLOW_FUZZ_CHECK(local.date.valid());
        const auto back = zone.to_utc(local);
        TICKETFLOW_FUZZ_CHECK(back <= t && t - back < std::chrono::hours{25});
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto name = fuzz::as_text(data, size);
    const auto zone = TimeZone::locate(name);
    if (zone)
        check_zone(*zone);
    else
        fuzz::check_validation_error(zone.error());
    return 0;
}

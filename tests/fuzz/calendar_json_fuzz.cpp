// Business calendars from JSON (sla/calendar_json.hpp). A calendar that reads back equal after
// writing must also answer consistently: next_open is open and not earlier, adding business time
// and measuring it agree, and elapsed is antisymmetric. Refusals are validation_failed.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include <ticketflow/sla/calendar_json.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;
using std::chrono::hours;

namespace {

// A winter and a summer instant (DST differs), and one near the end of the calendar's range.
constexpr std::int64_t probes[] = {1'704'103'200, 1'719'792'000, 253'000'000'000};

/// Refusals (running out of working time before the end of the range of time) are
/// validation_failed; the answers given agree with each other.
template <class T>
std::optional<T> answered(const Result<T>& result) {
    if (result) return *result;
    fuzz::check_validation_error(result.error());
    return std::nullopt;
}

void check_answers(const sla::Calendar& calendar, Timestamp t) {
    if (const auto open = answered(calendar.next_open(t))) {
        fuzz::check_in_range(*open);
        const auto is_open = answered(calendar.is_open(*open));
        TICKETFLOW_FUZZ_CHECK(*open >= t && is_open && *is_open);
    }
    const auto due = answered(calendar.add(t, hours{4}));
    if (!due) return;
    fuzz::check_in_range(*due);
    TICKETFLOW_FUZZ_CHECK(*due > t);
    const auto forwards = answered(calendar.elapsed(t, *due));
    const auto backwards = answered(calendar.elapsed(*due, t));
    TICKETFLOW_FUZZ_CHECK(forwards && backwards);
    TICKETFLOW_FUZZ_CHECK(*forwards == hours{4});
    TICKETFLOW_FUZZ_CHECK(*backwards == -*forwards);
}

void check_calendar(const sla::Calendar& calendar) {
    for (const auto seconds : probes) check_answers(calendar, from_unix_seconds(seconds));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = fuzz::parse_json(data, size);
    if (!document) return 0;
    if (const auto spec = fuzz::read_as<sla::CalendarSpec>(*document))
        fuzz::check_round_trip(*spec);
    if (const auto calendar = fuzz::read_as<sla::Calendar>(*document)) {
        fuzz::check_round_trip(*calendar);
        check_calendar(*calendar);
    }
    return 0;
}

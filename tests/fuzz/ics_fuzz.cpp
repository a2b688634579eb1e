// Holidays from iCalendar text (sla/calendar.hpp, holidays_from_ics). Holidays read are real
// date ranges that a calendar accepts and that write to JSON and read back; refusals are
// validation_failed naming field "ics".
#include <cstddef>
#include <cstdint>

#include <ticketflow/sla/calendar_json.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto holidays = sla::holidays_from_ics(fuzz::as_text(data, size));
    if (!holidays) {
        fuzz::check_validation_error(holidays.error());
        TICKETFLOW_FUZZ_CHECK(holidays.error().field == "ics");
        return 0;
    }
    for (const auto& holiday : *holidays) {
        TICKETFLOW_FUZZ_CHECK(holiday.from.valid() && holiday.to.valid());
        TICKETFLOW_FUZZ_CHECK(!(holiday.to < holiday.from));
    }
    // What the reader gives is what a calendar is made of. The calendar may refuse a holiday
    // outside its years (1400-9999), naming it; what it accepts must write and read back.
    sla::CalendarSpec spec;
    spec.hours(sla::Weekday::monday) = {{std::chrono::hours{9}, std::chrono::hours{17}}};
    spec.holidays = *holidays;
    const auto calendar = sla::Calendar::make(spec);
    if (!calendar) {
        fuzz::check_validation_error(calendar.error());
        TICKETFLOW_FUZZ_CHECK(calendar.error().field.rfind("holidays[", 0) == 0);
        return 0;
    }
    fuzz::check_round_trip(*calendar);
    return 0;
}

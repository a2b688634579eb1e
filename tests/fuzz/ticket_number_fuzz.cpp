// Ticket-number patterns (core/ticket_number.hpp). A pattern that parses keeps its text, gives
// distinct numbers for distinct sequences on one day (numbers are unique keys in every store),
// the same number for dates with the same sequence key, and refuses sequences past its width.
#include <cstddef>
#include <cstdint>
#include <string>

#include <ticketflow/core/ticket_number.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

// Dates that differ in one unit each from the first, and the ends of the range of time.
const Date dates[] = {{2024, 5, 7}, {2024, 5, 8}, {2024, 6, 7},
                      {2025, 5, 7}, {1, 1, 1},    {9999, 12, 31}};

std::string number(const TicketNumberFormat& format, const Date& date, std::uint64_t sequence) {
    const auto n = format.format(date, sequence);
    if (!n) fuzz::check_error(n.error());
    TICKETFLOW_FUZZ_CHECK(n.has_value());
    return *n;
}

void check_format(const TicketNumberFormat& format) {
    const auto again = TicketNumberFormat::parse(format.pattern());
    TICKETFLOW_FUZZ_CHECK(again.has_value() && *again == format);
    const auto max = format.max_sequence();
    TICKETFLOW_FUZZ_CHECK(max >= 1);
    for (const auto& date : dates) {
        const auto first = number(format, date, 1);
        TICKETFLOW_FUZZ_CHECK(!first.empty());
        if (max >= 2) TICKETFLOW_FUZZ_CHECK(number(format, date, 2) != first);
        number(format, date, max);  // the last one fits
        const auto past = format.format(date, max + 1);
        TICKETFLOW_FUZZ_CHECK(!past.has_value());
        fuzz::check_error(past.error());
        TICKETFLOW_FUZZ_CHECK(past.error().code == ErrorCode::sequence_exhausted);
        // One counter per key: dates sharing a key must give the same numbers.
        if (format.sequence_key(date) == format.sequence_key(dates[0]))
            TICKETFLOW_FUZZ_CHECK(first == number(format, dates[0], 1));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto pattern = fuzz::as_text(data, size);
    const auto format = TicketNumberFormat::parse(pattern);
    if (!format) {
        fuzz::check_validation_error(format.error());
        TICKETFLOW_FUZZ_CHECK(format.error().field == "number_pattern");
        return 0;
    }
    TICKETFLOW_FUZZ_CHECK(format->pattern() == pattern);
    check_format(*format);
    return 0;
}

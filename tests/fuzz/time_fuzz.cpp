// ISO 8601 timestamps, dates and durations (core/time.hpp): every text read is in the range of
// time, and what is written back reads back to the same value and the same text.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <ticketflow/core/time.hpp>

#include "fuzz_support.hpp"

using namespace ticketflow;

namespace {

void check_timestamp(std::string_view text) {
    const auto t = parse_iso8601(text);
    if (!t) return;
    fuzz::check_in_range(*t);
    // Written in UTC, the canonical form: it must read back to the same instant and text.
    const std::string written = to_iso8601(*t);
    TICKETFLOW_FUZZ_CHECK(fuzz::valid_utf8(written));
    const auto again = parse_iso8601(written);
    TICKETFLOW_FUZZ_CHECK(again && *again == *t);
    TICKETFLOW_FUZZ_CHECK(to_iso8601(*again) == written);
}

void check_date(std::string_view text) {
    const auto d = parse_date(text);
    if (!d) return;
    TICKETFLOW_FUZZ_CHECK(d->valid());
    const std::string written = to_string(*d);
    const auto again = parse_date(written);
    TICKETFLOW_FUZZ_CHECK(again && *again == *d);
}

void check_duration(std::string_view text) {
    const auto d = parse_duration(text);
    if (!d) return;
    // Units are d, h, m and s without signs: a duration read is never negative (a wrapped sum
    // would be).
    TICKETFLOW_FUZZ_CHECK(d->count() >= 0);
    const std::string written = format_duration(*d);
    const auto again = parse_duration(written);
    TICKETFLOW_FUZZ_CHECK(again && *again == *d);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Every reader sees every input: a seed of one kind is a near miss for the others.
    const auto text = fuzz::as_text(data, size);
    check_timestamp(text);
    check_date(text);
    check_duration(text);
    return 0;
}
